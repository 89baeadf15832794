// Machines: settings inherited defaults -> template profile chain -> machine (the nearer wins;
// groups add up; userData and plugin sections merge key by key), count: N expanded to NAME-1 ...
// NAME-N, and every NIC checked against its network. Static addresses and MACs must be unique in
// the lab; a static address with count: N is the first of N consecutive ones.
import { normaliseMac } from '@rejviz/core/nic';
import { addressPlus, cidrText, intendedFamily, parseIp, parsePrefix } from '@rejviz/core/nic';
import { shown } from '@rejviz/core';
import { labError } from './lab-error.js';
import type { LabPath, LabSource } from './lab-source.js';
import type { LabAddress, LabDisk, LabFileData, LabMachine, LabNetwork, LabNic, MachineSettings, NicEntry } from './lab-types.js';
import { addressProblem } from './resolve-networks.js';
import { knownProfiles, templateChain } from './resolve-templates.js';
import { sizeMiB } from './sizes.js';

// libvirt's and qemu's bounds are far wider; below 64 MiB no distribution boots, and a value past
// 4 TiB is a unit mistake (memory: 4096G) rather than a wish.
const MEMORY_MIB = { min: 64, max: 4 * 1024 * 1024 };
const DEFAULTS = { memoryMiB: 1024, vcpus: 1 };

/** A setting and the path it was written at. */
type Found<T> = { value: T; path: LabPath };

/** The machines of the lab, in file order, count expanded. */
export function resolveMachines(source: LabSource, data: LabFileData, networks: readonly LabNetwork[]): LabMachine[] {
  const machines: (Omit<LabMachine, 'nics'> & { nics: (LabNic & { path: LabPath })[] })[] = [];
  const names = new Map<string, number>();
  for (const [index, entry] of data.machines.entries()) {
    const at: LabPath = ['machines', index];
    const templateName = entry.template ?? data.defaults?.template;
    if (templateName === undefined) throw labError(source, at, `the machine ${shown(entry.name)} has no template`, `add template: PROFILE to it or to defaults: (${knownProfiles(data)})`);
    const templatePath: LabPath = entry.template !== undefined ? [...at, 'template'] : ['defaults', 'template'];
    if (!data.templates?.[templateName]) throw labError(source, templatePath, `${shown(templateName)} is not a template profile`, knownProfiles(data));
    const layers: [MachineSettings, LabPath][] = [
      [data.defaults ?? {}, ['defaults']],
      ...templateChain(source, data, templateName).map(([name, t]): [MachineSettings, LabPath] => [t, ['templates', name]]),
      [entry, at],
    ];
    const pick = <K extends keyof MachineSettings>(key: K): Found<NonNullable<MachineSettings[K]>> | undefined => {
      for (let i = layers.length - 1; i >= 0; i--) {
        const [layer, path] = layers[i]!;
        if (layer[key] !== undefined) return { value: layer[key] as NonNullable<MachineSettings[K]>, path: [...path, key] };
      }
      return undefined;
    };

    const memory = pick('memory');
    const memoryMiB = memory ? sizeMiB(memory.value) : DEFAULTS.memoryMiB;
    if (memoryMiB === undefined || memoryMiB < MEMORY_MIB.min || memoryMiB > MEMORY_MIB.max) {
      throw labError(source, memory!.path, `${shown(String(memory!.value))} is not a memory size a machine can have`, 'give 64M to 4T: MiB as a number (2048) or with a unit (2G)');
    }
    const disk = pick('disk');
    const diskMiB = disk ? sizeMiB(disk.value) : null;
    if (diskMiB === undefined) throw labError(source, disk!.path, `${shown(String(disk!.value))} is not a size`, 'write MiB as a number, or a number with a unit: 512M, 20G');
    const disksFound = pick('disks');
    const disks: LabDisk[] = (disksFound?.value ?? []).map((d, i) => {
      const mib = sizeMiB(d.size);
      if (mib === undefined) throw labError(source, [...disksFound!.path, i, 'size'], `${shown(String(d.size))} is not a size`, 'write MiB as a number, or a number with a unit: 512M, 20G');
      return { sizeMiB: mib, format: d.format ?? 'qcow2' };
    });
    const nicsFound = pick('nics');
    const count = entry.count ?? 1;
    const userData: Record<string, unknown> = {};
    const plugins: Record<string, Record<string, unknown>> = {};
    for (const [layer] of layers) {
      mergeInto(userData, layer.userData ?? {});
      for (const [plugin, options] of Object.entries(layer.plugins ?? {})) plugins[plugin] = { ...plugins[plugin], ...options };
    }
    const groups = [...new Set(layers.flatMap(([layer]) => layer.groups ?? []))];
    // Without a seed nothing carries user-data or a planned address into the guest: refused,
    // rather than a machine that silently lacks them.
    const seedFound = pick('seed');
    const seed = seedFound?.value ?? true;
    // The management NIC's address comes from the seed's network-config too.
    const managementFound = pick('management');
    const management = managementFound?.value ?? false;
    if (!seed && management) {
      throw labError(source, seedFound!.path, `false, but the machine ${shown(entry.name)} has management: true, whose NIC only the seed's network-config brings up`, 'drop seed: false, or management: true');
    }
    if (!seed && Object.keys(userData).length > 0) {
      throw labError(source, seedFound!.path, `false, but the machine ${shown(entry.name)} has userData, which only the seed delivers`, 'drop seed: false, or the userData');
    }

    for (let n = 1; n <= count; n++) {
      const name = count === 1 && entry.count === undefined ? entry.name : `${entry.name}-${n}`;
      const earlier = names.get(name);
      if (earlier !== undefined) {
        throw labError(source, [...at, 'name'], `a second machine named ${shown(name)} (machines[${earlier}] has it${entry.count ? `, with count: ${count}` : ''})`, 'give each machine its own name; count: N names them NAME-1 ... NAME-N');
      }
      names.set(name, index);
      const nics = (nicsFound?.value ?? []).map((nic, i) => resolveNic(source, [...nicsFound!.path, i], nic, networks, n - 1, count));
      const planned = nics.find((nic) => nic.address.kind !== 'dhcp');
      if (!seed && planned) {
        throw labError(source, seedFound!.path, `false, but ${shown(name)} has a planned address on ${shown(planned.network)}, which only the seed's network-config delivers`, 'give its NICs address: dhcp, or drop seed: false');
      }
      machines.push({
        name,
        hostname: entry.hostname !== undefined && count === 1 ? entry.hostname : name,
        template: templateName,
        memoryMiB,
        vcpus: pick('vcpus')?.value ?? DEFAULTS.vcpus,
        diskMiB,
        disks,
        nics,
        groups,
        userData: structuredClone(userData),
        seed,
        management,
        plugins: structuredClone(plugins),
        entry: index,
      });
    }
    if (entry.hostname !== undefined && count > 1) {
      throw labError(source, [...at, 'hostname'], `one hostname for count: ${count} machines`, 'leave hostname out: each machine is named NAME-1 ... NAME-N');
    }
  }
  checkUnique(source, machines);
  // The paths were for messages only.
  return machines.map((m) => ({ ...m, nics: m.nics.map(({ path: _path, ...nic }) => nic) }));
}

function resolveNic(source: LabSource, path: LabPath, nic: NicEntry, networks: readonly LabNetwork[], offset: number, count: number): LabNic & { path: LabPath } {
  const network = networks.find((n) => n.name === nic.network);
  if (!network) {
    const known = networks.map((n) => n.name);
    throw labError(source, [...path, 'network'], `${shown(nic.network)} is not a network of the lab`, known.length > 0 ? `the networks are: ${known.join(', ')}` : 'add it under networks: (existing: NAME for a libvirt network, or subnet: for an isolated one)');
  }
  let mac: string | null = null;
  if (nic.mac !== undefined) {
    if (count > 1) throw labError(source, [...path, 'mac'], `one MAC for count: ${count} machines`, 'leave mac out: rejviz-up gives each machine its own');
    mac = normaliseMac(nic.mac) ?? null;
    if (mac === null || (Number.parseInt(mac.slice(0, 2), 16) & 1) === 1) {
      throw labError(source, [...path, 'mac'], `${shown(nic.mac)} is not a unicast MAC address`, 'write e.g. 52:54:00:12:34:56 (the first byte even), or leave mac out');
    }
  }
  let gateway = network.gateway;
  if (nic.gateway !== undefined) {
    gateway = parseIp(nic.gateway) ?? null;
    if (gateway === null) throw labError(source, [...path, 'gateway'], `${shown(nic.gateway)} is not an IP address`, 'write the gateway as e.g. 198.51.100.1');
  }
  return { network: network.name, address: resolveAddress(source, [...path, 'address'], nic.address, network, offset), mac, gateway, path };
}

function resolveAddress(source: LabSource, path: LabPath, text: string | undefined, network: LabNetwork, offset: number): LabAddress {
  if (text === undefined) return network.subnet ? { kind: 'auto' } : { kind: 'dhcp' };
  if (text === 'dhcp') return { kind: 'dhcp' };
  if (text === 'auto') {
    if (!network.subnet) throw labError(source, path, `auto needs the subnet of ${shown(network.name)}`, `add subnet: ADDRESS/PREFIX under networks.${network.name}, or write address: dhcp`);
    return { kind: 'auto' };
  }
  const fix = 'write auto, dhcp, or ADDRESS/PREFIX such as 198.51.100.10/24';
  const [addressText = '', prefixText] = text.split('/', 2);
  const first = parseIp(addressText);
  if (first === undefined) throw labError(source, path, `${shown(text)} is not an address`, fix);
  const family = intendedFamily(first);
  let prefix = prefixText === undefined ? network.subnet?.prefix : parsePrefix(prefixText, family);
  if (prefix === undefined) throw labError(source, path, `${shown(text)} has ${prefixText === undefined ? 'no prefix' : 'a bad prefix'}`, prefixText === undefined ? 'write ADDRESS/PREFIX, or give the network a subnet:' : fix);
  const address = addressPlus(first, offset);
  const problem = address === undefined ? 'runs past the last address' : addressProblem(network, address, prefix);
  if (problem !== undefined) {
    const which = offset > 0 ? `${cidrText({ address: address ?? first, prefix })} (machine ${offset + 1} of the count, counting from ${shown(text)})` : shown(text);
    throw labError(source, path, `${which} ${problem}`, network.subnet ? `give a free address in ${cidrText(network.subnet)}, or write auto` : fix);
  }
  prefix ??= 0;
  return { kind: 'static', address: address!, prefix };
}

/** Static addresses and fixed MACs: each at most once in the lab. */
function checkUnique(source: LabSource, machines: readonly (Omit<LabMachine, 'nics'> & { nics: (LabNic & { path: LabPath })[] })[]): void {
  const addresses = new Map<string, string>();
  const macs = new Map<string, string>();
  for (const m of machines) {
    for (const nic of m.nics) {
      if (nic.address.kind === 'static') {
        const key = `${nic.network} ${nic.address.address}`;
        const other = addresses.get(key);
        if (other !== undefined) throw labError(source, [...nic.path, 'address'], `${nic.address.address} is given to ${other} and to ${m.name}`, 'give each machine its own address, or write auto');
        addresses.set(key, m.name);
      }
      if (nic.mac !== null) {
        const other = macs.get(nic.mac);
        if (other !== undefined) throw labError(source, [...nic.path, 'mac'], `${nic.mac} is given to ${other} and to ${m.name}`, 'give each NIC its own MAC, or leave mac out');
        macs.set(nic.mac, m.name);
      }
    }
  }
}

/** Merges `add` into `into`: maps key by key, lists appended (runcmd, packages), the rest replaced. */
export function mergeInto(into: Record<string, unknown>, add: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(add)) {
    const had = into[key];
    if (Array.isArray(had) && Array.isArray(value)) into[key] = [...had, ...value];
    else if (isRecord(had) && isRecord(value)) mergeInto(had, value);
    else into[key] = structuredClone(value);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
