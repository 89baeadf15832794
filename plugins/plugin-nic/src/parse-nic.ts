// Parses one compact --nic value (`name=eth1,ipaddr=192.168.122.15/24,gateway=192.168.122.1`): the
// syntax is read here, into core's structured NIC, whose rules (checkNic, the same as for a
// manifest's NICs) then judge it. Design of the key set (see NIC_KEYS):
//  * bootproto describes IPv4 only: static (needs an IPv4 ipaddr), dhcp, or none (no IPv4).
//    Without bootproto: static when an IPv4 address is given, none when only IPv6 is, else dhcp.
//  * IPv6 is static when ipaddr/ip6addr holds an IPv6 address (explicit /prefix required),
//    otherwise automatic from router advertisements, the guest's default.
//  * Dual stack: ipaddr=IPv4[/NN],ip6addr=IPv6/NN,gateway=IPv4,gateway6=IPv6.
//  * DNS servers go with any bootproto that has their family (a DHCP NIC may name its own).

import { checkNic, interfaceNameProblem } from '@rejviz/core/nic';
import { checkDerivedKeys } from './derived-keys.js';
import { nicLabel, type NicDiagnostics } from './nic-diagnostics.js';
import { splitNicOption, type NicItems } from './nic-option.js';
import { nicOptionWords } from './nic-words.js';
import { parseAddresses } from './parse-addresses.js';
import { parseGateways } from './parse-gateways.js';
import { parseBootproto, parseMtu, parseYesNo, readDns } from './parse-settings.js';
import type { Bootproto, IpAddress, ParsedNic } from './types.js';

/** A parsed --nic value and the warnings it produced (one line each, naming the NIC). */
export interface ParsedNicOption {
  nic: ParsedNic;
  warnings: string[];
}

function defaultBootproto(ipv4: IpAddress[], ipv6: IpAddress[]): Bootproto {
  if (ipv4.length > 0) return 'static';
  return ipv6.length > 0 ? 'none' : 'dhcp';
}

/** Parses and validates one --nic value; throws UsageError on the first problem. */
export function parseNicOption(value: string): ParsedNicOption {
  return parseNicItems(splitNicOption(value), (name) => nicLabel(name, value));
}

/**
 * Parses and validates a NIC's items, from the compact form or from data (nic-option.ts);
 * `relabel` names the NIC in messages once its name is known to be valid.
 */
export function parseNicItems(split: NicItems, relabel: (name: string) => string): ParsedNicOption {
  const { items } = split;
  const diag: NicDiagnostics = split.diag;
  const name = items.get('name');
  if (name === undefined) diag.fail(`'name' is required; add name=IFNAME (e.g. name=eth1)`);
  // Checked here as well as by checkNic: only a valid name may label the messages that follow.
  const nameProblem = interfaceNameProblem(name);
  if (nameProblem) diag.fail(nameProblem);
  diag.label = relabel(name);

  const given = parseBootproto(items, diag);
  const { ipv4, ipv6, ipv6Key } = parseAddresses(items, diag);
  const { gateway6Key, ...gateways } = parseGateways(items, name, diag);
  const dns = readDns(items);
  const mtu = parseMtu(items, diag);
  const defroute = parseYesNo(items, 'defroute', diag);
  const onlink = parseYesNo(items, 'onlink', diag);
  const hwaddr = items.get('hwaddr');
  const nic = checkNic({
    name,
    ...(hwaddr !== undefined && { mac: hwaddr }),
    bootproto: given ?? defaultBootproto(ipv4, ipv6),
    ipv4,
    ipv6,
    ...gateways,
    dns: dns.dns,
    ...(mtu !== undefined && { mtu }),
    ...(defroute !== undefined && { defroute }),
    ...(onlink !== undefined && { onlink }),
  }, nicOptionWords(name, 0, { ipv6: ipv6Key, gateway6: gateway6Key, dns: dns.keys }), diag, { bootprotoGiven: given !== undefined });
  checkDerivedKeys(items, nic.ipv4[0], diag);
  return { nic, warnings: diag.warnings };
}
