// Renders NetworkManager keyfile profiles (*.nmconnection):
// docs/network-formats.md#networkmanager-keyfile.

import { rootFile } from './guest-file.js';
import { intendedFamily, type IpFamily } from '@rejviz/core/nic';
import { defaultGateway, gatewayOnLink, takesDhcpDefaultRoute } from './routing.js';
import type { GuestFile, NicSpec } from './types.js';
import { uuid5 } from './uuid5.js';

const DIR = '/etc/NetworkManager/system-connections';

function ipMethod(nic: NicSpec, family: IpFamily): string {
  if (family === 6) return nic.ipv6.length > 0 ? 'manual' : 'auto';
  return nic.bootproto === 'dhcp' ? 'auto' : nic.bootproto === 'static' ? 'manual' : 'disabled';
}

function ipSection(nic: NicSpec, nics: readonly NicSpec[], family: IpFamily): string[] {
  const method = ipMethod(nic, family);
  const lines = [`[ipv${family}]`, `method=${method}`];
  (family === 4 ? nic.ipv4 : nic.ipv6).forEach((a, i) => lines.push(`address${i + 1}=${a.address}/${a.prefix}`));
  const gateway = defaultGateway(nic, family);
  if (gateway !== undefined) lines.push(`gateway=${gateway}`);
  // NM ≥1.58 warns about gateways outside every subnet and plans to stop adding on-link routes
  // for them itself, so an explicit host route makes the gateway reachable
  // (docs/network-formats.md#on-link-gateways).
  if (gateway !== undefined && gatewayOnLink(nic, family)) lines.push(`route1=${gateway}/${family === 4 ? 32 : 128}`);
  const dns = nic.dns.filter((server) => intendedFamily(server) === family);
  if (dns.length > 0) lines.push(`dns=${dns.map((server) => `${server};`).join('')}`);
  // defroute=no and a DHCP NIC yielding to another NIC's gateway refuse the DHCPv4 default route;
  // IPv6 router advertisements are left alone, as in every other format.
  const dhcpDefault = nic.bootproto === 'dhcp' ? takesDhcpDefaultRoute(nic, nics) : nic.defroute !== false;
  if (family === 4 && method !== 'disabled' && !dhcpDefault) lines.push('never-default=true');
  return lines;
}

function keyfile(nic: NicSpec, nics: readonly NicSpec[]): GuestFile {
  const sections = [
    ['[connection]', `id=${nic.name}`, `uuid=${uuid5(nic.name)}`, 'type=ethernet', 'autoconnect=true'],
    // Bound by MAC, not interface-name: the profile applies whatever the guest names the NIC.
    ['[ethernet]', `mac-address=${nic.mac}`, ...(nic.mtu === undefined ? [] : [`mtu=${nic.mtu}`])],
    ipSection(nic, nics, 4),
    ipSection(nic, nics, 6),
  ];
  const content = sections.map((lines) => `${lines.join('\n')}\n`).join('\n');
  // NM ignores keyfiles that are not owned by root or readable by group/other
  // (docs/network-formats.md#networkmanager-keyfile).
  return rootFile(`${DIR}/${nic.name}.nmconnection`, 0o600, content);
}

/** One <name>.nmconnection per NIC, mode 0600 root, with a deterministic uuid5 of the name. */
export function renderKeyfile(nics: readonly NicSpec[]): GuestFile[] {
  return nics.map((nic) => keyfile(nic, nics));
}
