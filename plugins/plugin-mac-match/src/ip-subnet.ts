// Address and subnet arithmetic for both families, on top of the ip-address package.

import { assert } from '@rejviz/core';
import { Address4, Address6 } from 'ip-address';
import type { IpFamily } from './types.js';

type Address = Address4 | Address6;

/** The family of an address text (with or without /prefix): IPv6 texts contain ':'. */
export function familyOf(text: string): IpFamily {
  return text.includes(':') ? 'ipv6' : 'ipv4';
}

/** Parses `address` or `address/prefix` of the given family; undefined when malformed. */
export function parseAddress(text: string, family: IpFamily = familyOf(text)): Address | undefined {
  if (familyOf(text) !== family || text.includes('%')) return undefined;
  try {
    return family === 'ipv4' ? new Address4(text) : new Address6(text);
  } catch {
    return undefined;
  }
}

/** The prefix length of a dotted-quad netmask, or undefined when malformed or not contiguous. */
export function netmaskToPrefix(netmask: string): number | undefined {
  const mask = parseAddress(netmask, 'ipv4');
  if (mask === undefined || mask.subnetMask !== 32) return undefined;
  const bits = mask.binaryZeroPad();
  if (!/^1*0*$/.test(bits)) return undefined;
  return bits.includes('0') ? bits.indexOf('0') : 32;
}

/**
 * The prefix libvirt gives an `<ip>` without prefix= or netmask= (virSocketAddrGetIPPrefix): the
 * classful one for IPv4 (A /8, B /16, C /24; 0.0.0.0 is /0; classes D and E have none) and /64
 * for IPv6.
 */
export function defaultPrefix(address: string): number | undefined {
  if (familyOf(address) === 'ipv6') return 64;
  const first = Number(address.split('.')[0]);
  if (address === '0.0.0.0') return 0;
  if (first < 128) return 8;
  if (first < 192) return 16;
  if (first < 224) return 24;
  return undefined;
}

/** `address/prefix` with the host bits cleared (192.168.122.1, 24 → 192.168.122.0/24). */
export function subnetCidr(address: string, prefix: number): string {
  const parsed = parseAddress(`${address}/${prefix}`);
  assert(parsed !== undefined, `${address}/${prefix} is not a subnet`);
  return `${parsed.startAddress().correctForm()}/${prefix}`;
}

/** The prefix length written in `cidr`, or the full length of its family when it has none. */
export function prefixOf(cidr: string): number {
  const slash = cidr.indexOf('/');
  if (slash >= 0) return Number(cidr.slice(slash + 1));
  return familyOf(cidr) === 'ipv4' ? 32 : 128;
}

/** How a guest's `address/prefix` relates to a network's subnet. */
export type SubnetRelation = 'inside' | 'partial' | 'apart';

/**
 * 'inside' when the guest's whole subnet lies within the network's (so the guest and the network
 * agree on what is on-link), 'partial' when they overlap but the guest's subnet sticks out (a
 * wider prefix, or the network inside the guest's subnet), 'apart' otherwise.
 */
export function relateSubnets(guestCidr: string, networkCidr: string): SubnetRelation {
  const guest = parseAddress(guestCidr);
  const network = parseAddress(networkCidr);
  if (guest === undefined || network === undefined || familyOf(guestCidr) !== familyOf(networkCidr)) return 'apart';
  if (guest.isInSubnet(network)) return 'inside';
  // Two CIDR blocks overlap exactly when one contains the other's first address.
  if (guest.isHostInSubnet(network) || network.startAddress().isHostInSubnet(guest)) return 'partial';
  return 'apart';
}

/** Whether `address` (no prefix) lies between `start` and `end` inclusive; false across families. */
export function addressInRange(address: string, start: string, end: string): boolean {
  const [value, low, high] = [address, start, end].map((text) => parseAddress(text.split('/')[0] ?? text)?.bigInt());
  if (value === undefined || low === undefined || high === undefined) return false;
  if (familyOf(address) !== familyOf(start)) return false;
  return low <= value && value <= high;
}
