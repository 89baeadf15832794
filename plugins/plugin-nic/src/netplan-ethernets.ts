// The `ethernets:` of a netplan version 2 document, from NICs (docs/network-formats.md#netplan). One renderer
// for both documents that hold it: plugin-nic's /etc/netplan file (render-netplan.ts) and the
// NoCloud network-config of plugin-cloud-init (the same schema; cloud-init hands it to netplan, or
// converts it for the distro's own renderer). They differ only where `automaticIpv6` says.

import { yamlScalar as y } from '@rejviz/core';
import { cidrText, type IpFamily, type NicWithMac } from '@rejviz/core/nic';
import { defaultGateway, gatewayOnLink, takesDhcpDefaultRoute } from './routing.js';

/**
 * How a NIC without a static IPv6 address says that its IPv6 is automatic (router advertisements
 * decide; DHCPv6 only when a router asks for it).
 * - 'dhcp6' (plugin-nic's netplan file): `dhcp6: true` and `accept-ra: true`. Leaving it unsaid is
 *   not enough for netplan itself: its NetworkManager renderer writes ipv6.method=ignore for such
 *   a NIC, or method=manual without an address when an IPv6 DNS server is given, which
 *   NetworkManager rejects along with the whole profile (netns tier, netplan 0.106). `dhcp6: true`
 *   makes that method=auto (SLAAC; DHCPv6 only when the router asks for it); for networkd it is
 *   DHCP=ipv6, whose client also waits for a router asking for it (systemd.network(5),
 *   WithoutRA=). `accept-ra: true` keeps networkd taking router advertisements where the guest
 *   forwards packets, as NetworkManager does.
 * - 'unsaid' (cloud-init's network-config): nothing is written, so the guest's defaults apply.
 *   cloud-init converts the document for the guests it does not hand to netplan, and cloud-init
 *   22.4 turns `dhcp6: true` into `inet6 dhcp` (a DHCPv6 client that waits for a server) for
 *   ifupdown and into method=auto with may-fail=false (no IPv6 router: the whole profile fails)
 *   for its NetworkManager renderer.
 */
export type AutomaticIpv6 = 'dhcp6' | 'unsaid';

export interface EthernetsOptions {
  /** The indentation of each NIC's id: the depth of `ethernets:` plus one level. */
  indent: string;
  automaticIpv6: AutomaticIpv6;
}

// `to: 0.0.0.0/0` rather than the deprecated gateway4/gateway6 (netplan 0.103), and rather than
// `to: default`, which older netplan releases and cloud-init's converters do not know.
function defaultRoutes(nic: NicWithMac): string[] {
  return ([4, 6] as IpFamily[]).flatMap((family) => {
    const via = defaultGateway(nic, family);
    if (via === undefined) return [];
    const route = [`- to: ${y(family === 4 ? '0.0.0.0/0' : '::/0')}`, `  via: ${y(via)}`];
    return gatewayOnLink(nic, family) ? [...route, '  on-link: true'] : route;
  });
}

function list(key: string, values: readonly string[]): string[] {
  return values.length === 0 ? [] : [`${key}:`, ...values.map((v) => `  - ${y(v)}`)];
}

// A DHCP NIC that must not take the DHCP default route (routing.ts) refuses the leased routes.
// netplan refuses use-routes differing between dhcp4- and dhcp6-overrides when both DHCPs are on,
// for networkd, whose [DHCP] section serves both; DHCPv6 brings no routes of its own, so saying
// it twice loses nothing.
function dhcpSettings(nic: NicWithMac, nics: readonly NicWithMac[], dhcp6: boolean): string[] {
  const yieldRoutes = nic.bootproto === 'dhcp' && !takesDhcpDefaultRoute(nic, nics);
  const noRoutes = (key: string) => (yieldRoutes ? [`${key}:`, '  use-routes: false'] : []);
  return [
    // Written even when false: the file must say exactly what the NIC does, so nothing (netplan
    // defaults, cloud-init's converters) can add DHCP on a statically configured NIC.
    `dhcp4: ${nic.bootproto === 'dhcp'}`,
    ...noRoutes('dhcp4-overrides'),
    ...(dhcp6 ? ['dhcp6: true', ...noRoutes('dhcp6-overrides')] : []),
  ];
}

function ethernet(nic: NicWithMac, nics: readonly NicWithMac[], automaticIpv6: AutomaticIpv6): string[] {
  // A static IPv6 address means exactly that address: no DHCPv6, no SLAAC addresses, no RA routes.
  const staticIpv6 = nic.ipv6.length > 0;
  const automatic = !staticIpv6 && automaticIpv6 === 'dhcp6';
  const routes = defaultRoutes(nic);
  return [
    `${y(nic.name)}:`,
    ...[
      'match:',
      // Always quoted (yamlScalar does): an unquoted MAC of digits only is a YAML 1.1 base-60 integer.
      `  macaddress: ${y(nic.mac)}`,
      `set-name: ${y(nic.name)}`,
      ...(nic.mtu === undefined ? [] : [`mtu: ${nic.mtu}`]),
      ...dhcpSettings(nic, nics, automatic),
      ...(staticIpv6 ? ['dhcp6: false', 'accept-ra: false'] : automatic ? ['accept-ra: true'] : []),
      ...list('addresses', [...nic.ipv4, ...nic.ipv6].map(cidrText)),
      ...(routes.length === 0 ? [] : ['routes:', ...routes.map((line) => `  ${line}`)]),
      ...(nic.dns.length === 0 ? [] : ['nameservers:', ...list('addresses', nic.dns).map((line) => `  ${line}`)]),
    ].map((line) => `  ${line}`),
  ];
}

/** The lines of `ethernets:` (without that key) for `nics`, each matched by MAC and renamed with set-name. */
export function netplanEthernets(nics: readonly NicWithMac[], options: EthernetsOptions): string[] {
  return nics.flatMap((nic) => ethernet(nic, nics, options.automaticIpv6)).map((line) => `${options.indent}${line}`);
}
