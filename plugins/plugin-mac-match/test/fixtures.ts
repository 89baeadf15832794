// Shared test inputs: the recorded virsh XML (@rejviz/test-support's fixtures/libvirt) and manifest NICs.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgparseHelp, readToolOptions, type ManifestNic } from '@rejviz/core';
import { parseDomainXml, parseNetworkXml } from '@rejviz/core/libvirt-xml';
import { cidrs, libvirtFixture as fixture } from '@rejviz/test-support';
import { readUserNetworks, type LibvirtNetwork, type UserNetwork } from '../src/index.js';

export { fixture };

/** The recorded and hand-written networks, parsed. */
export const NET = {
  default: parseNetworkXml(fixture('default-network.xml')),
  lab: parseNetworkXml(fixture('rejviz-lab-network.xml')),
  wide: parseNetworkXml(fixture('rejviz-wide-network.xml')),
  isolated: parseNetworkXml(fixture('isolated-network.xml')),
};

/** The recorded domains: the test driver's built-in "test" and "rejviz-other" (MACs 52:54:00:aa:00:02-04). */
export const DOMAINS = [parseDomainXml(fixture('test-domain.xml')), parseDomainXml(fixture('rejviz-other-domain.xml'))];

/** A network like the recorded ones, for shapes the test driver fixtures do not cover. */
export function network(name: string, ...cidrs: string[]): LibvirtNetwork {
  return {
    name,
    bridge: `${name.slice(0, 10)}0`,
    forwardMode: null,
    ips: cidrs.map((cidr) => {
      const [address = '', prefix = ''] = cidr.split('/');
      return { family: cidr.includes(':') ? 'ipv6' : 'ipv4', address, prefix: Number(prefix), cidr, dhcpRanges: [], dhcpHosts: [] };
    }),
  };
}

/** A manifest NIC; static when addresses ("ADDRESS/PREFIX") are given, DHCP otherwise. */
export function nic(name: string, mac: string, ...addresses: string[]): ManifestNic {
  return {
    name, mac, bootproto: addresses.length > 0 ? 'static' : 'dhcp',
    addresses: cidrs(...addresses),
    gateway: null, gateway6: null, dns: [], mtu: null, onlink: null, defroute: null,
  };
}

// virt-install 4.1's option table, read from its recorded --help as core's tool-info reads it.
const virtInstallHelp = readFileSync(fileURLToPath(new URL('../../../../fixtures/tool-help/virt-install-4.1.0.txt', import.meta.url)), 'utf8').split('\n').slice(1).join('\n');
const virtInstallInfo = parseArgparseHelp(virtInstallHelp);

/** The user's --network options in `args`, read as rejviz-install reads them (core's tool-args, -w as --network). */
export function userNetworksOf(args: readonly string[]): UserNetwork[] {
  const uses = readToolOptions(args, virtInstallInfo, true).map((u) => (u.option === '-w' ? { ...u, option: '--network' } : u));
  return readUserNetworks(uses, args);
}
