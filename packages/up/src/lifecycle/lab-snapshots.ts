// rejviz-up snapshot create|list|revert|delete: one snapshot name across every machine of the
// lab, so the whole lab goes back to one moment. libvirt snapshots each domain (internal qcow2
// snapshots of the overlays; with its memory when it runs). create is all or nothing: when one
// machine fails, the snapshots it already made under that name are deleted again. revert and
// delete check first that every machine has the snapshot, and change nothing when one lacks it.
import { createServices, libvirtConnection, UsageError, ERROR_CODES, virshQuery, virshWord, type LibvirtConnection, type Runner, type Services } from '@rejviz/core';
import { labResources, type LabDomain } from '../libvirt/lab-resources.js';
import { virshRun } from '../libvirt/pool.js';
import { lockLab } from '../state/lab-lock.js';

export type SnapshotAction = 'create' | 'list' | 'revert' | 'delete';

export interface SnapshotRequest {
  lab: string;
  action: SnapshotAction;
  /** The snapshot's name (create, revert, delete). */
  name?: string;
  uri?: string | null;
  wait?: boolean;
}

/** One snapshot name of the lab: the machines that have it and when each was taken. */
export interface LabSnapshot {
  name: string;
  machines: { machine: string; created: string; state: string }[];
  /** Whether every machine of the lab has it (revert needs that). */
  complete: boolean;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MARK = '@@rejviz-up-snapshots@@';

/** Checks a snapshot name: letters, digits, '.', '_', '-'; up to 64. */
export function snapshotNameProblem(name: string | undefined): string | null {
  if (name === undefined || name === '') return 'a snapshot name is needed: rejviz-up snapshot create|revert|delete NAME';
  if (!NAME.test(name)) return `snapshot name '${name}' is not usable: use letters, digits, '.', '_' and '-' (up to 64, starting with a letter or digit), e.g. before-upgrade`;
  return null;
}

/** Every snapshot of each domain: name, creation time, state (virsh snapshot-list's table). */
async function snapshotsOf(runner: Runner, connection: LibvirtConnection, domains: readonly LabDomain[]): Promise<Map<string, { name: string; created: string; state: string }[]>> {
  const out = new Map<string, { name: string; created: string; state: string }[]>();
  if (domains.length === 0) return out;
  const res = await virshQuery(runner, connection, [domains.map((d) => `echo ${MARK}; snapshot-list ${virshWord(d.name)}`).join('; ')], { allowFailure: true });
  const blocks = res.stdout.split(MARK).slice(1);
  domains.forEach((d, i) => {
    // " NAME   2026-12-03 08:18:49 +0000   running": names hold no spaces (snapshotNameProblem).
    const rows = (blocks[i] ?? '').split('\n').map((l) => /^\s*(\S+)\s+(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4})\s+(.+?)\s*$/.exec(l)).filter((m): m is RegExpExecArray => m !== null);
    out.set(d.name, rows.map((m) => ({ name: m[1]!, created: m[2]!, state: m[3]! })));
  });
  return out;
}

function summarise(domains: readonly LabDomain[], byDomain: Map<string, { name: string; created: string; state: string }[]>): LabSnapshot[] {
  const names = new Map<string, LabSnapshot>();
  for (const d of domains) {
    for (const snap of byDomain.get(d.name) ?? []) {
      const entry = names.get(snap.name) ?? names.set(snap.name, { name: snap.name, machines: [], complete: false }).get(snap.name)!;
      entry.machines.push({ machine: d.record.machine, created: snap.created, state: snap.state });
    }
  }
  for (const entry of names.values()) {
    entry.machines.sort((a, b) => (a.machine < b.machine ? -1 : 1));
    entry.complete = entry.machines.length === domains.length;
  }
  return [...names.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Runs a snapshot action on the lab; returns the lab's snapshots afterwards. */
export async function labSnapshots(request: SnapshotRequest, services?: Services): Promise<LabSnapshot[]> {
  const s = services ?? (await createServices());
  const connection = libvirtConnection(request.uri ?? null);
  if (request.action !== 'list') {
    const problem = snapshotNameProblem(request.name);
    if (problem) throw new UsageError(problem);
  }
  const name = request.name as string;
  const virsh = (args: string[], allowFailure = false) => virshRun(s.runner, connection, args, allowFailure);
  const lock = request.action === 'list' ? null : await lockLab(request.lab, { wait: request.wait, notice: s.notice, command: `rejviz-up snapshot ${request.action}`, env: s.env });
  try {
    const domains = (await labResources(s.runner, connection, request.lab)).domains.sort((a, b) => (a.record.machine < b.record.machine ? -1 : 1));
    if (domains.length === 0 && request.action !== 'list') throw new UsageError(`lab '${request.lab}' has no machines on this connection; bring it up first (rejviz-up)`, ERROR_CODES.INPUT);
    const before = await snapshotsOf(s.runner, connection, domains);
    const has = (d: LabDomain) => (before.get(d.name) ?? []).some((x) => x.name === name);
    if (request.action === 'create') {
      const taken = domains.filter(has);
      if (taken.length > 0) throw new UsageError(`snapshot '${name}' exists already on ${taken.map((d) => d.record.machine).join(', ')}; choose another name or delete it (rejviz-up snapshot delete ${name})`, ERROR_CODES.CONFLICT);
      const made: LabDomain[] = [];
      try {
        for (const d of domains) {
          await virsh(['snapshot-create-as', d.name, name, '--description', `rejviz-up lab ${request.lab}`, '--atomic']);
          made.push(d);
        }
      } catch (error) {
        for (const d of made) await virsh(['snapshot-delete', d.name, name], true);
        throw error;
      }
    } else if (request.action === 'revert' || request.action === 'delete') {
      const lacking = domains.filter((d) => !has(d));
      if (lacking.length > 0) {
        throw new UsageError(`snapshot '${name}' is missing on ${lacking.map((d) => d.record.machine).join(', ')}: nothing ${request.action === 'revert' ? 'reverted' : 'deleted'}; rejviz-up snapshot list shows the lab's snapshots`, ERROR_CODES.INPUT);
      }
      for (const d of domains) await virsh(request.action === 'revert' ? ['snapshot-revert', d.name, name] : ['snapshot-delete', d.name, name]);
    }
    return request.action === 'list' ? summarise(domains, before) : summarise(domains, await snapshotsOf(s.runner, connection, domains));
  } finally {
    await lock?.release();
  }
}
