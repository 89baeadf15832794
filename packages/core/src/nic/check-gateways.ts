// The gateway rules (docs/network-formats.md#bad-nic-input, rows 20-21): a gateway is a well-formed
// address of its family, a usable next hop on this NIC, and inside one of its subnets unless
// declared on-link.
import { shown } from '../shown.js';
import { inSubnet, isLinkLocal, isNetworkOrBroadcast, maxPrefix, parseIp, subnetOf, unusableReason, type IpAddress, type IpFamily } from './ip-address.js';
import type { NicConfig } from './nic-config.js';
import type { NicReport, NicWords } from './nic-words.js';

const cidr = (a: IpAddress) => `${a.address}/${a.prefix}`;

/** Why a gateway cannot be a next hop on this NIC, or undefined (both sides already checked and canonical). */
function nextHopProblem(gateway: string, addresses: readonly IpAddress[]): string | undefined {
  const unusable = unusableReason(gateway);
  if (unusable) return `it ${unusable}`;
  for (const a of addresses) {
    if (a.address === gateway) return "it is this NIC's own address";
    // Never so for IPv6, which has no broadcast address and whose subnet-router anycast is a router.
    if (inSubnet(gateway, a) && isNetworkOrBroadcast({ address: gateway, prefix: a.prefix })) {
      const net = subnetOf(a);
      return `it is the network/broadcast address of ${net.address}/${net.prefix}`;
    }
  }
  return undefined;
}

/** Checks one gateway against the NIC's (checked, canonical) addresses of its family; returns it canonical. */
function checkGateway(text: string, family: IpFamily, nic: NicConfig, words: NicWords, report: NicReport): string {
  const field = words.gateway(family);
  const gateway = parseIp(text, 'strict', family);
  if (gateway === undefined) report.fail(`invalid IPv${family} address ${shown(text)} in ${field}`);
  const addresses = family === 4 ? nic.ipv4 : nic.ipv6;
  const first = addresses[0];
  if (first === undefined) {
    report.fail(`${field} ${gateway} is not a valid next hop: this NIC has no static IPv${family} address (add ${words.addAddress(family)})`);
  }
  const problem = nextHopProblem(gateway, addresses);
  if (problem) report.fail(`${field} ${gateway} is not a valid next hop for ${cidr(first)} (${problem})`);
  // A link-local IPv6 gateway is always on-link; anything else must sit inside an address' subnet
  // unless the address is a host route (/32, /128), for which on-link is implied.
  const onSubnet = (family === 6 && isLinkLocal(gateway)) || addresses.some((a) => inSubnet(gateway, a));
  const hostRoute = addresses.every((a) => a.prefix === maxPrefix(family));
  if (!onSubnet && hostRoute && nic.onlink === false) {
    report.fail(`${field} ${gateway} is outside ${cidr(first)} and can only be reached on-link; drop ${words.setting('onlink', 'no')}`);
  }
  if (!onSubnet && !hostRoute && nic.onlink !== true) {
    report.fail(`${field} ${gateway} is not inside ${cidr(first)}; add ${words.setting('onlink', 'yes')} or a matching prefix`);
  }
  return gateway;
}

/** Checks both gateways of a NIC whose addresses are already checked; returns them canonical. */
export function checkGateways(nic: NicConfig, words: NicWords, report: NicReport): Pick<NicConfig, 'gateway4' | 'gateway6'> {
  const result: Pick<NicConfig, 'gateway4' | 'gateway6'> = {};
  if (nic.gateway4 !== undefined) result.gateway4 = checkGateway(nic.gateway4, 4, nic, words, report);
  if (nic.gateway6 !== undefined) result.gateway6 = checkGateway(nic.gateway6, 6, nic, words, report);
  if (nic.onlink !== undefined && result.gateway4 === undefined && result.gateway6 === undefined) {
    report.fail(`${words.setting('onlink', nic.onlink ? 'yes' : 'no')} has no effect without a gateway; drop it`);
  }
  if (nic.defroute === false) {
    for (const gateway of [result.gateway4, result.gateway6].filter((g) => g !== undefined)) {
      report.warn(`gateway ${gateway} is not used as a default route because ${words.setting('defroute', 'no')}`);
    }
  }
  return result;
}
