// Which progress renderer a stream gets: the bar on a terminal, plain lines otherwise (a log, a
// pipe, CI). Progress goes to stderr, so that stdout stays for --json.
import { progressBar } from './progress-bar.js';
import type { ProgressRenderer } from './progress-event.js';
import { progressLines } from './progress-lines.js';

/** The renderer for `stream` (process.stderr). */
export function progressRendererFor(stream: NodeJS.WriteStream): ProgressRenderer {
  const write = (text: string) => void stream.write(text);
  return stream.isTTY ? progressBar({ write, columns: stream.columns || 80 }) : progressLines({ write });
}
