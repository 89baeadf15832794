// IPv6 text handling on top of the ip-address package: canonical form and subnet membership.

import { Address6 } from 'ip-address';

/** Parses a bare IPv6 address (no prefix, no zone) to RFC 5952 text, or undefined when malformed. */
export function parseIpv6(text: string): string | undefined {
  if (text.includes('/') || text.includes('%') || !text.includes(':')) return undefined;
  try {
    return new Address6(text).correctForm();
  } catch {
    return undefined;
  }
}

/** Whether IPv6 `address` lies inside `network/prefix`. */
export function ipv6InSubnet(address: string, network: string, prefix: number): boolean {
  return new Address6(address).isInSubnet(new Address6(`${network}/${prefix}`));
}

/** Why an IPv6 address cannot be a host's unicast address, or undefined when it can. */
export function ipv6Unusable(address: string): string | undefined {
  const parsed = new Address6(address);
  if (address === '::') return 'is the unspecified address';
  if (address === '::1') return 'is the loopback address';
  if (parsed.isMulticast()) return 'is a multicast address';
  if (parsed.isInSubnet(new Address6('::ffff:0:0/96'))) return 'is an IPv4-mapped address';
  return undefined;
}

/** Whether an IPv6 address is link-local (fe80::/10). */
export function isIpv6LinkLocal(address: string): boolean {
  return new Address6(address).isInSubnet(new Address6('fe80::/10'));
}
