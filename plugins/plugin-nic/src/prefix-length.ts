// Reads prefix lengths and netmasks given in --nic values.

import { maskToPrefix, parseIpv4 } from './ipv4.js';
import { shown, type NicDiagnostics } from './nic-diagnostics.js';

const RANGE_HINT = 'prefix must be 1-32 (IPv4) / 1-128 (IPv6)';

/** Parses a prefix length in 1..max (decimal, no sign, no leading zeros); row 17. */
export function parsePrefix(text: string, max: 32 | 128, where: string, diag: NicDiagnostics): number {
  const value = /^(0|[1-9][0-9]{0,2})$/.test(text) ? Number(text) : NaN;
  if (!(value >= 1 && value <= max)) diag.fail(`${where} ${shown(text)} is out of range: ${RANGE_HINT}`);
  return value;
}

/** Parses a dotted netmask to its prefix length; rows 16 and 17. */
export function parseNetmask(text: string, diag: NicDiagnostics): number {
  const mask = parseIpv4(text);
  if (mask === undefined) diag.fail(`invalid netmask ${shown(text)}; use a dotted mask like 255.255.255.0 or prefix=NN`);
  const prefix = maskToPrefix(mask);
  if (prefix === undefined) diag.fail(`netmask ${text} is not contiguous; use a mask like 255.255.255.0 or prefix=NN`);
  if (prefix === 0) diag.fail(`netmask ${text} is /0: ${RANGE_HINT}`);
  return prefix;
}
