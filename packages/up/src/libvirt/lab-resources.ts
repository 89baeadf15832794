// Everything on a libvirt connection that belongs to one lab: its domains (by the record in their
// metadata), its volumes in any pool and the networks it created (by name: LAB_..., which no
// other lab's names can start with), each domain's state. Read in a few virsh processes.
import { virshQuery, virshWord, type LibvirtConnection, type Runner } from '@rejviz/core';
import { readHost } from './read-host.js';
import type { MachineRecord } from './machine-metadata.js';

export interface LabDomain {
  name: string;
  record: MachineRecord;
  /** virsh domstate: running, shut off, paused ... */
  state: string;
  /** Its management NIC's port on 127.0.0.1 (from its XML), or null without one. */
  managementPort: number | null;
}

export interface LabResources {
  domains: LabDomain[];
  volumes: { pool: string; name: string }[];
  networks: string[];
}

const MARK = '@@rejviz-up@@';

/** The words of virsh output between separator echoes: one block per command, in order. */
function blocks(stdout: string): string[] {
  return stdout.split(MARK).slice(1).map((b) => b.trim());
}

/** Finds the lab's domains, volumes and networks. */
export async function labResources(runner: Runner, connection: LibvirtConnection, lab: string): Promise<LabResources> {
  const prefix = `${lab}_`;
  const host = await readHost(runner, connection);
  const mine = host.domains.filter((d): d is typeof d & { record: MachineRecord } => d.record?.lab === lab);
  const listing = await virshQuery(runner, connection, [`pool-list --all --name; echo ${MARK}; net-list --all --name`]);
  const [poolPart = '', netPart = ''] = listing.stdout.split(MARK);
  const pools = poolPart.split('\n').map((l) => l.trim()).filter(Boolean);
  const networks = netPart.split('\n').map((l) => l.trim()).filter((n) => n.startsWith(prefix));
  // One virsh for every pool's volumes and every domain's state; a pool or domain gone meanwhile
  // only empties its block.
  const commands = [...pools.map((p) => `echo ${MARK}; vol-list ${virshWord(p)}`), ...mine.map((d) => `echo ${MARK}; domstate ${virshWord(d.name)}`)];
  const out = commands.length === 0 ? [] : blocks((await virshQuery(runner, connection, [commands.join('; ')], { allowFailure: true })).stdout);
  const volumes = pools.flatMap((pool, i) =>
    (out[i] ?? '').split('\n').slice(2).map((line) => line.trim().split(/\s+/)[0] ?? '').filter((name) => name.startsWith(prefix)).map((name) => ({ pool, name })));
  const domains = mine.map((d, i) => ({ name: d.name, record: d.record, state: out[pools.length + i]?.split('\n')[0]?.trim() || 'unknown', managementPort: d.managementPort }));
  return { domains, volumes, networks };
}
