// Reads prefix lengths and netmasks given in --nic values, with --nic's messages (the readings
// and the range are core's: parsePrefix, netmaskToPrefix).

import { netmaskToPrefix, parseIp, parsePrefix, PREFIX_RANGE, type IpFamily } from '@rejviz/core/nic';
import { shown } from '@rejviz/core';
import type { NicDiagnostics } from './nic-diagnostics.js';

/**
 * Parses a prefix length in 1..max (decimal, no sign, no leading zeros);
 * docs/network-formats.md#bad-nic-input, row 17.
 */
export function readPrefix(text: string, family: IpFamily, where: string, diag: NicDiagnostics): number {
  const value = parsePrefix(text, family);
  if (value === undefined) diag.fail(`${where} ${shown(text)} is out of range: ${PREFIX_RANGE}`);
  return value;
}

/** Reads a dotted netmask as its prefix length; rows 16 and 17. */
export function readNetmask(text: string, diag: NicDiagnostics): number {
  if (parseIp(text, 'strict', 4) === undefined) diag.fail(`invalid netmask ${shown(text)}; use a dotted mask like 255.255.255.0 or prefix=NN`);
  const prefix = netmaskToPrefix(text);
  if (prefix === undefined) diag.fail(`netmask ${text} is not contiguous; use a mask like 255.255.255.0 or prefix=NN`);
  if (prefix === 0) diag.fail(`netmask ${text} is /0: ${PREFIX_RANGE}`);
  return prefix;
}
