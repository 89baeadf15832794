// A serial console log as lines fit for an error message. The log holds what the guest wrote to
// its serial port byte for byte: colours and cursor moves (systemd's "[  OK  ]"), carriage
// returns that redraw a line, other control characters, and lines as long as the guest made
// them. Secrets a guest may print there are removed (console-secrets.ts).
import { withoutSecrets } from './console-secrets.js';

/** How many characters of a line are kept; a longer one is cut and ends with '…'. */
export const MAX_LINE = 160;

// ECMA-48: CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ST), a character-set designation
// (ESC ( B), and any other two-byte escape.
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[()*+].|\x1b[^\n]?/g;
// C0 controls but tab, DEL, C1 controls (as decoded from UTF-8).
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** One line as a terminal would show it: the text after its last carriage return, controls removed. */
function visible(line: string): string {
  const parts = line.replace(/\r+$/, '').split('\r');
  // A carriage return redraws the line from its start: what shows is the last non-empty drawing.
  const shown = parts.reverse().find((p) => p.trim() !== '') ?? '';
  return shown.replace(/\t/g, ' ').replace(CONTROLS, '').trimEnd();
}

const cut = (line: string) => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line);

/** The log's text as clean lines, blank ones dropped, secrets removed, long lines cut. */
export function consoleLines(text: string): string[] {
  const lines = text.replace(ESCAPES, '').split('\n').map(visible).filter((l) => l.trim() !== '');
  return withoutSecrets(lines).map(cut);
}

/** The last `count` clean lines of the log's text. */
export function consoleTail(text: string, count = 20): string[] {
  return consoleLines(text).slice(-count);
}
