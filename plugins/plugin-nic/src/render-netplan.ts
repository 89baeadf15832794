// Renders one netplan file for all NICs: NETWORK-FORMATS §4.

import { rootFile } from './guest-file.js';
import type { IpFamily } from './ip-literal.js';
import { defaultGateway, gatewayOnLink, takesDhcpDefaultRoute } from './routing.js';
import type { GuestFile, NicSpec } from './types.js';
import { yamlScalar as y } from './yaml-scalar.js';

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
    ...(nic.bootproto === 'dhcp' && !takesDhcpDefaultRoute(nic, nics) ? ['      dhcp4-overrides:', '        use-routes: false'] : []),
    ...list('addresses', addresses, '      '),
    ...(routes.length === 0 ? [] : ['      routes:', ...routes]),
    ...(nic.dns.length === 0 ? [] : ['      nameservers:', ...list('addresses', nic.dns, '        ')]),
    // A static IPv6 address means exactly that address: no extra SLAAC addresses or RA routes.
    ...(nic.ipv6.length > 0 ? ['      accept-ra: false'] : []),
  ];
}

/** /etc/netplan/60-rejviz.yaml (mode 0600, as netplan ≥0.106 warns otherwise) for all NICs. */
export function renderNetplan(nics: readonly NicSpec[]): GuestFile[] {
  if (nics.length === 0) return [];
  const lines = ['# Written by rejviz from --nic options.', 'network:', '  version: 2', '  ethernets:'];
  const content = [...lines, ...nics.flatMap((nic) => ethernet(nic, nics))].join('\n');
  return [rootFile(NETPLAN_PATH, 0o600, `${content}\n`)];
}
