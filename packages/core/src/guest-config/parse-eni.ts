// Debian ifupdown / ifupdown-ng / BusyBox `interfaces` files: one config per interface name, from
// its `iface NAME inet …` and `iface NAME inet6 …` stanzas (docs/network-formats.md#ifupdown-eni).
import { readAddress } from './address-prefix.js';
import { eniStanzas, type EniOption, type EniStanza } from './eni-stanzas.js';
import { lineNote, withFileNotes } from './file-notes.js';
import { parseIp } from '../nic/ip-address.js';
import { normaliseMac } from '../nic/mac-address.js';
import { emptyNicConfig, type GuestConfigFile, type GuestNicConfig } from './types.js';

const INET_METHODS: Record<string, GuestNicConfig['bootproto']> = { dhcp: 'dhcp', bootp: 'dhcp', static: 'static', manual: 'none' };

// Debian ifupdown and BusyBox both take the first occurrence of an option (get_var).
function option(stanza: EniStanza, key: string): EniOption | undefined {
  return stanza.options.find((o) => o.key === key);
}

function checkOptions(stanza: EniStanza, busybox: boolean, note: (line: number, msg: string) => void): void {
  const seen = new Set<string>();
  for (const o of stanza.options) {
    if (busybox && seen.has(o.key)) note(o.line, `duplicate option '${o.key}': BusyBox ifupdown refuses the file`);
    if (busybox && o.args.length === 0) note(o.line, `option '${o.key}' has no value: BusyBox ifupdown refuses the file`);
    const hash = o.args.findIndex((a) => a.startsWith('#'));
    if (hash !== -1) note(o.line, `'${o.args.slice(hash).join(' ')}' is part of the '${o.key}' value: interfaces(5) has no end-of-line comments`);
    seen.add(o.key);
  }
}

function readStatic(config: GuestNicConfig, stanza: EniStanza, family: 4 | 6, busybox: boolean, note: (line: number, msg: string) => void): void {
  const address = option(stanza, 'address');
  const netmask = option(stanza, 'netmask');
  if (address === undefined) note(stanza.line, `iface ${stanza.name} ${stanza.family} static has no address`);
  else {
    const r = readAddress({ text: address.args[0] ?? '', netmask: netmask?.args[0] });
    for (const p of r.problems) note(address.line, `address: ${p}`);
    if (r.family !== null && r.family !== family) note(address.line, `address: an IPv${r.family} address in an ${stanza.family} stanza`);
    if (busybox && family === 4 && netmask === undefined && r.address !== null && r.address.prefix !== null) {
      note(address.line, `BusyBox takes the prefix from 'netmask' only; 'address ${address.args[0]}' without netmask fails`);
    }
    if (r.address !== null) config.addresses.push(r.address);
  }
  const gw = option(stanza, 'gateway');
  if (gw === undefined) return;
  const text = parseIp(gw.args[0] ?? '', 'lenient', family);
  if (text === undefined) note(gw.line, `gateway '${gw.args.join(' ')}' is not an IPv${family} address`);
  else if (family === 4) config.gateway ??= text;
  else config.gateway6 ??= text;
}

function readCommon(config: GuestNicConfig, stanza: EniStanza, note: (line: number, msg: string) => void): void {
  const mtu = option(stanza, 'mtu');
  if (mtu !== undefined && /^\d+$/.test(mtu.args[0] ?? '')) config.mtu = Number(mtu.args[0]);
  else if (mtu !== undefined) note(mtu.line, `mtu '${mtu.args.join(' ')}' is not a number`);
  for (const o of stanza.options.filter((x) => x.key === 'dns-nameservers')) {
    for (const server of o.args) {
      const ip = parseIp(server, 'lenient');
      if (ip === undefined) note(o.line, `dns-nameservers: '${server}' is not an IP address`);
      else if (!config.dns.includes(ip)) config.dns.push(ip);
    }
  }
  const hw = option(stanza, 'hwaddress');
  if (hw === undefined) return;
  const text = hw.args[0] === 'ether' ? hw.args[1] ?? '' : hw.args[0] ?? '';
  const mac = normaliseMac(text, 'guest') ?? null;
  if (mac === null && text !== 'random') note(hw.line, `hwaddress '${hw.args.join(' ')}' is not a MAC address`);
  if (mac === null) return;
  // ifupdown has no MAC matching: hwaddress sets the MAC of the interface it names.
  note(hw.line, `hwaddress sets the MAC of ${stanza.name} to ${mac}; the stanza itself binds by name`);
  config.mac ??= mac;
}

function applyStanza(config: GuestNicConfig, stanza: EniStanza, busybox: boolean, note: (line: number, msg: string) => void): void {
  checkOptions(stanza, busybox, note);
  readCommon(config, stanza, note);
  if (stanza.family === 'inet6') {
    if (stanza.method === 'static') readStatic(config, stanza, 6, busybox, note);
    return;
  }
  // ifupdown-ng: `iface eth0` alone, the method given by `use dhcp` or implied by an address.
  const method = stanza.method ?? (option(stanza, 'use')?.args[0] === 'dhcp' ? 'dhcp' : option(stanza, 'address') ? 'static' : 'manual');
  const bootproto = INET_METHODS[method];
  if (bootproto === undefined) note(stanza.line, `iface ${stanza.name} inet ${method}: not dhcp, static or manual`);
  if (config.bootproto !== null && bootproto !== undefined && config.bootproto !== bootproto) {
    note(stanza.line, `a second inet stanza for ${stanza.name} says ${method}; keeping ${config.bootproto}`);
  } else config.bootproto = bootproto ?? null;
  if (method === 'static') readStatic(config, stanza, 4, busybox, note);
}

/** The NIC configurations in one interfaces file; `busybox` marks a BusyBox ifupdown guest. */
export function parseEni(file: GuestConfigFile, opts: { busybox?: boolean } = {}): GuestNicConfig[] {
  const busybox = opts.busybox ?? false;
  const format = busybox ? 'busybox-eni' : 'eni';
  const { stanzas, notes } = eniStanzas(file.content, file.path, busybox);
  const byName = new Map<string, { config: GuestNicConfig; inet: boolean }>();
  // A stanza another one inherits from is a template, not an interface of its own.
  const templates = new Set(stanzas.map((s) => s.inherits).filter((n) => n !== null));
  for (const own of stanzas) {
    if (own.name === 'lo' || own.method === 'loopback' || templates.has(own.name)) continue;
    const parent = stanzas.find((s) => s.name === own.inherits && s.family === own.family);
    if (own.inherits !== null && parent === undefined) notes.push(lineNote(file.path, own.line, `iface ${own.name} inherits ${own.inherits}, which is not defined in this file`));
    // The stanza's own options come first, so they win over the template's.
    const stanza = { ...own, options: [...own.options, ...(parent?.options ?? [])] };
    if (stanza.family !== null && stanza.family !== 'inet' && stanza.family !== 'inet6') continue;
    const entry = byName.get(stanza.name) ?? { config: { ...emptyNicConfig(format, file.path), name: stanza.name }, inet: false };
    byName.set(stanza.name, entry);
    const note = (line: number, msg: string) => entry.config.notes.push(lineNote(file.path, line, msg));
    if (stanza.method === null) {
      const missing = stanza.family === null ? 'family and method' : 'method';
      note(stanza.line, `iface ${stanza.name} without ${missing}: Debian ifupdown and BusyBox reject it (ifupdown-ng accepts it)`);
    }
    applyStanza(entry.config, stanza, busybox, note);
    entry.inet ||= stanza.family !== 'inet6';
  }
  // An interface with only inet6 stanzas has no IPv4 configuration at all.
  const configs = [...byName.values()].map(({ config, inet }) => (inet ? config : { ...config, bootproto: 'none' as const }));
  return withFileNotes(format, file.path, configs, notes);
}
