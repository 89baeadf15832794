// cloud-init network config version 1: a `config:` list whose `physical` entries are NICs, each
// with `subnets` (docs/network-formats.md#cloud-init-network-config; cloud-init
// doc/rtd/reference/network-config-format-v1.rst).
import { readAddress } from './address-prefix.js';
import { lineNote } from './file-notes.js';
import { intendedFamily, parseIp } from '../nic/ip-address.js';
import { normaliseMac } from '../nic/mac-address.js';
import { emptyNicConfig, type GuestNicConfig } from './types.js';
import { lineOf, readsAsYaml11Number, yamlGet, yamlItems, yamlText, type YamlSource } from './yaml-tree.js';

const DHCP4 = ['dhcp', 'dhcp4'];
const NOT_IPV4 = ['dhcp6', 'ipv6_dhcpv6-stateful', 'ipv6_dhcpv6-stateless', 'ipv6_slaac', 'manual'];
const DEFAULT_DESTINATIONS = ['0.0.0.0', '::', '0.0.0.0/0', '::/0', 'default'];

type Note = (node: unknown, message: string) => void;

function setGateway(config: GuestNicConfig, text: string, node: unknown, note: Note): void {
  const gw = parseIp(text, 'lenient');
  if (gw === undefined) return note(node, `gateway '${text}' is not an IP address`);
  if (intendedFamily(gw) === 4) config.gateway ??= gw;
  else config.gateway6 ??= gw;
}

function readSubnet(src: YamlSource, config: GuestNicConfig, subnet: unknown, note: Note): boolean {
  const type = yamlText(yamlGet(src, subnet, 'type')) ?? '';
  if (DHCP4.includes(type)) return true;
  if (type !== 'static' && type !== 'static6') {
    if (!NOT_IPV4.includes(type)) note(subnet, `unknown subnet type '${type}'`);
    return false;
  }
  const address = yamlText(yamlGet(src, subnet, 'address'));
  if (address !== null) {
    const netmask = yamlText(yamlGet(src, subnet, 'netmask')) ?? undefined;
    const r = readAddress({ text: address, prefix: yamlText(yamlGet(src, subnet, 'prefix')) ?? undefined, netmask });
    for (const p of r.problems) note(subnet, `subnet address: ${p}`);
    if (r.address !== null) config.addresses.push(r.address);
  } else note(subnet, `a ${type} subnet without address`);
  const gateway = yamlText(yamlGet(src, subnet, 'gateway'));
  if (gateway !== null) setGateway(config, gateway, subnet, note);
  for (const server of yamlItems(src, yamlGet(src, subnet, 'dns_nameservers')) ?? []) {
    const text = yamlText(server) ?? '';
    const ip = parseIp(text, 'lenient');
    if (ip === undefined) note(server, `dns_nameservers: '${text}' is not an IP address`);
    else config.dns.push(ip);
  }
  for (const route of yamlItems(src, yamlGet(src, subnet, 'routes')) ?? []) {
    const destination = yamlText(yamlGet(src, route, 'destination')) ?? yamlText(yamlGet(src, route, 'network'));
    const mask = yamlText(yamlGet(src, route, 'netmask')) ?? yamlText(yamlGet(src, route, 'prefix'));
    const via = yamlText(yamlGet(src, route, 'gateway'));
    const isDefault = destination !== null && DEFAULT_DESTINATIONS.includes(destination) && (mask === null || mask === '0' || mask === '0.0.0.0');
    if (isDefault && via !== null) setGateway(config, via, route, note);
  }
  return false;
}

function physical(src: YamlSource, entry: unknown): GuestNicConfig {
  const config = emptyNicConfig('cloud-init', src.file);
  const note: Note = (node, message) => config.notes.push(lineNote(src.file, lineOf(src, node), message));
  config.name = yamlText(yamlGet(src, entry, 'name'));
  if (config.name === null) note(entry, 'a physical entry without name');
  const macNode = yamlGet(src, entry, 'mac_address');
  const mac = yamlText(macNode);
  if (mac !== null) {
    config.mac = normaliseMac(mac, 'guest') ?? null;
    if (config.mac === null) note(macNode, `mac_address '${mac}' is not a MAC address`);
    if (readsAsYaml11Number(macNode, mac)) note(macNode, `cloud-init (YAML 1.1) reads the unquoted MAC ${mac} as a number; quote it`);
  }
  const mtu = yamlText(yamlGet(src, entry, 'mtu'));
  if (mtu !== null && /^\d+$/.test(mtu)) config.mtu = Number(mtu);
  else if (mtu !== null) note(entry, `mtu '${mtu}' is not a number`);
  let dhcp = false;
  for (const subnet of yamlItems(src, yamlGet(src, entry, 'subnets')) ?? []) dhcp = readSubnet(src, config, subnet, note) || dhcp;
  const hasIpv4 = config.addresses.some((a) => intendedFamily(a.address) === 4);
  config.bootproto = dhcp ? 'dhcp' : hasIpv4 ? 'static' : 'none';
  return config;
}

/** One config per `physical` entry; `nameserver` entries tied to an interface add to its DNS. */
export function cloudInitV1(src: YamlSource, network: unknown, notes: string[]): GuestNicConfig[] {
  const entries = yamlItems(src, yamlGet(src, network, 'config'));
  if (entries === undefined) {
    notes.push(lineNote(src.file, lineOf(src, network), 'network config version 1 without a config: list'));
    return [];
  }
  const configs = entries.filter((e) => yamlText(yamlGet(src, e, 'type')) === 'physical').map((e) => physical(src, e));
  for (const entry of entries.filter((e) => yamlText(yamlGet(src, e, 'type')) === 'nameserver')) {
    const target = configs.find((c) => c.name !== null && c.name === yamlText(yamlGet(src, entry, 'interface')));
    for (const server of yamlItems(src, yamlGet(src, entry, 'address')) ?? []) {
      const ip = parseIp(yamlText(server) ?? '', 'lenient');
      if (target !== undefined && ip !== undefined) target.dns.push(ip);
    }
  }
  return configs;
}
