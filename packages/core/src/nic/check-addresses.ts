// The address rules (docs/network-formats.md#bad-nic-input, rows 13-15, 17 and 30) on parsed
// addresses: well-formed, a usable unicast host address, not the network or broadcast address.
import { assert } from '../errors.js';
import { shown } from '../shown.js';
import { isLinkLocal, isNetworkOrBroadcast, isPrefixLength, parseIp, subnetOf, unusableReason, type IpAddress, type IpFamily } from './ip-address.js';
import type { NicReport, NicWords } from './nic-words.js';

/** How an IPv4 address must be written, for messages about one that is not. */
export const IPV4_FORM = 'use a dotted quad like 192.168.122.15: four numbers 0-255, no leading zeros';

function checkIpv4(a: IpAddress, field: string, report: NicReport): IpAddress {
  if (parseIp(a.address, 'strict', 4) === undefined) report.fail(`invalid IPv4 address ${shown(a.address)} in ${field} (${IPV4_FORM})`);
  const unusable = unusableReason(a.address);
  if (unusable) report.fail(`${field} ${a.address} is not a usable unicast host address (it ${unusable})`);
  if (isLinkLocal(a.address)) report.warn(`${field} ${a.address} is link-local (169.254.0.0/16); hosts normally get these automatically`);
  if (isNetworkOrBroadcast(a)) {
    const net = subnetOf(a);
    report.fail(`${field} ${a.address} is the network/broadcast address of ${net.address}/${net.prefix}; use a host address (or /31, /32)`);
  }
  return a;
}

function checkIpv6(a: IpAddress, field: string, report: NicReport): IpAddress {
  const address = parseIp(a.address, 'strict', 6);
  if (address === undefined) report.fail(`invalid IPv6 address ${shown(a.address)} in ${field}`);
  const unusable = unusableReason(address);
  if (unusable) report.fail(`${field} ${address} is not a usable unicast host address (it ${unusable})`);
  if (isLinkLocal(address)) report.warn(`${field} ${address} is link-local; the kernel already adds one, a global address is usually meant`);
  return { address, prefix: a.prefix };
}

/** Checks the addresses of one family; returns them canonical. Prefix lengths must already be in range (parsePrefix). */
export function checkAddresses(family: IpFamily, addresses: readonly IpAddress[], words: NicWords, report: NicReport): IpAddress[] {
  return addresses.map((a, i) => {
    assert(isPrefixLength(a.prefix, family), `prefix /${a.prefix} of ${a.address} was not range-checked`);
    return family === 4 ? checkIpv4(a, words.address(4, i), report) : checkIpv6(a, words.address(6, i), report);
  });
}
