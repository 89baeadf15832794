// Reads a libvirt network definition (virsh net-dumpxml): name, bridge, forward mode, IP subnets
// and DHCP ranges, which is what choosing a network by a guest's static address needs.

import { childNamed, childrenNamed, type XmlElement } from './xml-tree.js';
import { readXmlRoot, requiredName, xmlInputError, type XmlOrigin } from './xml-input.js';
import { netmaskToPrefix, parseIp, parsePrefix, subnetOf } from '../nic/index.js';
import type { DhcpHost, DhcpRange, IpFamily, LibvirtNetwork, NetworkIp } from './types.js';

const PRODUCER = 'virsh net-dumpxml NAME';
const FAMILY = { ipv4: 4, ipv6: 6 } as const;

/**
 * The prefix libvirt gives an `<ip>` without prefix= or netmask= (virSocketAddrGetIPPrefix): the
 * classful one for IPv4 (A /8, B /16, C /24; 0.0.0.0 is /0; classes D and E have none) and /64
 * for IPv6.
 */
function defaultPrefix(address: string, family: IpFamily): number | undefined {
  if (family === 'ipv6') return 64;
  const first = Number(address.split('.')[0]);
  if (address === '0.0.0.0') return 0;
  if (first < 128) return 8;
  if (first < 192) return 16;
  if (first < 224) return 24;
  return undefined;
}

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
    ips: childrenNamed(root, 'ip').map((ip) => networkIp(ip, named)),
  };
}

function networkIp(ip: XmlElement, origin: XmlOrigin): NetworkIp {
  const written = ip.attributes.get('address');
  if (written === undefined) throw xmlInputError(origin, '<ip> has no address=');
  const { family, address } = ipAddress(ip, written, origin);
  const prefix = ipPrefix(ip, address, family, origin);
  const dhcp = childNamed(ip, 'dhcp');
  const subnet = subnetOf({ address, prefix });
  return {
    family,
    address,
    prefix,
    cidr: `${subnet.address}/${subnet.prefix}`,
    dhcpRanges: dhcp ? childrenNamed(dhcp, 'range').map((range) => parseRange(range, family, origin)) : [],
    dhcpHosts: dhcp ? childrenNamed(dhcp, 'host').flatMap((host) => parseHost(host, family)) : [],
  };
}

function ipAddress(ip: XmlElement, written: string, origin: XmlOrigin): { family: IpFamily; address: string } {
  // libvirt takes family= as given and defaults to IPv4; the address must then be of that family.
  const family = ip.attributes.get('family') ?? 'ipv4';
  if (family !== 'ipv4' && family !== 'ipv6') throw xmlInputError(origin, `<ip family='${family}'> is neither ipv4 nor ipv6`);
  const address = parseIp(written, 'lenient', FAMILY[family]);
  if (address === undefined) throw xmlInputError(origin, `<ip address='${written}'> is not an ${family === 'ipv4' ? 'IPv4' : 'IPv6'} address`);
  return { family, address };
}

function ipPrefix(ip: XmlElement, address: string, family: IpFamily, origin: XmlOrigin): number {
  const prefixText = ip.attributes.get('prefix');
  const netmask = ip.attributes.get('netmask');
  if (prefixText !== undefined) {
    const prefix = parsePrefix(prefixText, FAMILY[family], 'lenient');
    if (prefix === undefined) throw xmlInputError(origin, `<ip address='${address}' prefix='${prefixText}'> has an invalid prefix`);
    // prefix='0' means "not given" to libvirt, as if the attribute were absent.
    if (prefix > 0) return prefix;
  }
  if (netmask !== undefined) {
    const prefix = family === 'ipv4' ? netmaskToPrefix(netmask, 'lenient') : undefined;
    if (prefix === undefined) throw xmlInputError(origin, `<ip address='${address}' netmask='${netmask}'> has an invalid netmask`);
    return prefix;
  }
  const prefix = defaultPrefix(address, family);
  if (prefix === undefined) throw xmlInputError(origin, `<ip address='${address}'> needs prefix= or netmask= (no classful default)`);
  return prefix;
}

// A reservation without a usable ip= reserves no address (libvirt accepts name-only hosts for
// DNS); it is left out rather than refused.
function parseHost(host: XmlElement, family: IpFamily): DhcpHost[] {
  const ip = host.attributes.get('ip');
  const address = ip === undefined ? undefined : parseIp(ip, 'lenient', FAMILY[family]);
  if (address === undefined) return [];
  return [{ ip: address, mac: host.attributes.get('mac')?.toLowerCase() ?? null, name: host.attributes.get('name') ?? null }];
}

function parseRange(range: XmlElement, family: IpFamily, origin: XmlOrigin): DhcpRange {
  const start = range.attributes.get('start');
  const end = range.attributes.get('end');
  const [low, high] = [start, end].map((value) => (value === undefined ? undefined : parseIp(value, 'lenient', FAMILY[family])));
  if (low === undefined || high === undefined) {
    throw xmlInputError(origin, `DHCP <range start='${start ?? ''}' end='${end ?? ''}'> is not a pair of ${family} addresses`);
  }
  return { start: low, end: high };
}
