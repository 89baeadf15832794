// IP addresses and subnets of both families, on top of the ip-address package: the one module
// every reader, rule and renderer of addresses uses (--nic values, manifests, guest files, libvirt
// networks). Text in, canonical text out: IPv4 as a dotted quad, IPv6 in RFC 5952 form.
import { Address4, Address6 } from 'ip-address';

export type IpFamily = 4 | 6;

/** One interface address: canonical text and prefix length. */
export interface IpAddress {
  address: string;
  prefix: number;
}

/**
 * How address text is read. 'strict' is for what users give rejviz (--nic values, manifests):
 * exactly a bare address, and a prefix of 1..max written without sign or leading zero. 'lenient'
 * is for what another program already accepted (a guest's network files, libvirt's XML): blanks
 * around the text and an IPv6 %zone are ignored, and a prefix may be 0 or have leading zeros.
 * Both refuse IPv4 forms other than the dotted quad ("10.1", "010.0.0.1"): tools read them as
 * different addresses.
 */
export type IpReading = 'strict' | 'lenient';

/** How every prefix-length message states the valid range. */
export const PREFIX_RANGE = 'prefix must be 1-32 (IPv4) / 1-128 (IPv6)';

const net = (address: string, prefix: number): IpAddress => ({ address, prefix });
// What no host may use as its own unicast address, by family, with the words messages use.
const UNUSABLE: Record<IpFamily, [IpAddress, string][]> = {
  4: [[net('0.0.0.0', 8), 'is in 0.0.0.0/8 ("this network")'], [net('127.0.0.0', 8), 'is a loopback address'], [net('224.0.0.0', 4), 'is a multicast address'], [net('240.0.0.0', 4), 'is reserved or the broadcast address']],
  6: [[net('::', 128), 'is the unspecified address'], [net('::1', 128), 'is the loopback address'], [net('ff00::', 8), 'is a multicast address'], [net('::ffff:0:0', 96), 'is an IPv4-mapped address']],
};
const LINK_LOCAL: Record<IpFamily, IpAddress> = { 4: net('169.254.0.0', 16), 6: net('fe80::', 10) };

/** Which family a value is meant to be: anything with a ':' is read as IPv6. */
export function intendedFamily(text: string): IpFamily {
  return text.includes(':') ? 6 : 4;
}

/** The longest prefix of a family. */
export function maxPrefix(family: IpFamily): 32 | 128 {
  return family === 4 ? 32 : 128;
}

// `address` (canonical or not) with an optional prefix, parsed; throws on bad text.
function parsed(address: string, prefix?: number): Address4 | Address6 {
  const text = prefix === undefined ? address : `${address}/${prefix}`;
  return intendedFamily(address) === 4 ? new Address4(text) : new Address6(text);
}

/** A bare IP literal in canonical form, or undefined when it is not one (of `family`, when given) under `reading`. */
export function parseIp(text: string, reading: IpReading = 'strict', family?: IpFamily): string | undefined {
  const trimmed = reading === 'lenient' ? text.trim() : text;
  const bare = reading === 'lenient' && trimmed.includes(':') ? trimmed.replace(/%[^%]*$/, '') : trimmed;
  const found = intendedFamily(bare);
  if ((family !== undefined && found !== family) || /[/%\s]/.test(bare)) return undefined;
  if (found === 4) return Address4.isValid(bare) ? bare : undefined;
  if (!Address6.isValid(bare)) return undefined;
  // correctForm() would spell an embedded IPv4 part (::ffff:1.2.3.4) in hex; keep it dotted.
  const v6 = new Address6(bare);
  return bare.includes('.') ? v6.to4in6() : v6.correctForm();
}

/** Whether `prefix` is a prefix length an interface address of `family` may have: a whole number 1..max. */
export function isPrefixLength(prefix: number, family: IpFamily): boolean {
  return Number.isInteger(prefix) && prefix >= 1 && prefix <= maxPrefix(family);
}

/** A prefix length written as decimal digits, in range for `family` under `reading`; undefined otherwise. */
export function parsePrefix(text: string, family: IpFamily, reading: IpReading = 'strict'): number | undefined {
  const digits = reading === 'lenient' ? text.trim() : text;
  if (!(reading === 'lenient' ? /^[0-9]{1,3}$/ : /^[1-9][0-9]{0,2}$/).test(digits)) return undefined;
  const value = Number(digits);
  // Lenient: 0 too, which libvirt's prefix='0' and some guest files use for "not given".
  return isPrefixLength(value, family) || (reading === 'lenient' && value === 0) ? value : undefined;
}

/** The prefix length (0-32) of a contiguous dotted IPv4 netmask, or undefined when it is malformed or has holes. */
export function netmaskToPrefix(text: string, reading: IpReading = 'strict'): number | undefined {
  const mask = parseIp(text, reading, 4);
  if (mask === undefined) return undefined;
  const bits = new Address4(mask).binaryZeroPad();
  if (!/^1*0*$/.test(bits)) return undefined;
  return bits.includes('0') ? bits.indexOf('0') : 32;
}

/** The dotted netmask of an IPv4 prefix length. */
export function prefixToNetmask(prefix: number): string {
  return Address4.fromBigInt(((1n << BigInt(prefix)) - 1n) << BigInt(32 - prefix)).correctForm();
}

/** The ADDRESS/PREFIX text of an interface address, as messages and files write it. */
export function cidrText(a: IpAddress): string {
  return `${a.address}/${a.prefix}`;
}

/** The subnet an interface address lies in: its network address (host bits cleared) and prefix. */
export function subnetOf(a: IpAddress): IpAddress {
  return { address: parsed(a.address, a.prefix).startAddress().correctForm(), prefix: a.prefix };
}

/** The broadcast address of an IPv4 interface address' subnet. */
export function broadcastOf(a: IpAddress): string {
  return parsed(a.address, a.prefix).endAddress().correctForm();
}

/** Whether an IPv4 address is the network or broadcast address of its subnet (never for /31, /32 or IPv6). */
export function isNetworkOrBroadcast(a: IpAddress): boolean {
  if (intendedFamily(a.address) === 6 || a.prefix >= 31) return false;
  return a.address === subnetOf(a).address || a.address === broadcastOf(a);
}

/** Whether a canonical address lies inside the subnet of an interface address; false across families. */
export function inSubnet(address: string, net: IpAddress): boolean {
  if (intendedFamily(address) !== intendedFamily(net.address)) return false;
  return parsed(address).isInSubnet(parsed(net.address, net.prefix));
}

/** How one subnet relates to another. */
export type SubnetRelation = 'inside' | 'partial' | 'apart';

/**
 * 'inside' when the whole subnet of `inner` lies within that of `outer` (so both agree on what is
 * on-link), 'partial' when they overlap but `inner` sticks out (a wider prefix, or `outer` inside
 * it), 'apart' otherwise (and across families).
 */
export function relateSubnets(inner: IpAddress, outer: IpAddress): SubnetRelation {
  if (intendedFamily(inner.address) !== intendedFamily(outer.address)) return 'apart';
  const a = parsed(inner.address, inner.prefix);
  const b = parsed(outer.address, outer.prefix);
  if (a.isInSubnet(b)) return 'inside';
  // Two CIDR blocks overlap exactly when one contains the other's first address.
  return a.isHostInSubnet(b) || b.startAddress().isHostInSubnet(a) ? 'partial' : 'apart';
}

/** Whether `address` lies between `start` and `end` inclusive; false across families. */
export function addressInRange(address: string, start: string, end: string): boolean {
  const family = intendedFamily(address);
  if (intendedFamily(start) !== family || intendedFamily(end) !== family) return false;
  const value = parsed(address).bigInt();
  return parsed(start).bigInt() <= value && value <= parsed(end).bigInt();
}

/** Why a canonical address cannot be a host's unicast address ("is a loopback address"), or undefined when it can. */
export function unusableReason(address: string): string | undefined {
  return UNUSABLE[intendedFamily(address)].find(([subnet]) => inSubnet(address, subnet))?.[1];
}

/** Whether a canonical address is link-local (169.254.0.0/16, fe80::/10). */
export function isLinkLocal(address: string): boolean {
  return inSubnet(address, LINK_LOCAL[intendedFamily(address)]);
}

/** The address `n` places after `address` in its family, or undefined past the family's last address. */
export function addressPlus(address: string, n: number | bigint): string | undefined {
  const family = intendedFamily(address);
  const value = parsed(address).bigInt() + BigInt(n);
  if (value < 0n || value >= 1n << BigInt(maxPrefix(family))) return undefined;
  return family === 4 ? Address4.fromBigInt(value).correctForm() : Address6.fromBigInt(value).correctForm();
}
