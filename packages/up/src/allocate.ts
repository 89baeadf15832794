// Addresses and MACs decided up front, before anything is created: `auto` addresses from the
// network's subnet, lowest free first, and MACs for NICs that name none. What an earlier run
// allocated (the lab's state) is kept while it is still free, so re-creating a machine gives it
// the same address and MAC; what another lab or domain uses, the network's DHCP range, its gateway
// and the host's own address are never handed out.
import { randomBytes } from 'node:crypto';
import { addressInRange, addressPlus, cidrText, inSubnet, isNetworkOrBroadcast } from '@rejviz/core/nic';
import { UsageError, ERROR_CODES } from '@rejviz/core';
import type { Lab, LabNetwork } from './lab-file/lab-types.js';

/** One NIC as it will be created: its MAC and, unless it uses DHCP, its address. */
export interface AllocatedNic {
  network: string;
  mac: string;
  /** null: DHCP. */
  address: { address: string; prefix: number } | null;
  gateway: string | null;
}

export interface AllocatedMachine {
  name: string;
  nics: AllocatedNic[];
  /** The management NIC's MAC (a machine with management: true), kept like the NICs' MACs. */
  management?: { mac: string };
}

/** What allocation must keep clear of, and what an earlier run chose. */
export interface AllocationInput {
  /** Addresses in use on each lab network (by its key), by other labs and domains. */
  takenAddresses?: ReadonlyMap<string, ReadonlySet<string>>;
  /** MACs in use by any other domain on this host. */
  takenMacs?: ReadonlySet<string>;
  /** The lab's earlier allocation (its state), by machine name. */
  previous?: readonly AllocatedMachine[];
  /** For tests: where a new MAC's random bytes come from. */
  random?: (bytes: number) => Uint8Array;
}

// The prefix qemu and libvirt give their own MACs (locally administered: 0x52 has bit 1 set).
const MAC_PREFIX = '52:54:00';
// The subnet's lowest address is the network (IPv4) or the subnet-router anycast address (IPv6).
const FIRST_HOST_OFFSET = 1;

/** Every NIC of the lab with its MAC and address. */
export function allocateLab(lab: Lab, input: AllocationInput = {}): AllocatedMachine[] {
  const random = input.random ?? ((n: number) => randomBytes(n));
  const usedMacs = new Set(input.takenMacs ?? []);
  const used = new Map<string, Set<string>>(lab.networks.map((n) => [n.name, new Set(input.takenAddresses?.get(n.name) ?? [])]));
  // The lab's own static addresses and MACs are spoken for before any auto one is chosen.
  for (const m of lab.machines) {
    for (const nic of m.nics) {
      if (nic.address.kind === 'static') used.get(nic.network)!.add(nic.address.address);
      if (nic.mac) usedMacs.add(nic.mac);
    }
  }
  const previous = new Map((input.previous ?? []).map((m) => [m.name, m]));
  const plan = lab.machines.map((m) => ({ machine: m, before: previous.get(m.name) }));

  // Earlier choices first, so that a new machine never takes an address an old one keeps.
  const kept = new Map<string, AllocatedNic>();
  for (const { machine, before } of plan) {
    machine.nics.forEach((nic, i) => {
      const old = before?.nics[i];
      if (!old || old.network !== nic.network) return;
      const network = lab.networks.find((n) => n.name === nic.network)!;
      const mac = nic.mac ?? (usedMacs.has(old.mac) ? null : old.mac);
      const address = nic.address.kind === 'auto' && old.address && isFree(network, old.address.address, used.get(nic.network)!) ? old.address : undefined;
      if (mac && !nic.mac) usedMacs.add(mac);
      if (address) used.get(nic.network)!.add(address.address);
      kept.set(`${machine.name} ${i}`, { network: nic.network, mac: mac ?? '', address: address ?? null, gateway: nic.gateway });
    });
  }

  // Management MACs kept from the earlier allocation first, as the NICs' are.
  const keptManagement = new Map<string, string>();
  for (const { machine, before } of plan) {
    const old = before?.management?.mac;
    if (machine.management && old && !usedMacs.has(old)) {
      usedMacs.add(old);
      keptManagement.set(machine.name, old);
    }
  }

  return plan.map(({ machine }) => ({
    name: machine.name,
    nics: machine.nics.map((nic, i): AllocatedNic => {
      const network = lab.networks.find((n) => n.name === nic.network)!;
      const old = kept.get(`${machine.name} ${i}`);
      const mac = nic.mac ?? (old?.mac || newMac(usedMacs, random));
      let address: AllocatedNic['address'] = null;
      if (nic.address.kind === 'static') address = { address: nic.address.address, prefix: nic.address.prefix };
      else if (nic.address.kind === 'auto') address = old?.address ?? nextFree(network, used.get(nic.network)!, machine.name);
      return { network: nic.network, mac, address, gateway: nic.gateway };
    }),
    // After the machine's NICs, so a new machine's NIC MACs do not depend on it.
    ...(machine.management && { management: { mac: keptManagement.get(machine.name) ?? newMac(usedMacs, random) } }),
  }));
}

/** Whether `address` may be handed to a machine on `network` now. */
function isFree(network: LabNetwork, address: string, used: ReadonlySet<string>): boolean {
  const subnet = network.subnet;
  if (!subnet || !inSubnet(address, subnet) || used.has(address)) return false;
  if (address === network.gateway || address === network.hostAddress) return false;
  if (isNetworkOrBroadcast({ address, prefix: subnet.prefix }) || address === subnet.address) return false;
  if (network.dhcpHosts.some((h) => h.ip === address)) return false;
  return !network.dhcpRanges.some((r) => addressInRange(address, r.start, r.end));
}

// The lowest free address of the subnet. A subnet is walked at most this far: an IPv6 /64 is
// never exhausted in practice, and a lab of 100 machines needs far fewer.
const MAX_WALK = 65_536;

function nextFree(network: LabNetwork, used: Set<string>, machine: string): { address: string; prefix: number } {
  const subnet = network.subnet!;
  for (let offset = FIRST_HOST_OFFSET; offset < MAX_WALK; offset++) {
    const candidate = addressPlus(subnet.address, offset);
    if (candidate === undefined || !inSubnet(candidate, subnet)) break;
    if (isFree(network, candidate, used)) {
      used.add(candidate);
      return { address: candidate, prefix: subnet.prefix };
    }
  }
  throw new UsageError(
    `networks.${network.name}: no free address left in ${cidrText(subnet)} for ${machine} (the DHCP range and reservations, the gateway and the addresses in use are excluded); use a wider subnet or give fewer machines an auto address`,
    ERROR_CODES.INPUT,
  );
}

function newMac(used: Set<string>, random: (bytes: number) => Uint8Array): string {
  // 2^24 MACs under the prefix: a collision is rare, and a repeated draw is cheap.
  for (let attempt = 0; attempt < 1000; attempt++) {
    const tail = [...random(3)].map((b) => b.toString(16).padStart(2, '0')).join(':');
    const mac = `${MAC_PREFIX}:${tail}`;
    if (!used.has(mac)) {
      used.add(mac);
      return mac;
    }
  }
  throw new Error('Assertion failed: no free MAC after 1000 random draws');
}
