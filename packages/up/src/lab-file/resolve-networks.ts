// The lab's networks: an existing libvirt network used as it is, or an isolated one rejviz-up
// creates (named LAB_KEY, with no address on the host: nothing routes from the lab to the host).
// The subnet is what static and automatic addresses are checked against and allocated from; for an
// existing network libvirt's own definition fills in what the file leaves out.
import type { LibvirtNetwork } from '@rejviz/core/libvirt-xml';
import { addressInRange, cidrText, inSubnet, intendedFamily, isNetworkOrBroadcast, parseIp, parsePrefix, subnetOf } from '@rejviz/core/nic';
import { shown } from '@rejviz/core';
import { labError } from './lab-error.js';
import type { LabSource } from './lab-source.js';
import type { LabFileData, LabNetwork, LabSubnet, NetworkEntry } from './lab-types.js';

/**
 * The networks of the file. `libvirt` is every network libvirt has (virsh net-dumpxml of each):
 * when given, an existing network must be among them and its subnet, host address and DHCP
 * ranges count; without it (planning offline) the file's own subnet is all there is.
 */
export function resolveNetworks(source: LabSource, data: LabFileData, libvirt?: readonly LibvirtNetwork[]): LabNetwork[] {
  return Object.entries(data.networks ?? {}).map(([key, entry]) => resolveNetwork(source, data.name, key, entry, libvirt));
}

function resolveNetwork(source: LabSource, lab: string, key: string, entry: NetworkEntry, libvirt: readonly LibvirtNetwork[] | undefined): LabNetwork {
  const path = ['networks', key];
  const live = entry.existing === undefined ? undefined : libvirt?.find((n) => n.name === entry.existing);
  if (entry.existing !== undefined && libvirt && !live) {
    throw labError(source, [...path, 'existing'], `libvirt has no network ${shown(entry.existing)}`, `use one that virsh net-list --all shows (${libvirt.map((n) => n.name).join(', ') || 'none'}), or leave existing out to have rejviz-up create an isolated one`);
  }
  let subnet = entry.subnet === undefined ? null : parseSubnet(source, [...path, 'subnet'], entry.subnet);
  const ip = live?.ips.find((i) => (subnet ? i.family === (subnet.family === 4 ? 'ipv4' : 'ipv6') : true));
  if (ip) {
    const own: LabSubnet = { address: subnetOf(ip).address, prefix: ip.prefix, family: intendedFamily(ip.address) };
    if (subnet && (subnet.address !== own.address || subnet.prefix !== own.prefix)) {
      throw labError(source, [...path, 'subnet'], `${shown(entry.subnet!)} is not the subnet of libvirt's ${shown(entry.existing!)} (${ip.cidr})`, `write subnet: ${ip.cidr} or leave subnet out`);
    }
    subnet = own;
  }
  let gateway: string | null = null;
  if (entry.gateway !== undefined) {
    gateway = parseIp(entry.gateway) ?? null;
    if (gateway === null) throw labError(source, [...path, 'gateway'], `${shown(entry.gateway)} is not an IP address`, 'write the gateway as e.g. 198.51.100.1');
    if (!subnet) throw labError(source, [...path, 'gateway'], 'a gateway needs the subnet it is in', 'add subnet: ADDRESS/PREFIX to the network');
    if (!inSubnet(gateway, subnet)) throw labError(source, [...path, 'gateway'], `${shown(entry.gateway)} is outside the subnet ${cidrText(subnet)}`, 'give an address inside the subnet, or leave gateway out');
  }
  const dns = (entry.dns ?? []).map((text, i) => {
    const ip = parseIp(text);
    if (ip === undefined) throw labError(source, [...path, 'dns', i], `${shown(text)} is not an IP address`, 'write DNS servers as addresses, e.g. 198.51.100.1');
    return ip;
  });
  return {
    name: key, libvirtName: entry.existing ?? `${lab}_${key}`, create: entry.existing === undefined, subnet, gateway, dns,
    hostAddress: ip?.address ?? null, dhcpRanges: ip?.dhcpRanges ?? [], dhcpHosts: ip?.dhcpHosts ?? [],
  };
}

/** ADDRESS/PREFIX of a subnet; the address must be the subnet's own (host bits clear). */
function parseSubnet(source: LabSource, path: (string | number)[], text: string): LabSubnet {
  const fix = 'write the subnet as ADDRESS/PREFIX, e.g. 198.51.100.0/24';
  const slash = text.indexOf('/');
  const address = slash < 0 ? undefined : parseIp(text.slice(0, slash));
  if (address === undefined) throw labError(source, path, `${shown(text)} is not a subnet`, fix);
  const family = intendedFamily(address);
  const prefix = parsePrefix(text.slice(slash + 1), family);
  if (prefix === undefined || prefix > (family === 4 ? 30 : 126)) {
    throw labError(source, path, `${shown(text)}: the prefix must leave room for hosts`, family === 4 ? 'use a prefix from 1 to 30' : 'use a prefix from 1 to 126');
  }
  const own = subnetOf({ address, prefix }).address;
  if (own !== address) throw labError(source, path, `${shown(text)} has host bits set`, `write ${own}/${prefix}`);
  return { address, prefix, family };
}

/** Why a static address cannot be a machine's on this network (outside, network/broadcast, gateway), or undefined. */
export function addressProblem(network: LabNetwork, address: string, prefix: number): string | undefined {
  if (!network.subnet) return undefined;
  const where = `${network.name} (${cidrText(network.subnet)})`;
  if (!inSubnet(address, network.subnet)) return `is outside the subnet of ${where}`;
  if (prefix !== network.subnet.prefix) return `has prefix /${prefix}, the subnet of ${where} has /${network.subnet.prefix}`;
  if (isNetworkOrBroadcast({ address, prefix })) return `is the network or broadcast address of ${where}`;
  if (address === network.gateway) return `is the gateway of ${network.name}`;
  if (address === network.hostAddress) return `is the host's own address on ${network.libvirtName}`;
  const range = network.dhcpRanges.find((r) => addressInRange(address, r.start, r.end));
  if (range) return `is in the DHCP range ${range.start}-${range.end} of ${network.libvirtName}`;
  const host = network.dhcpHosts.find((h) => h.ip === address);
  if (host) return `is reserved by a DHCP host entry of ${network.libvirtName} (${[host.name, host.mac].filter(Boolean).join(', ') || 'no name'})`;
  return undefined;
}
