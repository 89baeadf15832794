// What pullImage reports while it works, for a progress bar (progress-bar.ts) on a terminal or
// plain lines (progress-lines.ts) in a log.

export type ProgressPhase = 'download' | 'check' | 'decompress' | 'convert';

export interface ProgressEvent {
  /** The image source as the user named it. */
  label: string;
  phase: ProgressPhase;
  /** Download: bytes in the file so far; other phases: 0. */
  received: number;
  /** Download: the file's size when known. */
  total: number | null;
}

export interface ProgressRenderer {
  update(event: ProgressEvent): void;
  /** The work is over (done or failed): finish the line. */
  end(): void;
}

const PHASE_WORDS: Readonly<Record<Exclude<ProgressPhase, 'download'>, string>> = {
  check: 'checking the cached image',
  decompress: 'decompressing',
  convert: 'converting to qcow2',
};

/** The words for a phase other than download. */
export function phaseWords(phase: Exclude<ProgressPhase, 'download'>): string {
  return PHASE_WORDS[phase];
}

/** "12.3 MiB". */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} B` : `${value.toFixed(1)} ${units[unit]}`;
}
