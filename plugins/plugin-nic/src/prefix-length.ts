// Reads prefix lengths and netmasks given in --nic values (the range is core's: parsePrefixLength).

import { maskToPrefix, parseIpv4, parsePrefixLength, PREFIX_RANGE } from '@rejviz/core/nic';
import { shown } from '@rejviz/core';
import type { NicDiagnostics } from './nic-diagnostics.js';

/** Parses a prefix length in 1..max (decimal, no sign, no leading zeros); row 17. */
export function parsePrefix(text: string, max: 32 | 128, where: string, diag: NicDiagnostics): number {
  const value = parsePrefixLength(text, max);
  if (value === undefined) diag.fail(`${where} ${shown(text)} is out of range: ${PREFIX_RANGE}`);
  return value;
}

/** Parses a dotted netmask to its prefix length; rows 16 and 17. */
export function parseNetmask(text: string, diag: NicDiagnostics): number {
  const mask = parseIpv4(text);
  if (mask === undefined) diag.fail(`invalid netmask ${shown(text)}; use a dotted mask like 255.255.255.0 or prefix=NN`);
  const prefix = maskToPrefix(mask);
  if (prefix === undefined) diag.fail(`netmask ${text} is not contiguous; use a mask like 255.255.255.0 or prefix=NN`);
  if (prefix === 0) diag.fail(`netmask ${text} is /0: ${PREFIX_RANGE}`);
  return prefix;
}
