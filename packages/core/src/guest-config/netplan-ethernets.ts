// The `ethernets:` of a netplan v2 document, shared by netplan files and cloud-init's network
// config version 2 (the same schema; docs/network-formats.md#cloud-init-network-config).
import { readAddress } from './address-prefix.js';
import { lineNote } from './file-notes.js';
import { intendedFamily, parseIp } from '../nic/ip-address.js';
import { normaliseMac } from '../nic/mac-address.js';
import { isNamePattern } from './name-pattern.js';
import { emptyNicConfig, type GuestNicConfig } from './types.js';
import { lineOf, readsAsYaml11Number, yamlBool, yamlGet, yamlItems, yamlPairs, yamlText, type YamlSource } from './yaml-tree.js';

const DEFAULT_ROUTES = ['default', '0.0.0.0/0', '::/0'];

type Format = 'netplan' | 'cloud-init';

interface Ctx {
  src: YamlSource;
  config: GuestNicConfig;
  note(node: unknown, message: string): void;
}

function setGateway(ctx: Ctx, node: unknown, via: string, what: string): void {
  const gw = parseIp(via, 'lenient');
  if (gw === undefined) return ctx.note(node, `${what} '${via}' is not an IP address`);
  const key = intendedFamily(gw) === 4 ? 'gateway' : 'gateway6';
  const had = ctx.config[key];
  if (had !== null && had !== gw) ctx.note(node, `${what} ${gw} conflicts with the default gateway ${had} given before; using ${had}`);
  ctx.config[key] ??= gw;
}

function readMatch(ctx: Ctx, id: string, def: unknown, format: Format): void {
  const { src, config } = ctx;
  const match = yamlGet(src, def, 'match');
  const macNode = yamlGet(src, match, 'macaddress');
  const macText = yamlText(macNode);
  if (macText !== null) {
    config.mac = normaliseMac(macText, 'guest') ?? null;
    if (config.mac === null) ctx.note(macNode, `match.macaddress '${macText}' is not a MAC address (XX:XX:XX:XX:XX:XX)`);
    if (format === 'cloud-init' && readsAsYaml11Number(macNode, macText)) {
      ctx.note(macNode, `cloud-init (YAML 1.1) reads the unquoted MAC ${macText} as a number; quote it`);
    }
  }
  const matchName = yamlText(yamlGet(src, match, 'name'));
  const setNameNode = yamlGet(src, def, 'set-name');
  const setName = yamlText(setNameNode);
  if (setName !== null && match === undefined) ctx.note(setNameNode, `'set-name:' requires 'match:' properties`);
  // Without match: the id is the interface name; with match: it is an opaque label.
  config.name = setName ?? matchName ?? (match === undefined ? id : null);
  config.nameIsGlob = setName === null && matchName !== null && isNamePattern(matchName);
}

function readAddresses(ctx: Ctx, def: unknown): void {
  const { src, config } = ctx;
  const items = yamlItems(src, yamlGet(src, def, 'addresses')) ?? [];
  for (const item of items) {
    // An address is a scalar, or a one-key mapping `addr/prefix: {lifetime, label}`.
    const text = yamlText(item) ?? yamlPairs(src, item)[0]?.key ?? null;
    if (text === null) continue;
    const r = readAddress({ text });
    for (const p of r.problems) ctx.note(item, `addresses: ${p}`);
    if (r.maskAfterSlash) ctx.note(item, `addresses: '${text}' has a netmask after '/'; netplan wants a prefix length`);
    if (r.address !== null) config.addresses.push(r.address);
  }
  for (const [key, family] of [['gateway4', 4], ['gateway6', 6]] as const) {
    const node = yamlGet(src, def, key);
    const text = yamlText(node);
    if (text !== null && parseIp(text, 'lenient', family) === undefined) ctx.note(node, `${key} '${text}' is not an IPv${family} address`);
    else if (text !== null) setGateway(ctx, node, text, key);
  }
  for (const route of yamlItems(src, yamlGet(src, def, 'routes')) ?? []) {
    const to = yamlText(yamlGet(src, route, 'to'));
    const via = yamlText(yamlGet(src, route, 'via'));
    if (to !== null && via !== null && DEFAULT_ROUTES.includes(to)) setGateway(ctx, route, via, 'default route via');
  }
}

function readRest(ctx: Ctx, def: unknown): void {
  const { src, config } = ctx;
  for (const server of yamlItems(src, yamlGet(src, yamlGet(src, def, 'nameservers'), 'addresses')) ?? []) {
    const text = yamlText(server);
    const ip = text === null ? undefined : parseIp(text, 'lenient');
    if (ip !== undefined) config.dns.push(ip);
    else ctx.note(server, `nameservers: '${text ?? '?'}' is not an IP address`);
  }
  const mtuNode = yamlGet(src, def, 'mtu');
  const mtu = yamlText(mtuNode);
  if (mtu !== null && /^\d+$/.test(mtu)) config.mtu = Number(mtu);
  else if (mtu !== null) ctx.note(mtuNode, `mtu '${mtu}' is not a number`);
  const dhcpNode = yamlGet(src, def, 'dhcp4');
  const dhcp4 = yamlBool(dhcpNode);
  if (dhcpNode !== undefined && dhcp4 === null) ctx.note(dhcpNode, `dhcp4 '${yamlText(dhcpNode) ?? '?'}' is not a boolean`);
  const hasIpv4 = config.addresses.some((a) => intendedFamily(a.address) === 4);
  config.bootproto = dhcp4 === true ? 'dhcp' : hasIpv4 ? 'static' : 'none';
}

/** One config per entry of `network.ethernets` (bonds, bridges, VLANs, wifis are not NICs). */
export function netplanEthernets(src: YamlSource, network: unknown, format: Format): GuestNicConfig[] {
  const ethernets = yamlGet(src, network, 'ethernets');
  return yamlPairs(src, ethernets).map(({ key, keyNode, value }) => {
    const config = emptyNicConfig(format, src.file);
    const ctx: Ctx = { src, config, note: (node, message) => config.notes.push(lineNote(src.file, lineOf(src, node) ?? lineOf(src, keyNode), `ethernets.${key}: ${message}`)) };
    readMatch(ctx, key, value, format);
    readAddresses(ctx, value);
    readRest(ctx, value);
    return config;
  });
}
