// Reads a libvirt network definition (virsh net-dumpxml): name, bridge, forward mode, IP subnets
// and DHCP ranges, which is what choosing a network by a guest's static address needs.

import { childNamed, childrenNamed, type XmlElement } from './xml-tree.js';
import { readXmlRoot, requiredName, xmlInputError, type XmlOrigin } from './xml-input.js';
import { defaultPrefix, familyOf, netmaskToPrefix, parseAddress, subnetCidr } from './ip-subnet.js';
import type { DhcpRange, IpFamily, LibvirtNetwork, NetworkIp } from './types.js';

const PRODUCER = 'virsh net-dumpxml NAME';

/** Parses `virsh net-dumpxml` output; `label` names the input in errors. */
export function parseNetworkXml(xml: string, label = 'network XML'): LibvirtNetwork {
  const origin: XmlOrigin = { label, producer: PRODUCER };
  const root = readXmlRoot(xml, 'network', origin);
  const name = requiredName(root, origin);
  const named: XmlOrigin = { label: `network ${name}`, producer: PRODUCER };
  const forward = childNamed(root, 'forward');
  return {
    name,
    bridge: childNamed(root, 'bridge')?.attributes.get('name') ?? null,
    // libvirt's default forward mode is nat: <forward/> alone means NAT.
    forwardMode: forward ? (forward.attributes.get('mode') ?? 'nat') : null,
    ips: childrenNamed(root, 'ip').map((ip) => parseIp(ip, named)),
  };
}

function parseIp(ip: XmlElement, origin: XmlOrigin): NetworkIp {
  const address = ip.attributes.get('address');
  if (address === undefined) throw xmlInputError(origin, '<ip> has no address=');
  const family = ipFamily(ip, address, origin);
  const prefix = ipPrefix(ip, address, family, origin);
  const dhcp = childNamed(ip, 'dhcp');
  return {
    family,
    address,
    prefix,
    cidr: subnetCidr(address, prefix),
    dhcpRanges: dhcp ? childrenNamed(dhcp, 'range').map((range) => parseRange(range, family, origin)) : [],
  };
}

function ipFamily(ip: XmlElement, address: string, origin: XmlOrigin): IpFamily {
  // libvirt takes family= as given and defaults to IPv4; the address must then be of that family.
  const family = ip.attributes.get('family') ?? 'ipv4';
  if (family !== 'ipv4' && family !== 'ipv6') throw xmlInputError(origin, `<ip family='${family}'> is neither ipv4 nor ipv6`);
  if (familyOf(address) !== family || parseAddress(address, family) === undefined || address.includes('/')) {
    throw xmlInputError(origin, `<ip address='${address}'> is not an ${family === 'ipv4' ? 'IPv4' : 'IPv6'} address`);
  }
  return family;
}

function ipPrefix(ip: XmlElement, address: string, family: IpFamily, origin: XmlOrigin): number {
  const prefixText = ip.attributes.get('prefix');
  const netmask = ip.attributes.get('netmask');
  if (prefixText !== undefined) {
    const prefix = Number(prefixText);
    if (!/^[0-9]{1,3}$/.test(prefixText) || prefix > (family === 'ipv4' ? 32 : 128)) {
      throw xmlInputError(origin, `<ip address='${address}' prefix='${prefixText}'> has an invalid prefix`);
    }
    // prefix='0' means "not given" to libvirt, as if the attribute were absent.
    if (prefix > 0) return prefix;
  }
  if (netmask !== undefined) {
    const prefix = family === 'ipv4' ? netmaskToPrefix(netmask) : undefined;
    if (prefix === undefined) throw xmlInputError(origin, `<ip address='${address}' netmask='${netmask}'> has an invalid netmask`);
    return prefix;
  }
  const prefix = defaultPrefix(address);
  if (prefix === undefined) throw xmlInputError(origin, `<ip address='${address}'> needs prefix= or netmask= (no classful default)`);
  return prefix;
}

function parseRange(range: XmlElement, family: IpFamily, origin: XmlOrigin): DhcpRange {
  const start = range.attributes.get('start');
  const end = range.attributes.get('end');
  for (const value of [start, end]) {
    if (value === undefined || parseAddress(value, family) === undefined || value.includes('/')) {
      throw xmlInputError(origin, `DHCP <range start='${start ?? ''}' end='${end ?? ''}'> is not a pair of ${family} addresses`);
    }
  }
  return { start: start as string, end: end as string };
}
