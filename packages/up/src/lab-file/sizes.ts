// Sizes in the lab file: MiB as a bare number, or a number with a unit M, G or T (binary, as
// qemu-img and virt-install read them).
const UNIT_MIB: Record<string, number> = { '': 1, M: 1, G: 1024, T: 1024 * 1024 };

/** The size in whole MiB, or undefined when the text is not a size or is below 1 MiB. */
export function sizeMiB(value: number | string): number | undefined {
  const match = /^([0-9]+(?:\.[0-9]+)?)([MGT]?)$/.exec(String(value));
  if (!match) return undefined;
  const mib = Math.round(Number(match[1]) * UNIT_MIB[match[2] ?? '']!);
  return Number.isSafeInteger(mib) && mib >= 1 ? mib : undefined;
}

/** A size in MiB as a person reads it: 512M, 2G, 1.5G. */
export function sizeText(mib: number): string {
  if (mib >= 1024 && mib % 1024 === 0) return `${mib / 1024}G`;
  if (mib >= 1024) return `${Math.round((mib / 1024) * 10) / 10}G`;
  return `${mib}M`;
}
