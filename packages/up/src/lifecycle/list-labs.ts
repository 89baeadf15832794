// rejviz-up list: every lab on a libvirt connection, from the records in its domains' metadata,
// and the labs that have state on this host but no domain there (destroyed by hand, or on
// another connection). Three virsh processes whatever the count.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createServices, libvirtConnection, virshQuery, virshWord, type Services } from '@rejviz/core';
import { readHost } from '../libvirt/read-host.js';
import { labsDir } from '../state/lab-paths.js';

export interface LabSummary {
  lab: string;
  /** Its machines on this connection, in name order. */
  machines: { machine: string; domain: string; state: string }[];
  /** Whether this host holds the lab's state (addresses and MACs kept across re-creation). */
  state: boolean;
}

const MARK = '@@rejviz-up-list@@';

/** The labs, in name order. */
export async function listLabs(request: { uri?: string | null } = {}, services?: Services): Promise<LabSummary[]> {
  const s = services ?? (await createServices());
  const connection = libvirtConnection(request.uri ?? null);
  const host = await readHost(s.runner, connection);
  const recorded = host.domains.flatMap((d) => (d.record ? [{ name: d.name, record: d.record }] : []));
  const states = recorded.length === 0
    ? []
    : (await virshQuery(s.runner, connection, [recorded.map((d) => `echo ${MARK}; domstate ${virshWord(d.name)}`).join('; ')], { allowFailure: true })).stdout.split(MARK).slice(1).map((b) => b.trim().split('\n')[0]?.trim() || 'unknown');
  const dir = labsDir(s.env);
  const withState = new Set((await readdir(dir).catch(() => [] as string[])).filter((name) => existsSync(join(dir, name, 'state.json'))));
  const labs = new Map<string, LabSummary>();
  const lab = (name: string) => labs.get(name) ?? labs.set(name, { lab: name, machines: [], state: withState.has(name) }).get(name)!;
  recorded.forEach((d, i) => lab(d.record.lab).machines.push({ machine: d.record.machine, domain: d.name, state: states[i] ?? 'unknown' }));
  for (const name of withState) lab(name);
  const byName = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  for (const l of labs.values()) l.machines.sort(byName((m) => m.machine));
  return [...labs.values()].sort(byName((l) => l.lab));
}
