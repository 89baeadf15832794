// The words of --nic: its keys, and the values the keys with a fixed set of values take. Kept
// apart from the parser (no import but core's main entry), so that shell completion (option-values.ts) offers exactly
// these without loading the address parser.

/**
 * The keys --nic understands. `ipaddr`/`gateway` take either family (the address decides);
 * `ip6addr`/`gateway6` are IPv6-only so that one --nic can carry both families (dual stack).
 * `prefix`/`netmask`/`network`/`broadcast` refer to the IPv4 address; IPv6 prefixes are written
 * inline (`ip6addr=2001:db8::5/64`). dns1..dns3 because the resolver uses at most three servers.
 */
export const NIC_KEYS = [
  'name', 'hwaddr', 'bootproto', 'ipaddr', 'prefix', 'netmask', 'gateway', 'ip6addr', 'gateway6',
  'dns1', 'dns2', 'dns3', 'mtu', 'defroute', 'onlink', 'network', 'broadcast',
] as const;
export type NicKey = (typeof NIC_KEYS)[number];

/** The values bootproto takes (core's list: the NIC rules judge them). */
export { BOOTPROTOS } from '@rejviz/core';

/** The values of the yes/no keys (defroute, onlink). */
export const YES_NO = ['yes', 'no'] as const;
