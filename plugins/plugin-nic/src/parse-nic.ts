// Parses one compact --nic value (`name=eth1,ipaddr=192.168.122.15/24,gateway=192.168.122.1`) into
// a validated ParsedNic. Design of the key set (see NIC_KEYS):
//  * bootproto describes IPv4 only: static (needs an IPv4 ipaddr), dhcp, or none (no IPv4).
//    Without bootproto: static when an IPv4 address is given, none when only IPv6 is, else dhcp.
//  * IPv6 is static when ipaddr/ip6addr holds an IPv6 address (explicit /prefix required),
//    otherwise automatic from router advertisements, the guest's default.
//  * Dual stack: ipaddr=IPv4[/NN],ip6addr=IPv6/NN,gateway=IPv4,gateway6=IPv6.

import { interfaceNameProblem } from './interface-name.js';
import { checkMac } from './mac-address.js';
import { nicLabel, type NicDiagnostics } from './nic-diagnostics.js';
import { splitNicOption } from './nic-option.js';
import { parseAddresses } from './parse-addresses.js';
import { parseGateways } from './parse-gateways.js';
import { parseBootproto, parseDns, parseMtu, parseYesNo } from './parse-settings.js';
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
  const { items, diag: splitDiag } = splitNicOption(value);
  const diag: NicDiagnostics = splitDiag;
  const name = items.get('name');
  if (name === undefined) diag.fail(`'name' is required; add name=IFNAME (e.g. name=eth1)`);
  const nameProblem = interfaceNameProblem(name);
  if (nameProblem) diag.fail(nameProblem);
  diag.label = nicLabel(name, value);

  const hwaddr = items.get('hwaddr');
  const mac = hwaddr === undefined ? undefined : checkMac(hwaddr, diag);
  const given = parseBootproto(items, diag);
  const { ipv4, ipv6 } = parseAddresses(items, diag);
  const bootproto = given ?? defaultBootproto(ipv4, ipv6);
  if (bootproto === 'static' && ipv4.length === 0) {
    diag.fail(`bootproto=static requires an IPv4 ipaddr (bootproto describes IPv4; for IPv6 only use bootproto=none)`);
  }
  const defroute = parseYesNo(items, 'defroute', diag);
  const onlink = parseYesNo(items, 'onlink', diag);
  const gateways = parseGateways(items, ipv4, ipv6, { name, onlink, diag });
  if (defroute === false) {
    for (const gateway of [gateways.gateway4, gateways.gateway6].filter((g) => g !== undefined)) {
      diag.warn(`gateway ${gateway} is not used as a default route because defroute=no`);
    }
  }
  const mtu = parseMtu(items, ipv6.length > 0, diag);
  const nic: ParsedNic = {
    name,
    ...(mac !== undefined && { mac }),
    bootproto,
    ipv4,
    ipv6,
    ...gateways,
    dns: parseDns(items, bootproto, diag),
    ...(mtu !== undefined && { mtu }),
    ...(defroute !== undefined && { defroute }),
    ...(onlink !== undefined && { onlink }),
  };
  return { nic, warnings: diag.warnings };
}
