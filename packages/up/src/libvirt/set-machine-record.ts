// Writing the lab's record into a domain's metadata (machine-metadata.ts says what it holds): at
// creation (create-machine.ts), and again for a kept machine whose record names its template
// otherwise than the plan does (plan-lab.ts's refresh: a record from before templateProfile
// existed, or the same image under another key, URL or one run's --checksum).
import type { LibvirtConnection, Runner } from '@rejviz/core';
import type { MachineConfig } from '../plan/machine-config.js';
import { LAB_XMLNS, LAB_XMLNS_KEY, machineMetadataXml, readMachineRecord } from './machine-metadata.js';
import { virshRun } from './pool.js';

/** Sets the record of machine `machine` of `lab` on `domain`: in its live definition too when it runs. */
export async function setMachineRecord(runner: Runner, connection: LibvirtConnection, domain: string, record: { lab: string; machine: string; config: MachineConfig; created: Date; groups: readonly string[] }): Promise<void> {
  // `virsh metadata --set` takes the element without its namespace prefix (--key gives it).
  const xml = machineMetadataXml(record.lab, record.machine, record.config, record.created, record.groups).replace(/^<[^ ]+ xmlns:[^ ]+/, '<machine').replace(/<\/[^>]+>$/, '</machine>');
  const set = ['metadata', domain, LAB_XMLNS, '--key', LAB_XMLNS_KEY, '--set', xml, '--config'];
  // --live fails on a domain that is not running: then the persistent definition alone.
  const live = await virshRun(runner, connection, [...set, '--live'], true);
  if (live.exitCode !== 0) await virshRun(runner, connection, set);
}

/**
 * Writes `config` as the record of the lab's kept machine on `domain`, keeping when it was
 * created and its groups; a domain without a readable record of `lab` is left alone.
 */
export async function refreshMachineRecord(runner: Runner, connection: LibvirtConnection, domain: string, lab: string, config: MachineConfig): Promise<void> {
  const record = readMachineRecord((await virshRun(runner, connection, ['dumpxml', '--inactive', domain])).stdout);
  if (!record?.config || record.lab !== lab) return;
  const created = record.created ? new Date(record.created) : new Date();
  await setMachineRecord(runner, connection, domain, { lab, machine: record.machine, config, created, groups: record.groups });
}
