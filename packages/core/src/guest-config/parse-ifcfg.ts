// ifcfg-<name> files: RHEL family in /etc/sysconfig/network-scripts, SUSE wicked in
// /etc/sysconfig/network (same shell syntax, different keys and meanings:
// docs/network-formats.md#ifcfg-rhel-family, docs/network-formats.md#suse-wicked-read-only).
import { lineNote, withFileNotes } from './file-notes.js';
import { parseIp } from '../nic/ip-address.js';
import { rhIfcfgAddresses, shellValue, suseIfcfgAddresses } from './ifcfg-addresses.js';
import { normaliseMac } from '../nic/mac-address.js';
import { parseShellAssignments, type ShellVar } from './shell-assignments.js';
import { emptyNicConfig, type GuestConfigFile, type GuestNicConfig } from './types.js';

type Vars = Map<string, ShellVar>;
type Note = (line: number | null, msg: string) => void;

const SUSE_DIR = '/etc/sysconfig/network/';

function bootprotoOf(vars: Vars, hasIpv4: boolean, suse: boolean, note: Note): GuestNicConfig['bootproto'] {
  const at = vars.get('BOOTPROTO');
  const value = (at?.value ?? '').trim().toLowerCase();
  const staticOrNone = hasIpv4 ? 'static' : 'none';
  if (value === '' || value === 'static' || value === 'none') return staticOrNone;
  if (suse ? ['dhcp', 'dhcp4', 'dhcp+autoip'].includes(value) : ['dhcp', 'bootp'].includes(value)) return 'dhcp';
  if (suse && value === 'dhcp6') return staticOrNone;
  if (!['autoip', 'shared', 'ibft'].includes(value)) {
    note(at?.line ?? null, `unknown BOOTPROTO=${at?.value}${suse ? '' : '; NetworkManager rejects this profile'}`);
  }
  return null;
}

/** Not a plain Ethernet NIC (bridge, bond, VLAN, …): no entry. */
function isVirtual(vars: Vars, suse: boolean): boolean {
  const type = shellValue(vars, 'TYPE')?.value.toLowerCase();
  if (type !== undefined && type !== 'ethernet') return true;
  if (suse) return ['BRIDGE', 'BONDING_MASTER'].some((k) => shellValue(vars, k)?.value.toLowerCase() === 'yes')
    || shellValue(vars, 'ETHERDEVICE') !== undefined;
  return shellValue(vars, 'VLAN')?.value.toLowerCase() === 'yes' || shellValue(vars, 'BONDING_OPTS') !== undefined;
}

function bindMac(config: GuestNicConfig, vars: Vars, suse: boolean, note: Note): void {
  // HWADDR is what the profile matches; MACADDR / SUSE LLADDR set the MAC of the named device.
  const match = suse ? undefined : shellValue(vars, 'HWADDR');
  const set = shellValue(vars, suse ? 'LLADDR' : 'MACADDR');
  for (const at of [match, set]) {
    if (at !== undefined && normaliseMac(at.value, 'guest') === undefined) note(at.line, `'${at.value}' is not a MAC address`);
  }
  config.mac = match === undefined ? null : (normaliseMac(match.value, 'guest') ?? null);
  if (config.mac === null && set !== undefined && normaliseMac(set.value, 'guest') !== undefined) {
    config.mac = normaliseMac(set.value, 'guest') ?? null;
    note(set.line, `${suse ? 'LLADDR' : 'MACADDR'} sets the MAC of ${config.name ?? 'the device'} to ${config.mac}; the file itself binds by name`);
  }
}

function dnsOf(vars: Vars, note: Note): string[] {
  const keys = [...vars.keys()].filter((k) => /^DNS\d+$/.test(k)).sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
  const dns: string[] = [];
  for (const key of keys) {
    const at = shellValue(vars, key);
    if (at === undefined) continue;
    const ip = parseIp(at.value, 'lenient');
    if (ip === undefined) note(at.line, `${key}=${at.value} is not an IP address`);
    else dns.push(ip);
  }
  return dns;
}

/** The NIC configuration of one ifcfg file (none for ifcfg-lo, aliases, bridges, bonds, VLANs). */
export function parseIfcfg(file: GuestConfigFile): GuestNicConfig[] {
  const suffix = file.path.slice(file.path.lastIndexOf('/') + 1).replace(/^ifcfg-/, '');
  if (suffix === 'lo') return [];
  const suse = file.path.startsWith(SUSE_DIR);
  const { vars, notes } = parseShellAssignments(file.content, file.path);
  const config = emptyNicConfig('ifcfg', file.path);
  const note: Note = (line, msg) => config.notes.push(lineNote(file.path, line, msg));
  const device = suse ? suffix : shellValue(vars, 'DEVICE')?.value.trim() ?? null;
  if (device?.includes(':') || suffix.includes(':')) {
    notes.push(lineNote(file.path, null, `alias ${device ?? suffix} adds addresses to ${(device ?? suffix).split(':')[0]}; not read as a NIC of its own`));
    return withFileNotes('ifcfg', file.path, [], notes);
  }
  if (isVirtual(vars, suse)) return withFileNotes('ifcfg', file.path, [], notes);
  config.name = device;
  bindMac(config, vars, suse, note);
  if (config.name === null && config.mac === null) note(null, 'neither DEVICE nor HWADDR: NetworkManager applies this profile to any Ethernet NIC');
  const addrs = suse ? suseIfcfgAddresses(vars, file.path) : rhIfcfgAddresses(vars, file.path);
  config.addresses = addrs.addresses;
  config.notes.push(...addrs.notes);
  const controller = suse ? undefined : shellValue(vars, 'MASTER') ?? shellValue(vars, 'BRIDGE');
  if (controller !== undefined) note(controller.line, `${config.name ?? 'this NIC'} is a port of ${controller.value}; its IP settings are on ${controller.value}`);
  else config.bootproto = bootprotoOf(vars, addrs.hasIpv4, suse, note);
  if (!suse) {
    const gw = shellValue(vars, 'GATEWAY');
    config.gateway = gw === undefined ? null : parseIp(gw.value, 'lenient', 4) ?? null;
    if (gw !== undefined && config.gateway === null) note(gw.line, `GATEWAY=${gw.value} is not an IPv4 address`);
    const gw6 = shellValue(vars, 'IPV6_DEFAULTGW');
    config.gateway6 = gw6 === undefined ? null : parseIp(gw6.value, 'lenient', 6) ?? null;
    if (gw6 !== undefined && config.gateway6 === null) note(gw6.line, `IPV6_DEFAULTGW=${gw6.value} is not an IPv6 address`);
    config.dns = dnsOf(vars, note);
  }
  const mtu = shellValue(vars, 'MTU');
  if (mtu !== undefined && /^\d+$/.test(mtu.value.trim())) config.mtu = Number(mtu.value);
  else if (mtu !== undefined) note(mtu.line, `MTU=${mtu.value} is not a number`);
  return withFileNotes('ifcfg', file.path, [config], notes);
}
