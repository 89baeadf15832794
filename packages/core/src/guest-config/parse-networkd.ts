// systemd-networkd .network files: which NIC ([Match]) and its IP settings ([Network], [Address],
// [Route], [Link]) (docs/network-formats.md#systemd-networkd).
import { readAddress } from './address-prefix.js';
import { lineNote, withFileNotes } from './file-notes.js';
import { iniEntries, iniLast, parseIni, type IniSection } from './ini-file.js';
import { intendedFamily, parseIp } from '../nic/ip-address.js';
import { readMatchMac, readMatchName } from './networkd-match.js';
import { emptyNicConfig, type GuestConfigFile, type GuestNicConfig } from './types.js';

const DHCP_V4 = ['yes', 'true', 'on', '1', 'ipv4', 'both', 'v4'];
const DHCP_NOT_V4 = ['no', 'false', 'off', '0', 'ipv6', 'v6', 'none'];
const SIZE_SUFFIX: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

function addGateway(config: GuestNicConfig, text: string, line: number, file: string): void {
  if (text === '_dhcp4' || text === '_ipv6ra') return;
  const gw = parseIp(text, 'lenient');
  if (gw === undefined) {
    config.notes.push(lineNote(file, line, `Gateway=${text} is not an IP address`));
    return;
  }
  if (intendedFamily(gw) === 4) config.gateway ??= gw;
  else config.gateway6 ??= gw;
}

function readAddresses(config: GuestNicConfig, sections: IniSection[], file: string): void {
  for (const entry of [...iniEntries(sections, ['Network'], 'Address'), ...iniEntries(sections, ['Address'], 'Address')]) {
    const r = readAddress({ text: entry.value });
    for (const p of r.problems) config.notes.push(lineNote(file, entry.line, `Address=: ${p}`));
    if (r.address !== null) config.addresses.push(r.address);
  }
  for (const entry of iniEntries(sections, ['Network'], 'Gateway')) addGateway(config, entry.value, entry.line, file);
  // A [Route] with a Gateway= and no Destination= (or a default one) is the default route.
  for (const route of sections.filter((s) => s.name === 'Route')) {
    const destination = route.entries.filter((e) => e.key === 'Destination').at(-1)?.value ?? '';
    const gateway = route.entries.filter((e) => e.key === 'Gateway').at(-1);
    if (gateway !== undefined && ['', '0.0.0.0/0', '::/0'].includes(destination)) addGateway(config, gateway.value, gateway.line, file);
  }
}

function readDns(config: GuestNicConfig, sections: IniSection[], file: string): void {
  for (const entry of iniEntries(sections, ['Network'], 'DNS')) {
    if (entry.value === '') config.dns = [];
    for (const server of entry.value.split(/\s+/).filter((s) => s !== '')) {
      // DNS= may carry a port, an interface and a server name: [2001:db8::1]:53%eth0#dns.example
      const bare = server.replace(/#.*$/, '').replace(/%[^\]]*$/, '').replace(/^\[([^\]]+)\](:\d+)?$/, '$1').replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1');
      const ip = parseIp(bare, 'lenient');
      if (ip === undefined) config.notes.push(lineNote(file, entry.line, `DNS=: '${server}' is not an IP address`));
      else config.dns.push(ip);
    }
  }
}

function readMtu(config: GuestNicConfig, sections: IniSection[], file: string): void {
  const mtu = iniLast(sections, ['Link'], 'MTUBytes');
  const m = /^(\d+)\s*([KMG]?)$/.exec(mtu?.value ?? '');
  if (m !== null) config.mtu = Number(m[1]) * (SIZE_SUFFIX[m[2] as string] ?? 1);
  else if (mtu !== undefined) config.notes.push(lineNote(file, mtu.line, `MTUBytes=${mtu.value} is not a size`));
}

/** The NIC configuration of one .network file. */
export function parseNetworkd(file: GuestConfigFile): GuestNicConfig[] {
  // An empty file masks a same-named file in a directory of lower priority, and configures nothing.
  if (file.content === '') return [];
  const { sections, notes } = parseIni(file.content, file.path, 'systemd');
  const config = emptyNicConfig('networkd', file.path);
  readMatchMac(config, sections, file.path);
  readMatchName(config, sections);
  if (!sections.some((s) => s.name === 'Match' && s.entries.length > 0)) {
    notes.push(lineNote(file.path, null, 'no [Match] settings: systemd-networkd applies this file to every interface'));
  }
  readAddresses(config, sections, file.path);
  readDns(config, sections, file.path);
  readMtu(config, sections, file.path);
  const dhcp = iniLast(sections, ['Network'], 'DHCP');
  const value = dhcp?.value.toLowerCase() ?? 'no';
  if (!DHCP_V4.includes(value) && !DHCP_NOT_V4.includes(value)) config.notes.push(lineNote(file.path, dhcp?.line ?? null, `unknown DHCP=${dhcp?.value}`));
  const hasIpv4 = config.addresses.some((a) => intendedFamily(a.address) === 4);
  config.bootproto = DHCP_V4.includes(value) ? 'dhcp' : hasIpv4 ? 'static' : 'none';
  return withFileNotes('networkd', file.path, [config], notes);
}
