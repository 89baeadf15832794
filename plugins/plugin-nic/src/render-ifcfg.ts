// Renders RHEL-family ifcfg files (initscripts / NetworkManager ifcfg-rh):
// docs/network-formats.md#ifcfg-rhel-family.

import { rootFile } from './guest-file.js';
import { isLinkLocal, type IpFamily } from '@rejviz/core/nic';
import { defaultGateway, gatewayOnLink, takesDhcpDefaultRoute } from './routing.js';
import { shellAssignment } from './shell-var.js';
import type { GuestFile, NicSpec } from './types.js';

const DIR = '/etc/sysconfig/network-scripts';

// IPADDR, IPADDR1, IPADDR2…: indices from 2 on must be consecutive for initscripts and NM alike.
const numbered = (key: string, index: number) => (index === 0 ? key : `${key}${index}`);

function ipv4Lines(nic: NicSpec, nics: readonly NicSpec[]): Array<[string, string]> {
  const lines: Array<[string, string]> = [];
  nic.ipv4.forEach((a, i) => lines.push([numbered('IPADDR', i), a.address], [numbered('PREFIX', i), String(a.prefix)]));
  const gateway = defaultGateway(nic, 4);
  if (gateway !== undefined) lines.push(['GATEWAY', gateway]);
  const owns = nic.bootproto === 'dhcp' ? takesDhcpDefaultRoute(nic, nics) : gateway !== undefined;
  lines.push(['DEFROUTE', owns ? 'yes' : 'no']);
  return lines;
}

function ipv6Lines(nic: NicSpec): Array<[string, string]> {
  const [first, ...rest] = nic.ipv6.map((a) => `${a.address}/${a.prefix}`);
  const lines: Array<[string, string]> = [['IPV6INIT', 'yes'], ['IPV6_AUTOCONF', first === undefined ? 'yes' : 'no']];
  if (first !== undefined) lines.push(['IPV6ADDR', first]);
  if (rest.length > 0) lines.push(['IPV6ADDR_SECONDARIES', rest.join(' ')]);
  const gateway = defaultGateway(nic, 6);
  if (gateway !== undefined) {
    // sysconfig.txt: a link-local IPv6 gateway needs the interface as %zone.
    lines.push(['IPV6_DEFAULTGW', isLinkLocal(gateway) ? `${gateway}%${nic.name}` : gateway]);
  }
  return lines;
}

function ifcfgFile(nic: NicSpec, nics: readonly NicSpec[]): GuestFile {
  const lines: Array<[string, string]> = [
    ['DEVICE', nic.name],
    ['NAME', nic.name],
    ['TYPE', 'Ethernet'],
    ['ONBOOT', 'yes'],
    ['BOOTPROTO', nic.bootproto === 'dhcp' ? 'dhcp' : 'none'],
    ['HWADDR', nic.mac],
    ...ipv4Lines(nic, nics),
    ...ipv6Lines(nic),
    ...nic.dns.map((server, i): [string, string] => [`DNS${i + 1}`, server]),
    ...(nic.mtu === undefined ? [] : [['MTU', String(nic.mtu)] as [string, string]]),
  ];
  const content = lines.map(([key, value]) => shellAssignment(key, value)).join('\n');
  return rootFile(`${DIR}/ifcfg-${nic.name}`, 0o644, `${content}\n`);
}

/**
 * route-<if> / route6-<if> for an on-link gateway: a host route to it, then the default route.
 * initscripts skips an off-subnet GATEWAY (docs/network-formats.md#on-link-gateways) and needs both
 * lines; NetworkManager ignores default routes in route files (it logs "ignoring manual default
 * route") and uses GATEWAY instead, made reachable by the host route. So GATEWAY is written as
 * well.
 */
function onLinkRouteFile(nic: NicSpec, family: IpFamily): GuestFile[] {
  const gateway = defaultGateway(nic, family);
  if (gateway === undefined || !gatewayOnLink(nic, family)) return [];
  const content = `${gateway} dev ${nic.name}\ndefault via ${gateway} dev ${nic.name}\n`;
  return [rootFile(`${DIR}/${family === 4 ? 'route' : 'route6'}-${nic.name}`, 0o644, content)];
}

/** ifcfg-<name> per NIC (mode 0644) plus route-/route6- files for on-link gateways. */
export function renderIfcfg(nics: readonly NicSpec[]): GuestFile[] {
  return nics.flatMap((nic) => [ifcfgFile(nic, nics), ...onLinkRouteFile(nic, 4), ...onLinkRouteFile(nic, 6)]);
}
