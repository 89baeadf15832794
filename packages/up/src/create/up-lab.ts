// rejviz-up: brings a lab to what its file says, as one library call. Under the lab's lock: plan
// (planUp), remember the allocation (the state), create the isolated networks, build each
// template not cached yet (once, for every lab), then remove what goes and create what is new,
// several machines at once (--jobs); volume operations are serialised per pool (core's withPool),
// the guests boot in parallel. A lab that
// is up as the file says changes nothing: no libvirt write at all (but for bringing an older
// record of a kept machine up to date, once).
import { createServices, libvirtConnection, withCleanupScope, type LabMachineInfo, type LibvirtConnection, type Services } from '@rejviz/core';
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { labResources } from '../libvirt/lab-resources.js';
import { poolPath, templateVolumeName, virshRun, withPool } from '../libvirt/pool.js';
import { refreshMachineRecord } from '../libvirt/set-machine-record.js';
import { removeDomain } from '../lifecycle/remove-domain.js';
import { planUp, type UpPlan, type UpRequest } from '../plan/plan-up.js';
import { lockLab } from '../state/lab-lock.js';
import { consoleLogPath, labDir } from '../state/lab-paths.js';
import { pinTemplates, withTemplatesLock } from '../state/template-pins.js';
import { pinAndPullImages } from './pinned-pull.js';
import { phase, type ProgressListener } from './progress.js';
import type { LabPlan } from '../plan/plan-lab.js';
import { writeLabState } from '../state/lab-state.js';
import { createMachine } from './create-machine.js';
import { cachedTemplateDigests, ensureTemplates } from './ensure-templates.js';
import { ensureIsolatedNetwork } from './isolated-network.js';
import { inParallel } from './in-parallel.js';

export interface UpLabRequest extends Omit<UpRequest, 'cachedTemplates'> {
  /** The dir pool for templates and disks (default: 'default'). */
  pool?: string;
  /** Wait for another run holding the lab's lock. */
  wait?: boolean;
  /** Further virt-install arguments for every machine (e.g. ['--graphics', 'none']). */
  installArgs?: readonly string[];
  /** Where the lab file is, for the state ('-' for stdin). */
  path?: string;
  /** How many machines are created at once (default: the number of CPUs, at most 8). */
  jobs?: number;
  /** Told when each phase of each template and machine starts and ends (create/progress.ts). */
  progress?: ProgressListener;
  /** Told the plan about to be carried out (after the lab's lock is taken). */
  onPlan?: (plan: LabPlan) => void;
}

/** The default for --jobs: the CPUs this process may use, at most 8 (libvirtd does the work). */
export function defaultJobs(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}



/** A machine of the plan as the lab hooks see it. */
function machineInfo(up: UpPlan, name: string, stateDir: string, ports: ReadonlyMap<string, number>, connection: LibvirtConnection): LabMachineInfo {
  const i = up.lab.machines.findIndex((m) => m.name === name);
  const machine = up.lab.machines[i]!;
  const step = up.plan.machines.find((m) => m.name === name)!;
  const port = machine.management ? ports.get(step.domain) : undefined;
  return {
    lab: up.lab.name, machine: name, domain: step.domain, groups: machine.groups,
    nics: step.config!.nics.map((n) => ({ network: n.network, mac: n.mac, address: n.address })),
    stateDir,
    plugins: machine.plugins,
    connection,
    template: machine.template,
    hostname: machine.hostname,
    management: port === undefined ? null : { host: '127.0.0.1', port },
    consoleLog: consoleLogPath(stateDir, name),
  };
}

export interface UpReport extends UpPlan {
  built: string[];
  created: string[];
  removed: string[];
}

/** Brings the lab up; returns the plan it carried out. */
export async function upLab(request: UpLabRequest, services?: Services): Promise<UpReport> {
  const s = services ?? (await createServices());
  // Whatever is half-made when the call fails or is stopped (a template image being built, a
  // machine's volumes) is removed before the promise settles; what was completed is kept.
  return withCleanupScope(() => bringUp(request, s), (line) => s.notice(`warning: ${line}`));
}

async function bringUp(request: UpLabRequest, s: Services): Promise<UpReport> {
  const connection = libvirtConnection(request.uri ?? null);
  const pool = request.pool ?? 'default';
  const poolDir = await poolPath(s.runner, connection, pool);
  // A first plan names the lab and its template digests (the cache holds a digest's first 12 hex
  // digits); the plan carried out is made again under the lab's lock. A cloud image template's
  // digest is its image's: the images are pulled first (pinned meanwhile, so that images prune
  // keeps them), and planned again with their digests.
  const pre = await planUp({ ...request, cachedTemplates: new Set() }, s);
  const { pulled, plan: plan0, imagePins } = await pinAndPullImages(pre, request, s);
  // What is cached is read, and the images this run will use are pinned, under the template lock:
  // images prune decides under the same lock, so it never removes an image this run counts on.
  const { cachedDigests, pins } = await withTemplatesLock(s.env, async () => ({
    cachedDigests: await cachedTemplateDigests(s.runner, connection, pool, plan0.plan.templates),
    pins: await pinTemplates(s.env, pool, plan0.plan.templates.map((t) => templateVolumeName(t.name, t.digest))),
  }), s.notice).catch(async (e: unknown) => {
    await imagePins.release();
    throw e;
  });
  const labLock = await lockLab(plan0.lab.name, { wait: request.wait, notice: s.notice, command: 'rejviz-up', env: s.env }).catch(async (e: unknown) => {
    await pins.release();
    await imagePins.release();
    throw e;
  });
  try {
    const up = await planUp({ ...request, pulled, cachedTemplates: cachedDigests }, s);
    request.onPlan?.(up.plan);
    const report: UpReport = { ...up, built: [], created: [], removed: [] };
    const context = { runner: s.runner, env: s.env, cwd: s.cwd, notice: s.notice };
    const stateDir = labDir(up.lab.name, s.env);
    // Management NIC ports: those the domains have, then those chosen for the machines made now.
    const ports = new Map(Object.entries(up.managementPorts));
    const takenPorts = new Set(ports.values());
    const info = (name: string) => machineInfo(up, name, stateDir, ports, connection);
    const labInfo = () => ({ lab: up.lab.name, connection, machines: up.lab.machines.map((m) => info(m.name)), stateDir, plugins: up.lab.plugins });
    // created: what the labReady taps act on (plugin-ansible runs the lab's playbooks after a run that created machines).
    const ready = (created: readonly string[] = []) => s.hooks.labReady.promise({ ...labInfo(), created }, context);
    // Kept machines whose records name their template otherwise get their records written again
    // (once: then they match), so that a later new base keeps them (plan-lab.ts's refresh).
    for (const step of up.plan.machines.filter((m) => m.refresh)) await refreshMachineRecord(s.runner, connection, step.domain, up.lab.name, step.config!);
    if (up.plan.changes === 0) {
      await ready();
      return report;
    }
    await writeLabState({ version: 1, lab: up.lab.name, file: request.path ?? request.file, machines: up.allocation }, s.env);
    // What the machines need from the host before they boot (plugin-ssh: keys, known_hosts).
    await s.hooks.prepareLab.promise(labInfo(), context);

    for (const network of up.lab.networks.filter((n) => n.create)) await ensureIsolatedNetwork(s.runner, connection, network.libvirtName);

    const { images: volumes, built } = await ensureTemplates(up, { pool, poolPath: poolDir, connection, buildArgs: request.buildArgs ?? [], ...(request.progress && { progress: request.progress }) }, s);
    report.built.push(...built);

    // Removals first, one at a time (as destroy does); then the creations, `jobs` at a time.
    const found = await labResources(s.runner, connection, up.lab.name);
    for (const step of up.plan.machines.filter((m) => m.action === 'remove' || m.action === 'replace')) {
      const domain = found.domains.find((d) => d.name === step.domain);
      if (domain) await removeDomain(s.runner, connection, domain.name, domain.state);
      for (const v of found.volumes.filter((x) => x.name === `${step.domain}.qcow2` || x.name.startsWith(`${step.domain}-`))) {
        await withPool(v.pool, () => virshRun(s.runner, connection, ['vol-delete', '--pool', v.pool, v.name]));
      }
      // A removed machine's console log goes with it (a replaced one's is started afresh).
      if (step.action === 'remove') await rm(consoleLogPath(stateDir, step.name), { force: true });
      report.removed.push(step.domain);
    }
    const creations = up.plan.machines.filter((m) => m.action === 'create' || m.action === 'replace');
    const created = new Set<string>();
    await inParallel(creations, request.jobs ?? defaultJobs(), async (step) => {
      const i = up.lab.machines.findIndex((m) => m.name === step.name);
      const machine = up.lab.machines[i]!;
      const template = volumes.get(machine.template)!;
      if (!request.progress) s.notice(`lab ${up.lab.name}: creating ${step.domain}`);
      const made = await createMachine({
        lab: up.lab, machine, allocation: up.allocation[i]!, config: step.config!, domain: step.domain,
        pool, poolPath: poolDir, templateVolume: template.volume, osinfo: template.osinfo, connection, installArgs: request.installArgs ?? [],
        consoleLog: consoleLogPath(stateDir, machine.name),
      }, s, request.progress, info(machine.name), takenPorts);
      if (made.managementPort !== null) ports.set(step.domain, made.managementPort);
      else ports.delete(step.domain);
      created.add(step.domain);
      // ready: what the machineDefined taps wait for (issue 14's readiness: cloud-init done, ssh answering).
      await phase(request.progress, { lab: up.lab.name, machine: machine.name }, 'ready', () => s.hooks.machineDefined.promise(info(machine.name), context));
    }).finally(() => {
      // In plan order, whatever finished first; on a failure, the machines completed so far.
      report.created.push(...creations.map((c) => c.domain).filter((d) => created.has(d)));
    });
    await ready(creations.map((c) => c.name));
    return report;
  } finally {
    await labLock.release();
    await pins.release();
    await imagePins.release();
  }
}
