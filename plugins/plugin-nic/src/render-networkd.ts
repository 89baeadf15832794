// Renders systemd-networkd .network files (and .link files for renames):
// docs/network-formats.md#systemd-networkd.

import { rootFile } from './guest-file.js';
import { defaultGateway, gatewayOnLink, takesDhcpDefaultRoute } from './routing.js';
import type { GuestFile, NicSpec } from './types.js';

const DIR = '/etc/systemd/network';

function section(name: string, lines: string[]): string[] {
  return lines.length === 0 ? [] : [`[${name}]\n${lines.join('\n')}\n`];
}

function networkFile(nic: NicSpec, nics: readonly NicSpec[]): GuestFile {
  const gateways = ([4, 6] as const).flatMap((family) => {
    const gateway = defaultGateway(nic, family);
    return gateway === undefined ? [] : [{ gateway, onLink: gatewayOnLink(nic, family) }];
  });
  const network = [
    `DHCP=${nic.bootproto === 'dhcp' ? 'ipv4' : 'no'}`,
    ...[...nic.ipv4, ...nic.ipv6].map((a) => `Address=${a.address}/${a.prefix}`),
    ...gateways.filter((g) => !g.onLink).map((g) => `Gateway=${g.gateway}`),
    ...nic.dns.map((server) => `DNS=${server}`),
    // A static IPv6 address means exactly that address: no extra SLAAC addresses or RA routes.
    ...(nic.ipv6.length > 0 ? ['IPv6AcceptRA=no'] : []),
  ];
  const dhcp = nic.bootproto === 'dhcp' && !takesDhcpDefaultRoute(nic, nics) ? ['UseRoutes=no'] : [];
  const sections = [
    ...section('Match', [`MACAddress=${nic.mac}`]),
    ...section('Link', nic.mtu === undefined ? [] : [`MTUBytes=${nic.mtu}`]),
    ...section('Network', network),
    // cloud-init renders /32 + gateway exactly like this
    // (docs/network-formats.md#on-link-gateways).
    ...gateways.filter((g) => g.onLink).flatMap((g) => section('Route', [`Gateway=${g.gateway}`, 'GatewayOnLink=yes'])),
    ...section('DHCPv4', dhcp),
  ];
  return rootFile(`${DIR}/10-rejviz-${nic.name}.network`, 0o644, sections.join('\n'));
}

// Renaming is not needed for configuration: the .network file matches by MAC whatever the NIC is
// called. A .link rename into the kernel's own eth<N> namespace races with the kernel's naming
// (systemd.link(5); docs/network-formats.md#interface-names-and-renaming) and would also override
// the distro's NamePolicy, so rejviz only renames to names outside it (lan0, uplink…), which cannot
// race.
function linkFile(nic: NicSpec): GuestFile[] {
  if (/^eth[0-9]+$/.test(nic.name)) return [];
  const content = `[Match]\nMACAddress=${nic.mac}\n\n[Link]\nName=${nic.name}\n`;
  return [rootFile(`${DIR}/10-rejviz-${nic.name}.link`, 0o644, content)];
}

/** 10-rejviz-<name>.network per NIC (mode 0644), plus a .link for names outside eth<N>. */
export function renderNetworkd(nics: readonly NicSpec[]): GuestFile[] {
  return nics.flatMap((nic) => [networkFile(nic, nics), ...linkFile(nic)]);
}
