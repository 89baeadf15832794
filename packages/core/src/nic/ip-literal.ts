// Family-agnostic helpers over ipv4.ts and ipv6.ts, for keys that accept either family.

import { networkOf, parseIpv4 } from './ipv4.js';
import { ipv6InSubnet, parseIpv6 } from './ipv6.js';
import type { IpAddress } from './nic-config.js';

export type IpFamily = 4 | 6;

/** Which family a value is meant to be: anything with a ':' is read as IPv6. */
export function intendedFamily(text: string): IpFamily {
  return text.includes(':') ? 6 : 4;
}

/** Parses a bare IP literal of either family to canonical text, or undefined when malformed. */
export function parseIpLiteral(text: string): string | undefined {
  if (intendedFamily(text) === 6) return parseIpv6(text);
  return parseIpv4(text) === undefined ? undefined : text;
}

/** Whether a canonical address lies inside the subnet of an interface address of the same family. */
export function inSubnet(address: string, net: IpAddress): boolean {
  if (intendedFamily(address) === 6) return ipv6InSubnet(address, net.address, net.prefix);
  const a = parseIpv4(address);
  const n = parseIpv4(net.address);
  return a !== undefined && n !== undefined && networkOf(a, net.prefix) === networkOf(n, net.prefix);
}
