// Renders one netplan file for all NICs: NETWORK-FORMATS §4.

import { yamlScalar as y } from '@rejviz/core';
import { rootFile } from './guest-file.js';
import type { IpFamily } from '@rejviz/core/nic';
import { defaultGateway, gatewayOnLink, takesDhcpDefaultRoute } from './routing.js';
import type { GuestFile, NicSpec } from './types.js';

/**
 * Where the netplan file goes. 60- sorts after cloud-init's 50-cloud-init.yaml, so our scalars win
 * if both exist; lists would still merge, so callers must remove competing files (§4, §13).
 */
export const NETPLAN_PATH = '/etc/netplan/60-rejviz.yaml';

function list(key: string, values: string[], indent: string): string[] {
  return values.length === 0 ? [] : [`${indent}${key}:`, ...values.map((v) => `${indent}  - ${y(v)}`)];
}

// `routes: [{to: 0.0.0.0/0}]` rather than the deprecated gateway4/gateway6 (netplan 0.103), and
// rather than `to: default`, which older netplan releases do not know.
function defaultRoutes(nic: NicSpec): string[] {
  return ([4, 6] as IpFamily[]).flatMap((family) => {
    const via = defaultGateway(nic, family);
    if (via === undefined) return [];
    const route = [`        - to: ${y(family === 4 ? '0.0.0.0/0' : '::/0')}`, `          via: ${y(via)}`];
    return gatewayOnLink(nic, family) ? [...route, '          on-link: true'] : route;
  });
}

function ethernet(nic: NicSpec, nics: readonly NicSpec[]): string[] {
  const routes = defaultRoutes(nic);
  const addresses = [...nic.ipv4, ...nic.ipv6].map((a) => `${a.address}/${a.prefix}`);
  return [
    `    ${y(nic.name)}:`,
    '      match:',
    `        macaddress: ${y(nic.mac)}`,
    `      set-name: ${y(nic.name)}`,
    ...(nic.mtu === undefined ? [] : [`      mtu: ${nic.mtu}`]),
    `      dhcp4: ${nic.bootproto === 'dhcp'}`,
    ...(nic.bootproto === 'dhcp' && !takesDhcpDefaultRoute(nic, nics) ? yieldDhcpRoutes(nic) : []),
    ...list('addresses', addresses, '      '),
    ...(routes.length === 0 ? [] : ['      routes:', ...routes]),
    ...(nic.dns.length === 0 ? [] : ['      nameservers:', ...list('addresses', nic.dns, '        ')]),
    ...ipv6Mode(nic),
  ];
}

// netplan refuses use-routes differing between dhcp4- and dhcp6-overrides for networkd, whose
// [DHCP] section serves both; DHCPv6 brings no routes of its own, so saying it twice loses nothing.
function yieldDhcpRoutes(nic: NicSpec): string[] {
  const dhcp4 = ['      dhcp4-overrides:', '        use-routes: false'];
  return nic.ipv6.length > 0 ? dhcp4 : [...dhcp4, '      dhcp6-overrides:', '        use-routes: false'];
}

/**
 * IPv6 said in so many words, so that both netplan renderers mean the same. A static address
 * means exactly that address: no SLAAC addresses, no RA routes. Otherwise IPv6 is automatic
 * (keyfile's ipv6.method=auto), and leaving it unsaid is not enough: netplan's NetworkManager
 * renderer writes ipv6.method=ignore for such a NIC, or method=manual without an address when
 * an IPv6 DNS server is given, which NetworkManager rejects along with the whole profile (netns
 * tier, netplan 0.106). `dhcp6: true` makes that method=auto (SLAAC; DHCPv6 only when the router
 * asks for it); for networkd it is DHCP=ipv6, whose client also waits for a router asking for it
 * (systemd.network(5), WithoutRA=). `accept-ra: true` keeps networkd taking router
 * advertisements where the guest forwards packets, as NetworkManager does.
 */
function ipv6Mode(nic: NicSpec): string[] {
  return nic.ipv6.length > 0 ? ['      accept-ra: false'] : ['      dhcp6: true', '      accept-ra: true'];
}

/** /etc/netplan/60-rejviz.yaml (mode 0600, as netplan ≥0.106 warns otherwise) for all NICs. */
export function renderNetplan(nics: readonly NicSpec[]): GuestFile[] {
  if (nics.length === 0) return [];
  const lines = ['# Written by rejviz from --nic options.', 'network:', '  version: 2', '  ethernets:'];
  const content = [...lines, ...nics.flatMap((nic) => ethernet(nic, nics))].join('\n');
  return [rootFile(NETPLAN_PATH, 0o600, `${content}\n`)];
}
