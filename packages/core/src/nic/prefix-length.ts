// Prefix lengths written as text: one reading for --nic values and manifest addresses.

/** How every prefix-length message states the valid range. */
export const PREFIX_RANGE = 'prefix must be 1-32 (IPv4) / 1-128 (IPv6)';

/** A prefix length in 1..max written as plain decimal digits (no sign, no leading zero), or undefined. */
export function parsePrefixLength(text: string, max: 32 | 128): number | undefined {
  if (!/^[1-9][0-9]{0,2}$/.test(text)) return undefined;
  const value = Number(text);
  return value <= max ? value : undefined;
}
