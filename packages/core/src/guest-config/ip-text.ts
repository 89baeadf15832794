// IP address texts: which family, one canonical spelling (so the same address from two formats
// compares equal), and prefix lengths written as numbers or as dotted netmasks.
import { Address4, Address6 } from 'ip-address';

export type IpFamily = 4 | 6;

/** The family of a bare address (no /prefix, no %zone); null when it is neither. */
export function ipFamily(text: string): IpFamily | null {
  if (text.includes('/') || text.includes('%')) return null;
  if (Address4.isValid(text)) return 4;
  if (text.includes(':') && Address6.isValid(text)) return 6;
  return null;
}

/** A bare address in canonical form: IPv6 lowercase and compressed (RFC 5952); IPv4 unchanged. */
export function canonicalIp(text: string): string {
  // correctForm() spells an embedded IPv4 part as hex; leave such rare addresses as written.
  if (ipFamily(text) !== 6 || text.includes('.')) return text.toLowerCase();
  return new Address6(text).correctForm();
}

/** A gateway text: canonical, with a %zone (ifcfg IPV6_DEFAULTGW=fe80::1%eth0) dropped; null if invalid or of another family. */
export function gatewayText(text: string, family?: IpFamily): string | null {
  const bare = text.trim().replace(/%[^%]*$/, '');
  const found = ipFamily(bare);
  return found === null || (family !== undefined && found !== family) ? null : canonicalIp(bare);
}

/** The prefix length written as digits, in range for the family; null otherwise. */
export function prefixNumber(text: string, family: IpFamily): number | null {
  if (!/^\d{1,3}$/.test(text.trim())) return null;
  const n = Number(text);
  return n <= (family === 4 ? 32 : 128) ? n : null;
}

/** The prefix length of a contiguous dotted IPv4 netmask; null when malformed or not contiguous. */
export function netmaskPrefix(mask: string): number | null {
  if (ipFamily(mask.trim()) !== 4) return null;
  const bits = mask.trim().split('.').map((o) => Number(o).toString(2).padStart(8, '0')).join('');
  if (!/^1*0*$/.test(bits)) return null;
  return bits.indexOf('0') === -1 ? 32 : bits.indexOf('0');
}
