// The progress bar for a terminal: one line redrawn in place (carriage return, erase to the end of
// the line) at most every 100 ms, with the bytes, the percentage and the rate.
import { formatBytes, phaseWords, type ProgressEvent, type ProgressRenderer } from './progress-event.js';

export interface BarOptions {
  write(text: string): void;
  /** The terminal's width (process.stderr.columns). */
  columns: number;
  now?: () => number;
}

const REDRAW_MS = 100;

/** A renderer drawing one bar line that it redraws. */
export function progressBar(options: BarOptions): ProgressRenderer {
  const now = options.now ?? (() => performance.now());
  let last = -Infinity;
  let started: number | null = null;
  let drawn = false;
  let pending: ProgressEvent | null = null;

  const draw = (e: ProgressEvent) => {
    if (e.phase !== 'download') {
      options.write(`\r\x1b[K${e.label}: ${phaseWords(e.phase)}`);
      drawn = true;
      return;
    }
    started ??= now();
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0.2 ? ` ${formatBytes(e.received / seconds)}/s` : '';
    const amount = e.total === null ? formatBytes(e.received) : `${formatBytes(e.received)} / ${formatBytes(e.total)}`;
    const percent = e.total ? Math.min(100, Math.floor((e.received / e.total) * 100)) : null;
    const text = `${percent === null ? '' : ` ${String(percent).padStart(3)}%`}  ${amount}${rate}`;
    // " [", "]" and a spare column (a line that fills the terminal wraps on some).
    const room = options.columns - e.label.length - text.length - 4;
    const bar = percent === null || room < 10 ? '' : ` [${'#'.repeat(Math.round((room * percent) / 100)).padEnd(room, '.')}]`;
    options.write(`\r\x1b[K${e.label}${bar}${text}`);
    drawn = true;
  };

  return {
    update(e) {
      const t = now();
      const finished = e.total !== null && e.received >= e.total;
      if (e.phase === 'download' && !finished && t - last < REDRAW_MS) {
        pending = e;
        return;
      }
      last = t;
      pending = null;
      draw(e);
    },
    end() {
      if (pending) draw(pending);
      if (drawn) options.write('\n');
      drawn = false;
      pending = null;
    },
  };
}
