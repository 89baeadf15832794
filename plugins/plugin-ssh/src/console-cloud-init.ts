// What a guest's serial console says about cloud-init, when nothing better can be asked: each
// stage prints "Cloud-init v. 22.4.2 running 'modules:final' at ..." as it starts and the last one
// "Cloud-init v. 22.4.2 finished at ... Datasource ...  Up 52.31 seconds" (cloud-init's
// cmd/main.py; the units send it to the console), a failed module "[WARNING]: Running module X
// ... failed", and systemd says "[FAILED] Failed to start cloud-final.service".

export interface ConsoleCloudInit {
  /** done: a "finished" line; running: a stage started, none finished since; failed: error lines only. */
  state: 'done' | 'running' | 'failed';
  /** The last stage line ("Cloud-init v. ... running 'init' ..." or "... finished ..."), without what precedes it. */
  line: string | null;
  /** The error lines, as shown (at most the last 5). */
  errors: string[];
}

const STAGE = /Cloud-init v\. \S+ (?:running '[^']+'|finished) .*/;
// Its four units: cloud-init-local, cloud-init, cloud-config, cloud-final.
const UNIT = String.raw`cloud-(?:init|config|final)`;
const ERROR = new RegExp(String.raw`\bcloud-init\b.*\b(?:ERROR|CRITICAL|Traceback)\b|\[WARNING\]: Running module \S+ .*failed|Failed to start .*${UNIT}|\[FAILED\].*${UNIT}`);

/** cloud-init's state as the console lines show it; null when they show nothing of cloud-init. */
export function cloudInitFromConsole(lines: readonly string[]): ConsoleCloudInit | null {
  let line: string | null = null;
  const errors: string[] = [];
  for (const l of lines) {
    const stage = STAGE.exec(l);
    if (stage) line = stage[0].trim();
    else if (ERROR.test(l)) errors.push(l.trim());
  }
  if (line === null && errors.length === 0) return null;
  const state = line !== null && / finished /.test(line) ? 'done' : line !== null ? 'running' : 'failed';
  return { state, line, errors: errors.slice(-5) };
}

/** The status line(s) for an error message. */
export function describeConsoleCloudInit(found: ConsoleCloudInit): string[] {
  const head = found.state === 'done' ? 'done' : found.state === 'running' ? 'running (no "finished" line yet)' : 'failed before any stage began';
  return [
    `${head}${found.errors.length > 0 ? `, with ${found.errors.length === 5 ? '5 or more' : found.errors.length} error line(s)` : ''}${found.line ? `: ${found.line}` : ''}`,
    ...found.errors.map((e) => `  ${e}`),
  ];
}
