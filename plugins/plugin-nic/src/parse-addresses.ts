// Reads the address keys of one --nic (ipaddr, ip6addr, prefix, netmask, network, broadcast):
// validation table rows 13-19 and 30, and the explicit /24 default.

import { broadcastOf, formatIpv4, ipv4Unusable, isIpv4LinkLocal, isNetworkOrBroadcast, networkOf, parseIpv4 } from './ipv4.js';
import { ipv6Unusable, isIpv6LinkLocal, parseIpv6 } from './ipv6.js';
import { intendedFamily } from './ip-literal.js';
import { shown, type NicDiagnostics } from './nic-diagnostics.js';
import type { NicKey } from './nic-option.js';
import { parseNetmask, parsePrefix } from './prefix-length.js';
import type { IpAddress } from './types.js';

type Items = ReadonlyMap<NicKey, string>;

// rejviz's README promised "/32" but its code inferred /24; guest tools would otherwise apply
// classful defaults (10.0.0.5 → /8), so rejviz writes /24 explicitly and says so.
const DEFAULT_IPV4_PREFIX = 24;

/** Parses `ADDR/NN` for IPv6: the prefix is mandatory and zones are refused (row 30). */
function parseIpv6Cidr(text: string, key: NicKey, diag: NicDiagnostics): IpAddress {
  const slash = text.lastIndexOf('/');
  if (text.includes('%') || slash < 0) {
    diag.fail(`IPv6 address needs an explicit /prefix and no %zone: ${shown(text)} in ${key} (e.g. ${key}=2001:db8::5/64)`);
  }
  const address = parseIpv6(text.slice(0, slash));
  if (address === undefined) diag.fail(`invalid IPv6 address ${shown(text.slice(0, slash))} in ${key}`);
  const prefix = parsePrefix(text.slice(slash + 1), 128, `${key} prefix`, diag);
  const unusable = ipv6Unusable(address);
  if (unusable) diag.fail(`${key} ${address} is not a usable unicast host address (it ${unusable})`);
  if (isIpv6LinkLocal(address)) diag.warn(`${key} ${address} is link-local; the kernel already adds one, a global address is usually meant`);
  return { address, prefix };
}

/** Collects the IPv4 prefix from the inline /NN, prefix= and netmask=, which must agree (row 18). */
function ipv4Prefix(inline: string | undefined, items: Items, address: string, diag: NicDiagnostics): number {
  const sources: Array<[string, number]> = [];
  if (inline !== undefined) sources.push(['ipaddr prefix', parsePrefix(inline, 32, 'ipaddr prefix', diag)]);
  const prefix = items.get('prefix');
  if (prefix !== undefined) sources.push(['prefix', parsePrefix(prefix, 32, 'prefix', diag)]);
  const netmask = items.get('netmask');
  if (netmask !== undefined) sources.push(['netmask', parseNetmask(netmask, diag)]);
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

/** Checks the deprecated network=/broadcast= keys against the address (row 19). */
function checkDerivedKeys(items: Items, value: number, prefix: number, diag: NicDiagnostics): void {
  const derived: Array<['network' | 'broadcast', number]> = [['network', networkOf(value, prefix)], ['broadcast', broadcastOf(value, prefix)]];
  for (const [key, expected] of derived) {
    const given = items.get(key);
    if (given === undefined) continue;
    const cidr = `${formatIpv4(value)}/${prefix}`;
    if (parseIpv4(given) !== expected) {
      diag.fail(`${key}=${given} does not match ipaddr ${cidr} (${key} ${formatIpv4(expected)}); drop ${key}= (it is derived)`);
    }
    diag.warn(`${key}= is deprecated and derived from ipaddr and prefix; it can be dropped`);
  }
}

/** Parses the IPv4 `ipaddr` with its prefix (rows 13-19). */
function parseIpv4Address(text: string, items: Items, diag: NicDiagnostics): IpAddress {
  const [addressText = '', inline, ...extra] = text.split('/');
  const value = parseIpv4(addressText);
  if (value === undefined || extra.length > 0) {
    diag.fail(`invalid IPv4 address ${shown(text)} in ipaddr (use a dotted quad like 192.168.122.15: four numbers 0-255, no leading zeros)`);
  }
  const unusable = ipv4Unusable(value);
  if (unusable) diag.fail(`ipaddr ${addressText} is not a usable unicast host address (it ${unusable})`);
  if (isIpv4LinkLocal(value)) diag.warn(`ipaddr ${addressText} is link-local (169.254.0.0/16); hosts normally get these automatically`);
  const prefix = ipv4Prefix(inline, items, addressText, diag);
  if (isNetworkOrBroadcast(value, prefix)) {
    const net = `${formatIpv4(networkOf(value, prefix))}/${prefix}`;
    diag.fail(`ipaddr ${addressText} is the network/broadcast address of ${net}; use a host address (or /31, /32)`);
  }
  checkDerivedKeys(items, value, prefix, diag);
  return { address: addressText, prefix };
}

/** Reads ipaddr/ip6addr and the IPv4 prefix keys into at most one address per family. */
export function parseAddresses(items: Items, diag: NicDiagnostics): { ipv4: IpAddress[]; ipv6: IpAddress[] } {
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
  return {
    ipv4: v4text === undefined ? [] : [parseIpv4Address(v4text, items, diag)],
    ipv6: v6 === undefined ? [] : [parseIpv6Cidr(v6, v6text === undefined ? 'ip6addr' : 'ipaddr', diag)],
  };
}
