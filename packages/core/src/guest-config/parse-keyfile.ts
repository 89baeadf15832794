// NetworkManager keyfiles (*.nmconnection, and extension-less files under /etc): only Ethernet
// profiles are NIC configurations (docs/network-formats.md#networkmanager-keyfile).
import { lineNote, withFileNotes } from './file-notes.js';
import { iniEntries, iniLast, parseIni, type IniSection } from './ini-file.js';
import { parseIp } from '../nic/ip-address.js';
import { keyfileAddresses } from './keyfile-addresses.js';
import { normaliseMac } from '../nic/mac-address.js';
import { emptyNicConfig, type GuestConfigFile, type GuestNicConfig } from './types.js';

const ETHERNET = ['ethernet', '802-3-ethernet'];
const IPV4_METHODS: Record<string, GuestNicConfig['bootproto']> = {
  auto: 'dhcp', manual: 'static', disabled: 'none', 'link-local': null, shared: null,
};

/** A keyfile MAC: hex with colons (any case) or the obsolete list of 6 decimal bytes ("0;34;104;18;121;162;"). */
export function keyfileMac(text: string): string | null {
  const bytes = text.split(';').filter((b) => b.trim() !== '');
  if (bytes.length === 6 && bytes.every((b) => /^\d{1,3}$/.test(b.trim()) && Number(b) <= 255)) {
    return bytes.map((b) => Number(b).toString(16).padStart(2, '0')).join(':');
  }
  return normaliseMac(text, 'guest') ?? null;
}

function bootprotoOf(sections: IniSection[], note: (line: number, msg: string) => void): GuestNicConfig['bootproto'] {
  // A profile without [ipv4] (or without method=) is normalized to method=auto (nm-connection.c).
  const method = iniLast(sections, ['ipv4'], 'method');
  if (method === undefined) return 'dhcp';
  const mapped = IPV4_METHODS[method.value];
  if (mapped === undefined) note(method.line, `unknown [ipv4] method=${method.value}`);
  return mapped ?? null;
}

function dnsOf(sections: IniSection[], file: string, notes: string[]): string[] {
  const dns: string[] = [];
  for (const entry of iniEntries(sections, ['ipv4', 'ipv6'], 'dns')) {
    for (const server of entry.value.split(/[;,]/).map((s) => s.trim()).filter((s) => s !== '')) {
      const ip = parseIp(server, 'lenient');
      if (ip === undefined) notes.push(lineNote(file, entry.line, `dns: '${server}' is not an IP address`));
      else dns.push(ip);
    }
  }
  return dns;
}

/** The NIC configuration of one keyfile; none for non-Ethernet profiles. */
export function parseKeyfile(file: GuestConfigFile): GuestNicConfig[] {
  const { sections, notes } = parseIni(file.content, file.path, 'glib');
  const config = emptyNicConfig('keyfile', file.path);
  const note = (line: number, msg: string) => config.notes.push(lineNote(file.path, line, msg));
  const type = iniLast(sections, ['connection'], 'type');
  if (type === undefined && !sections.some((s) => ETHERNET.includes(s.name))) {
    notes.push(lineNote(file.path, null, 'no [connection] type= and no [ethernet] section; NetworkManager cannot tell what this profile is'));
    return withFileNotes('keyfile', file.path, [], notes);
  }
  if (type !== undefined && !ETHERNET.includes(type.value)) return [];
  if (file.mode !== undefined && (file.mode & 0o077) !== 0) {
    notes.push(lineNote(file.path, null, `mode 0${(file.mode & 0o777).toString(8)} lets others read it; NetworkManager ignores such profiles (needs 0600)`));
  }
  config.name = iniLast(sections, ['connection'], 'interface-name')?.value || null;
  const mac = iniLast(sections, ETHERNET, 'mac-address');
  if (mac !== undefined && mac.value !== '') {
    config.mac = keyfileMac(mac.value);
    if (config.mac === null) note(mac.line, `mac-address=${mac.value} is not a MAC address`);
  }
  const mtu = iniLast(sections, ETHERNET, 'mtu');
  if (mtu !== undefined && !/^\d+$/.test(mtu.value)) note(mtu.line, `mtu=${mtu.value} is not a number`);
  else if (mtu !== undefined && Number(mtu.value) > 0) config.mtu = Number(mtu.value);
  const controller = iniLast(sections, ['connection'], 'controller') ?? iniLast(sections, ['connection'], 'master');
  if (controller !== undefined) note(controller.line, `${config.name ?? 'this profile'} is a port of ${controller.value}; its IP settings are on ${controller.value}`);
  else config.bootproto = bootprotoOf(sections, note);
  for (const family of [4, 6] as const) {
    const section = `ipv${family}`;
    const found = keyfileAddresses(sections.filter((s) => s.name === section).flatMap((s) => s.entries), family, file.path);
    config.addresses.push(...found.addresses);
    config.notes.push(...found.notes);
    const gw = iniLast(sections, [section], 'gateway');
    const explicit = gw === undefined || gw.value === '' ? null : parseIp(gw.value, 'lenient', family) ?? null;
    if (gw !== undefined && gw.value !== '' && explicit === null) note(gw.line, `gateway=${gw.value} is not an IPv${family} address`);
    // gateway= takes precedence over a gateway inside addressN (nm-settings-keyfile).
    const gateway = explicit ?? found.embeddedGateway;
    if (family === 4) config.gateway = gateway;
    else config.gateway6 = gateway;
  }
  config.dns = dnsOf(sections, file.path, config.notes);
  return withFileNotes('keyfile', file.path, [config], notes);
}
