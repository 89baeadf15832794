// One machine of a lab as the files rejviz-up gen writes for it: its volumes, its NoCloud seed and
// its domain XML. rejviz-install's planner plans it from the request createMachine would make
// (machineInstallRequest), so the seed files are the ones rejviz-install would write and the
// domain XML is what virt-install makes of the arguments it would run with; nothing is created.
import { join } from 'node:path';
import { createPrivateDir, createServices, requestOptionValues, writePrivateFile, type LabMachineInfo, type SeedFile, type Services } from '@rejviz/core';
import { installPlugins, planInstall } from '@rejviz/install';
import { machineInstallRequest, machineUserData, machineVolumes, type MachineJob } from '../create/machine-install-request.js';
import { freeManagementPort, managementNicPlugin } from '../create/management-nic.js';
import { machineMetadataXml } from '../libvirt/machine-metadata.js';
import { diskArgsAsFiles, printDomainXml, withLabRecord, type PlannedVolume } from './print-domain-xml.js';

/** A volume the Makefile makes, in the lab's pool. */
export interface GenVolume extends PlannedVolume {
  name: string;
}

/** What the Makefile makes for one machine. */
export interface GenMachine {
  machine: string;
  domain: string;
  /** The template image the overlay is layered on (a file in the pool's directory). */
  base: string;
  /** The overlay first, then the extra disks. */
  volumes: GenVolume[];
  /** The seed's ISO volume and files; null for a machine with seed: false. */
  seed: { volume: string; files: SeedFile[] } | null;
  /** The domain XML, with the lab's record in its metadata. */
  xml: string;
  /** The file its serial console is logged to (its directory must exist when it starts); null or absent: none. */
  consoleLog?: string | null;
}

export interface MachineFilesJob extends MachineJob {
  /** The template image's size: an overlay without a disk size has it. */
  templateMiB: number;
  /** The XML of the networks the Makefile defines before the machines (the lab's own). */
  networksToDefine: readonly string[];
  /** The record's creation time. */
  created: Date;
  /** The machine as the lab hooks see it: machineSeed's taps add to its seed. */
  info?: LabMachineInfo;
  /** Management NIC ports in use (the host's domains', those chosen for this Makefile); the one chosen is added. */
  takenPorts?: Set<number>;
}

/** Plans the machine's volumes, seed and domain XML. */
export async function planMachineFiles(job: MachineFilesJob, s: Services): Promise<GenMachine> {
  const volumes = machineVolumes(job.domain, job.machine).map((v): GenVolume => ({ ...v, sizeMiB: v.sizeMiB ?? job.templateMiB }));
  const base = join(job.poolPath, job.templateVolume);
  // As in createMachine: what machineSeed taps add goes into the seed's user-data only, and the
  // user-data additions go in through a private file (they may hold secrets).
  const secret = job.machine.seed && job.info ? await s.hooks.machineSeed.promise({}, job.info, { runner: s.runner, env: s.env, cwd: s.cwd, notice: s.notice }) : {};
  const text = machineUserData(job.machine, secret);
  const dir = text !== null ? await createPrivateDir('rejviz-up-gen-') : null;
  try {
    const userData = dir && text !== null ? await writePrivateFile(dir.path, 'user-data', text) : undefined;
    const request = machineInstallRequest(job, userData);
    // The overlay does not exist yet; the planner only checks that the manifest's image exists
    // (the NICs are in the manifest, in memory), and the overlay holds what the template holds.
    const manifest = { ...request.manifest, image: base };
    // A management NIC's port is fixed in the Makefile's XML: chosen now, clear of the host's.
    const management = job.allocation.management ? managementNicPlugin(job.allocation.management.mac, await freeManagementPort(job.takenPorts ?? new Set(), job.domain)) : null;
    const installServices: Services = { ...(await createServices({ env: s.env, cwd: s.cwd, notice: s.notice, plugins: [...installPlugins(), ...(management ? [management] : [])] })), runner: s.runner };
    const options = await requestOptionValues(installServices.plugins, 'install', request.options, s.notice);
    const run = await planInstall({ ...request, manifest, options, networksToDefine: job.networksToDefine }, installServices);
    for (const w of run.plan.warnings) s.notice(`warning: ${job.domain}: ${w}`);

    const seed = run.plan.seed ? { volume: run.plan.seed.volume, files: run.plan.seed.files } : null;
    // The seed ISO's size does not show in the XML; 1 MiB is about what genisoimage makes of it.
    const planned = new Map<string, PlannedVolume>([...volumes.map((v) => [v.name, v] as const), ...(seed ? [[seed.volume, { format: 'raw', sizeMiB: 1 }] as const] : [])]);
    const printed = await printDomainXml(s.runner, diskArgsAsFiles(run.plan.args, job.pool, job.poolPath, planned));
    const xml = withLabRecord(printed, machineMetadataXml(job.lab.name, job.machine.name, job.config, job.created));
    return { machine: job.machine.name, domain: job.domain, base, volumes, seed, xml, consoleLog: job.consoleLog };
  } finally {
    await dir?.remove();
  }
}
