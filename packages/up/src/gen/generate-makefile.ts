// rejviz-up gen --makefile DIR as a library call: the lab planned exactly as upLab plans it (same
// allocation, MACs, domain names, template digests), its template images made sure of in the pool
// (built as upLab builds them), then written down as a Makefile plus, per network and machine, the
// libvirt XML and the NoCloud seed files, so that make brings the same lab up and takes it away
// with virsh, qemu-img and genisoimage alone (docs/up.md#a-makefile-for-the-lab-gen). libvirt is only
// read; DIR is written whole or not at all.
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createServices, ERROR_CODES, libvirtConnection, onCleanup, UsageError, withCleanupScope, writePrivateFile, type LabMachineInfo, type LibvirtConnection, type Services } from '@rejviz/core';
import { ensureTemplates, cachedTemplateDigests } from '../create/ensure-templates.js';
import { isolatedNetworkXml } from '../create/isolated-network.js';
import { poolPath, templateVolumeName, volumeMiB } from '../libvirt/pool.js';
import { planUp, type UpRequest } from '../plan/plan-up.js';
import { pinAndPullImages } from '../create/pinned-pull.js';
import { consoleLogPath, labDir } from '../state/lab-paths.js';
import { lockLab } from '../state/lab-lock.js';
import { pinTemplates, pinTemplatesForMakefile, withTemplatesLock } from '../state/template-pins.js';
import { planMachineFiles, type GenMachine } from './plan-machine-files.js';
import { renderMakefile } from './render-makefile.js';
import { checkGenDir, writeGenDir, type GenFile } from './write-gen-dir.js';

export interface GenRequest extends Omit<UpRequest, 'cachedTemplates'> {
  /** The directory to write (relative to the services' cwd). */
  dir: string;
  /** The dir pool for templates and disks (default: 'default'). */
  pool?: string;
  /** Where the lab file is, for the Makefile's header ('-' for stdin). */
  path?: string;
  /** Further virt-builder arguments for a template that has to be built. */
  buildArgs?: readonly string[];
  /** Further virt-install arguments for every machine (e.g. ['--graphics', 'none']), as upLab takes them. */
  installArgs?: readonly string[];
  /** Wait for another run holding the lab's lock (as upLab). */
  wait?: boolean;
}

export interface GenReport {
  lab: string;
  /** DIR, absolute. */
  dir: string;
  /** The files written, relative to DIR. */
  files: string[];
  machines: { machine: string; domain: string }[];
  /** The networks the Makefile creates. */
  networks: string[];
  /** The template profiles built for it. */
  built: string[];
}

/** Writes the lab's Makefile and files into `dir`; returns what it wrote. */
export async function generateMakefile(request: GenRequest, services?: Services): Promise<GenReport> {
  const s = services ?? (await createServices());
  // A template image being built, or DIR's temporary sibling, is removed if the call fails or is stopped.
  return withCleanupScope(() => generate(request, s), (line) => s.notice(`warning: ${line}`));
}

async function generate(request: GenRequest, s: Services): Promise<GenReport> {
  const dir = resolve(s.cwd, request.dir);
  const connection = libvirtConnection(request.uri ?? null);
  const pool = request.pool ?? 'default';
  const poolDir = await poolPath(s.runner, connection, pool);
  // As upLab: a first plan names the lab and its template digests, the second knows the cache.
  // Cloud image templates: their images are pulled first, since their digests are the templates' (up-lab.ts).
  const pre = await planUp({ ...request, cachedTemplates: new Set() }, s);
  await checkGenDir(dir, pre.lab.name, request.dir);
  const { pulled, plan: plan0, imagePins } = await pinAndPullImages(pre, request, s);
  // As upLab, the images this run counts on are pinned under the template lock while it runs; once
  // DIR is written, a pin naming its Makefile holds them until `make up` layers overlays on them.
  const volumes = plan0.plan.templates.map((t) => templateVolumeName(t.name, t.digest));
  const { cachedDigests, pins } = await withTemplatesLock(s.env, async () => ({
    cachedDigests: await cachedTemplateDigests(s.runner, connection, pool, plan0.plan.templates),
    pins: await pinTemplates(s.env, pool, volumes),
  }), s.notice).catch(async (e: unknown) => {
    await imagePins.release();
    throw e;
  });
  // As upLab: the lab's lock, so that a rejviz-up of the same lab meanwhile cannot make other keys
  // in its state directory than the ones this Makefile's seeds pin.
  const labLock = await lockLab(plan0.lab.name, { wait: request.wait, notice: s.notice, command: 'rejviz-up gen', env: s.env }).catch(async (e: unknown) => {
    await pins.release();
    await imagePins.release();
    throw e;
  });
  try {
    return await generateIn(dir, { ...request, pulled }, { connection, pool, poolDir, cachedDigests, volumes }, s);
  } finally {
    await labLock.release();
    await pins.release();
    await imagePins.release();
  }
}

interface GenContext {
  connection: LibvirtConnection;
  pool: string;
  poolDir: string;
  cachedDigests: Set<string>;
  volumes: string[];
}

async function generateIn(dir: string, request: GenRequest, c: GenContext, s: Services): Promise<GenReport> {
  const { connection, pool, poolDir } = c;
  const up = await planUp({ ...request, cachedTemplates: c.cachedDigests }, s);
  const lab = up.lab.name;
  // The Makefile creates the lab from nothing; a lab that exists here would be half-described.
  const present = up.plan.machines.filter((m) => m.action !== 'create').map((m) => m.domain);
  if (present.length > 0) {
    throw new UsageError(`lab ${lab} has domains on this connection already (${present.join(', ')}); gen writes how to create the lab from nothing: take it away first (rejviz-up destroy --lab ${lab}, or make destroy of its earlier Makefile)`, ERROR_CODES.CONFLICT);
  }
  const { images, built } = await ensureTemplates(up, { pool, poolPath: poolDir, connection, buildArgs: request.buildArgs ?? [] }, s);

  // As upLab: what the machines need from the host before they boot (plugin-ssh's keys) is made
  // in the lab's state directory; machineSeed's additions go into the seed files (user-data, 0600).
  const stateDir = labDir(lab, s.env);
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const infos = up.lab.machines.map((m): LabMachineInfo => ({
    lab, machine: m.name, domain: up.plan.machines.find((x) => x.name === m.name)!.domain, groups: m.groups, stateDir, plugins: m.plugins, template: m.template, hostname: m.hostname, connection,
    nics: up.plan.machines.find((x) => x.name === m.name)!.config!.nics.map((n) => ({ network: n.network, mac: n.mac, address: n.address })),
  }));
  await s.hooks.prepareLab.promise({ lab, connection, machines: infos, stateDir, plugins: up.lab.plugins }, { runner: s.runner, env: s.env, cwd: s.cwd, notice: s.notice });

  const networks = up.lab.networks.filter((n) => n.create).map((n) => ({ name: n.libvirtName, xml: isolatedNetworkXml(n.libvirtName), xmlFile: `networks/${n.libvirtName}.xml` }));
  const created = new Date();
  const sizes = new Map<string, number>();
  const takenPorts = new Set(Object.values(up.managementPorts));
  const machines: GenMachine[] = [];
  for (const [i, machine] of up.lab.machines.entries()) {
    const step = up.plan.machines.find((m) => m.name === machine.name)!;
    const image = images.get(machine.template)!;
    if (!sizes.has(image.volume)) sizes.set(image.volume, await volumeMiB(s.runner, connection, pool, image.volume));
    machines.push(await planMachineFiles({
      lab: up.lab, machine, allocation: up.allocation[i]!, config: step.config!, domain: step.domain,
      pool, poolPath: poolDir, templateVolume: image.volume, osinfo: image.osinfo, connection, installArgs: request.installArgs ?? [],
      consoleLog: consoleLogPath(stateDir, machine.name),
      templateMiB: sizes.get(image.volume)!, networksToDefine: networks.map((n) => n.xml), created, info: infos[i]!, takenPorts,
    }, s));
  }

  const files: GenFile[] = networks.map((n) => ({ path: n.xmlFile, content: n.xml, mode: 0o644 }));
  // user-data holds secrets (the machines' private host keys, a password's hash, the lab file's
  // userData): it goes into the lab's state directory, 0600 in 0700 directories, which make
  // destroy removes with the rest of the lab's state; DIR holds no secret. Written aside and put
  // in place once DIR is: a failed or stopped gen leaves an earlier gen's seeds as they were.
  const seedsDir = join(stateDir, 'seeds');
  const staging = join(stateDir, `.seeds-${process.pid}`);
  const undoSeeds = onCleanup(`the seeds' user-data of ${lab} being written`, () => rm(staging, { recursive: true, force: true }));
  await mkdir(staging, { recursive: true, mode: 0o700 });
  const described = [];
  for (const m of machines) {
    const base = `machines/${m.machine}`;
    const seedFiles: string[] = [];
    for (const f of m.seed?.files ?? []) {
      // user-data, and every file the plan does not show (the first boot's keys and files).
      if (f.name === 'user-data' || f.shown !== undefined) {
        await mkdir(join(staging, m.machine), { recursive: true, mode: 0o700 });
        await writePrivateFile(join(staging, m.machine), f.name, f.content);
        seedFiles.push(join(seedsDir, m.machine, f.name));
      } else {
        files.push({ path: `${base}/seed/${f.name}`, content: f.content, mode: 0o644 });
        seedFiles.push(`${base}/seed/${f.name}`);
      }
    }
    files.push({ path: `${base}/domain.xml`, content: m.xml, mode: 0o644 });
    described.push({ ...m, xmlFile: `${base}/domain.xml`, seedFiles });
  }
  const makefile = renderMakefile({ lab, file: request.path ?? request.file, uri: connection.uri, pool, poolPath: poolDir, networks, machines: described, stateDir });
  files.unshift({ path: 'Makefile', content: makefile, mode: 0o644 });
  await writeGenDir(dir, lab, files, request.dir);
  await rm(seedsDir, { recursive: true, force: true });
  await rename(staging, seedsDir);
  undoSeeds.dismiss();
  // Pinned before this run's own pins go (generate's finally), so the images are never unpinned;
  // under the template lock, as every pin, so that a prune deciding meanwhile sees all of it or none.
  const volumes = [...new Set([...images.values()].map((i) => i.volume))];
  await withTemplatesLock(s.env, () => pinTemplatesForMakefile(s.env, pool, volumes, join(dir, 'Makefile')), s.notice);
  return { lab, dir, files: files.map((f) => f.path), machines: machines.map((m) => ({ machine: m.machine, domain: m.domain })), networks: networks.map((n) => n.name), built };
}
