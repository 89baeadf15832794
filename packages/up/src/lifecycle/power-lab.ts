// rejviz-up down, start and reboot: the lab's machines, found by the record in their metadata,
// all at once. down asks each guest to shut down (ACPI) and waits; a machine still running when
// the timeout ends is stopped hard, and the report says which. start starts what is shut off and
// resumes what is paused; reboot reboots what runs and starts what does not.
import { createServices, libvirtConnection, virshQuery, type LibvirtConnection, type Runner, type Services } from '@rejviz/core';
import { labResources, type LabDomain } from '../libvirt/lab-resources.js';
import { virshRun } from '../libvirt/pool.js';
import { lockLab } from '../state/lab-lock.js';

export type PowerAction = 'down' | 'start' | 'reboot';

export interface PowerRequest {
  lab: string;
  action: PowerAction;
  uri?: string | null;
  /** down: seconds to wait for the guests to shut down before stopping them hard (default 60). */
  timeoutSeconds?: number;
  /** Wait for another run holding the lab's lock. */
  wait?: boolean;
  /** How often down polls the domains' state, in ms (tests shorten it). */
  pollMs?: number;
}

/** What happened to one machine. */
export interface PowerResult {
  machine: string;
  domain: string;
  before: string;
  after: string;
  /** shutdown (the guest shut down), forced (stopped hard after the timeout), started, resumed, rebooted, or none (already so). */
  how: 'shutdown' | 'forced' | 'started' | 'resumed' | 'rebooted' | 'none';
}

const DEFAULT_TIMEOUT_S = 60;
const OFF = 'shut off';

async function domstate(runner: Runner, connection: LibvirtConnection, domain: string): Promise<string> {
  const r = await virshQuery(runner, connection, ['domstate', domain], { allowFailure: true });
  return r.exitCode === 0 ? r.stdout.trim() : 'unknown';
}

/** Starts a domain that is shut off or paused; what it did. */
async function bringUp(runner: Runner, connection: LibvirtConnection, d: LabDomain): Promise<PowerResult['how']> {
  if (d.state === OFF || d.state === 'crashed') {
    await virshRun(runner, connection, ['start', d.name]);
    return 'started';
  }
  if (d.state === 'paused') {
    await virshRun(runner, connection, ['resume', d.name]);
    return 'resumed';
  }
  return 'none';
}

/** Asks each running domain to shut down; stops hard what still runs after timeoutMs (exported for its unit test). */
export async function shutDown(runner: Runner, connection: LibvirtConnection, domains: LabDomain[], timeoutMs: number, pollMs: number): Promise<Map<string, PowerResult['how']>> {
  const how = new Map<string, PowerResult['how']>();
  const waiting = new Set<string>();
  for (const d of domains) {
    if (d.state === OFF) how.set(d.name, 'none');
    else if (d.state === 'paused' || d.state === 'crashed') {
      // A paused guest cannot act on ACPI; a crashed one will not.
      await virshRun(runner, connection, ['destroy', d.name], true);
      how.set(d.name, 'forced');
    } else {
      await virshRun(runner, connection, ['shutdown', d.name]);
      waiting.add(d.name);
    }
  }
  const deadline = Date.now() + timeoutMs;
  while (waiting.size > 0) {
    for (const name of [...waiting]) {
      if ((await domstate(runner, connection, name)) === OFF) {
        waiting.delete(name);
        how.set(name, 'shutdown');
      }
    }
    if (waiting.size === 0 || Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  for (const name of waiting) {
    await virshRun(runner, connection, ['destroy', name], true);
    how.set(name, 'forced');
  }
  return how;
}

/** Shuts down, starts or reboots every machine of the lab; one result per machine, in name order. */
export async function powerLab(request: PowerRequest, services?: Services): Promise<PowerResult[]> {
  const s = services ?? (await createServices());
  const connection = libvirtConnection(request.uri ?? null);
  const lock = await lockLab(request.lab, { wait: request.wait, notice: s.notice, command: `rejviz-up ${request.action}`, env: s.env });
  try {
    const found = (await labResources(s.runner, connection, request.lab)).domains;
    found.sort((a, b) => (a.record.machine < b.record.machine ? -1 : a.record.machine > b.record.machine ? 1 : 0));
    const how = new Map<string, PowerResult['how']>();
    if (request.action === 'down') {
      const timeoutMs = (request.timeoutSeconds ?? DEFAULT_TIMEOUT_S) * 1000;
      for (const [name, h] of await shutDown(s.runner, connection, found, timeoutMs, request.pollMs ?? 1000)) how.set(name, h);
    } else {
      for (const d of found) {
        if (request.action === 'reboot' && d.state === 'running') {
          await virshRun(s.runner, connection, ['reboot', d.name]);
          how.set(d.name, 'rebooted');
        } else {
          how.set(d.name, await bringUp(s.runner, connection, d));
        }
      }
    }
    const results: PowerResult[] = [];
    for (const d of found) {
      results.push({ machine: d.record.machine, domain: d.name, before: d.state, after: await domstate(s.runner, connection, d.name), how: how.get(d.name) ?? 'none' });
    }
    return results;
  } finally {
    await lock.release();
  }
}
