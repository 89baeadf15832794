// Progress as plain lines, for a log or a pipe: one line each time the download passes another
// tenth of the file (every 5 s when the size is unknown), and one per phase.
import { formatBytes, phaseWords, type ProgressEvent, type ProgressRenderer } from './progress-event.js';

export interface LinesOptions {
  write(text: string): void;
  /** Percent between lines. */
  step?: number;
  /** Between lines when the size is unknown. */
  intervalMs?: number;
  now?: () => number;
}

/** A renderer writing a line now and then. */
export function progressLines(options: LinesOptions): ProgressRenderer {
  const step = options.step ?? 10;
  const interval = options.intervalMs ?? 5_000;
  const now = options.now ?? (() => performance.now());
  let lastPercent = -1;
  let lastAt = -Infinity;
  let lastPhase: string | null = null;
  return {
    update(e) {
      if (e.phase !== 'download') {
        if (lastPhase !== e.phase) options.write(`${e.label}: ${phaseWords(e.phase)}\n`);
        lastPhase = e.phase;
        return;
      }
      lastPhase = e.phase;
      if (e.total) {
        const percent = Math.min(100, Math.floor((e.received / e.total) * 100));
        const reached = Math.floor(percent / step) * step;
        if (reached <= lastPercent) return;
        lastPercent = reached;
        options.write(`${e.label}: ${reached}% (${formatBytes(e.received)} of ${formatBytes(e.total)})\n`);
        return;
      }
      if (now() - lastAt < interval) return;
      lastAt = now();
      options.write(`${e.label}: ${formatBytes(e.received)}\n`);
    },
    end() {
      lastPercent = -1;
      lastPhase = null;
      lastAt = -Infinity;
    },
  };
}

