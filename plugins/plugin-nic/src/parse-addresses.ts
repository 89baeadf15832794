// Reads the address keys of one --nic (ipaddr, ip6addr, prefix, netmask) into at most one address
// per family: which family a key holds, where the prefix comes from
// (docs/network-formats.md#bad-nic-input, rows 16-18 and 30), and the explicit /24 default. Whether
// the addresses are usable is judged by core's NIC rules (checkNic).

import { shown } from '@rejviz/core';
import { intendedFamily } from '@rejviz/core/nic';
import type { NicDiagnostics } from './nic-diagnostics.js';
import type { NicKey } from './nic-keys.js';
import { readNetmask, readPrefix } from './prefix-length.js';
import type { IpAddress } from './types.js';

type Items = ReadonlyMap<NicKey, string>;

// rejviz's README promised "/32" but its code inferred /24; guest tools would otherwise apply
// classful defaults (10.0.0.5 → /8), so rejviz writes /24 explicitly and says so.
const DEFAULT_IPV4_PREFIX = 24;

/** Splits `ADDR/NN` for IPv6: the prefix is mandatory and zones are refused (row 30). */
function parseIpv6Cidr(text: string, key: NicKey, diag: NicDiagnostics): IpAddress {
  const slash = text.lastIndexOf('/');
  if (text.includes('%') || slash < 0) {
    diag.fail(`IPv6 address needs an explicit /prefix and no %zone: ${shown(text)} in ${key} (e.g. ${key}=2001:db8::5/64)`);
  }
  return { address: text.slice(0, slash), prefix: readPrefix(text.slice(slash + 1), 6, `${key} prefix`, diag) };
}

/** Collects the IPv4 prefix from the inline /NN, prefix= and netmask=, which must agree (row 18). */
function ipv4Prefix(inline: string | undefined, items: Items, address: string, diag: NicDiagnostics): number {
  const sources: Array<[string, number]> = [];
  if (inline !== undefined) sources.push(['ipaddr prefix', readPrefix(inline, 4, 'ipaddr prefix', diag)]);
  const prefix = items.get('prefix');
  if (prefix !== undefined) sources.push(['prefix', readPrefix(prefix, 4, 'prefix', diag)]);
  const netmask = items.get('netmask');
  if (netmask !== undefined) sources.push(['netmask', readNetmask(netmask, diag)]);
  const [first, ...rest] = sources;
  if (first === undefined) {
    diag.warn(`no prefix given for ${address}; using /${DEFAULT_IPV4_PREFIX} (add /NN to ipaddr or prefix=NN to choose)`);
    return DEFAULT_IPV4_PREFIX;
  }
  for (const [source, value] of rest) {
    if (value !== first[1]) diag.fail(`${first[0]} and ${source} disagree (/${first[1]} vs /${value}); give the prefix once`);
  }
  return first[1];
}

/** Splits the IPv4 `ipaddr` into address and prefix. */
function parseIpv4Address(text: string, items: Items, diag: NicDiagnostics): IpAddress {
  const parts = text.split('/');
  // More than one '/': the whole text goes on as the address, so the address rule reports it as written.
  if (parts.length > 2) return { address: text, prefix: ipv4Prefix(undefined, items, text, diag) };
  const [address = '', inline] = parts;
  return { address, prefix: ipv4Prefix(inline, items, address, diag) };
}

/** Reads ipaddr/ip6addr and the IPv4 prefix keys; also says which key held the IPv6 address. */
export function parseAddresses(items: Items, diag: NicDiagnostics): { ipv4: IpAddress[]; ipv6: IpAddress[]; ipv6Key: NicKey } {
  const ipaddr = items.get('ipaddr');
  const ip6addr = items.get('ip6addr');
  const v4text = ipaddr !== undefined && intendedFamily(ipaddr) === 4 ? ipaddr : undefined;
  const v6text = ipaddr !== undefined && v4text === undefined ? ipaddr : undefined;
  if (ip6addr !== undefined && intendedFamily(ip6addr) === 4) {
    diag.fail(`ip6addr takes an IPv6 address, got ${shown(ip6addr)}; give IPv4 addresses as ipaddr=`);
  }
  if (v6text !== undefined && ip6addr !== undefined) {
    diag.fail(`ipaddr and ip6addr both give an IPv6 address; one address per family: ipaddr=IPv4, ip6addr=IPv6`);
  }
  if (v4text === undefined) {
    for (const key of ['prefix', 'netmask', 'network', 'broadcast'] as const) {
      if (items.has(key)) diag.fail(`${key}= applies to an IPv4 ipaddr, but this NIC has none; write IPv6 prefixes inline (ip6addr=ADDR/NN)`);
    }
  }
  const v6 = v6text ?? ip6addr;
  const ipv6Key = v6text === undefined ? 'ip6addr' : 'ipaddr';
  return {
    ipv4: v4text === undefined ? [] : [parseIpv4Address(v4text, items, diag)],
    ipv6: v6 === undefined ? [] : [parseIpv6Cidr(v6, ipv6Key, diag)],
    ipv6Key,
  };
}
