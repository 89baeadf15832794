// Interface names in the order people expect: eth2 before eth10 (digit runs compare as numbers).

/** Negative, zero or positive as `a` sorts before, with or after `b` in natural order. */
export function naturalCompare(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (x === y) continue;
    // Odd indexes of a split on a capturing group are the digit runs.
    if (i % 2 === 1) return Number(x) - Number(y) || x.length - y.length;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}
