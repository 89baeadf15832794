// The rules for bootproto (docs/network-formats.md#bad-nic-input, rows 11-12), DNS servers (row 23)
// and the MTU (row 24). bootproto describes IPv4 only; IPv6 is static exactly when an IPv6 address
// is given.
import { shown } from '../shown.js';
import { intendedFamily, parseIp } from './ip-address.js';
import { BOOTPROTOS, type NicConfig } from './nic-config.js';
import type { NicReport, NicWords } from './nic-words.js';

/** How every MTU message states the valid range. */
export const MTU_RANGE = 'use 68-65535 (at least 1280 with IPv6)';

/**
 * Refuses IPv4 settings that bootproto dhcp or none would silently drop, and static without an
 * IPv4 address. A bootproto the user did not give (--nic derives it from the addresses) conflicts
 * with nothing: a gateway without an address is then the gateway rule's to explain.
 */
export function checkBootproto(nic: NicConfig, given: boolean, words: NicWords, report: NicReport): void {
  const { bootproto } = nic;
  // The type says so, but NICs come from JSON and from inspected images too.
  if (!BOOTPROTOS.includes(bootproto)) report.fail(`${words.setting('bootproto', String(bootproto))} is not one of ${BOOTPROTOS.join(', ')}`);
  if (!given) return;
  if (bootproto === 'static') {
    if (nic.ipv4.length === 0) {
      report.fail(`${words.setting('bootproto', 'static')} requires an IPv4 ${words.addressList(4)} (bootproto describes IPv4; for IPv6 only use ${words.setting('bootproto', 'none')})`);
    }
    return;
  }
  const why = bootproto === 'dhcp' ? 'the DHCP server provides the IPv4 settings' : `${words.setting('bootproto', 'none')} configures no IPv4`;
  // DNS servers are not among them: a DHCP NIC may name its own (the formats all keep them next
  // to the leased ones), and an IPv4 server on an IPv4-less NIC is checkDns's to refuse.
  const conflicts = [...(nic.ipv4.length > 0 ? [words.address(4, 0)] : []), ...(nic.gateway4 !== undefined ? [words.gateway(4)] : [])];
  for (const field of conflicts) {
    report.fail(`${words.setting('bootproto', bootproto)} cannot be combined with ${field} (${why}); drop ${field} or use ${words.setting('bootproto', 'static')}`);
  }
}

/** Checks the DNS servers: IP literals, of a family the NIC has; returns them canonical. */
export function checkDns(nic: NicConfig, words: NicWords, report: NicReport): string[] {
  return nic.dns.map((text, i) => {
    const address = parseIp(text);
    if (address === undefined) report.fail(`${words.dns(i)} must be an IP address, got ${shown(text)}`);
    // NetworkManager refuses IPv4 DNS servers on a profile whose IPv4 is disabled.
    if (nic.bootproto === 'none' && intendedFamily(address) === 4) {
      report.fail(`${words.dns(i)} ${address} is IPv4 but ${words.setting('bootproto', 'none')} gives this NIC no IPv4; give an IPv6 server or an IPv4 ${words.addressList(4)}`);
    }
    return address;
  });
}

/** Checks the MTU: 68-65535, and at least 1280 when the NIC has a static IPv6 address. */
export function checkMtu(nic: NicConfig, words: NicWords, report: NicReport): void {
  const { mtu } = nic;
  if (mtu === undefined) return;
  // Quoted as the value was given, so a --nic message reads the same for 'abc' and '40'.
  if (!(Number.isInteger(mtu) && mtu >= 68 && mtu <= 65535)) report.fail(`${words.mtu} ${shown(String(mtu))} out of range: ${MTU_RANGE}`);
  if (mtu < 1280 && nic.ipv6.length > 0) report.fail(`${words.mtu} ${mtu} out of range: IPv6 needs at least 1280`);
  if (mtu < 1280) report.warn(`${words.mtu} ${mtu} is below 1280, so IPv6 (including router-advertised addresses) will not work on this NIC`);
}
