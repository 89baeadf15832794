// Small statistics helpers for the benchmarks.

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Milliseconds, one decimal. */
export const ms = (x: number) => `${x.toFixed(1)} ms`;
/** Seconds, two decimals. */
export const sec = (x: number) => `${(x / 1000).toFixed(2)} s`;
