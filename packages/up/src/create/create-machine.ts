// One machine, created: its system disk a qcow2 overlay on the template volume in the same pool
// (no copy: O(1) whatever the template's size), sized to the machine's disk; its extra disks; then
// rejviz-install's library defines and starts the domain from an image manifest in memory (its
// NICs with the allocated MACs on their networks, a NoCloud seed with hostname, instance-id,
// network-config by MAC and the machine's user-data); last, the lab's record goes into the
// domain's metadata. What a failure or a stop signal leaves half-made is removed.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createPrivateDir, createServices, onCleanup, writePrivateFile, type LabMachineInfo, type Plugin, type Services } from '@rejviz/core';
import { openPhase, phase, type ProgressListener } from './progress.js';
import { install, installPlugins } from '@rejviz/install';
import { setMachineRecord } from '../libvirt/set-machine-record.js';
import { virshRun, volumeMiB, withPool } from '../libvirt/pool.js';
import { freeManagementPort, managementNicPlugin } from './management-nic.js';
import { machineInstallRequest, machineUserData, machineVolumes, type MachineJob } from './machine-install-request.js';

export type { MachineJob } from './machine-install-request.js';

export interface CreatedMachine {
  /** The volumes it made. */
  volumes: string[];
  /** The port on 127.0.0.1 its management NIC forwards ssh from; null without one. */
  managementPort: number | null;
}

/**
 * Creates the machine's volumes and domain; returns the volumes it made and its management port. `progress` hears the
 * phases: disk (the overlay and extra disks), seed (up to virt-install's start: the seed volume),
 * define (virt-install: defines and starts the domain), boot (the started domain's record set).
 */
export async function createMachine(job: MachineJob, services: Services, progress?: ProgressListener, info?: LabMachineInfo, takenPorts: Set<number> = new Set()): Promise<CreatedMachine> {
  const at = { lab: job.lab.name, machine: job.machine.name };
  const { runner } = services;
  const virsh = (args: string[]) => virshRun(runner, job.connection, args);
  const made: string[] = [];
  const undos: { run(): Promise<void>; dismiss(): void }[] = [];
  const newVolume = async (name: string, args: string[]) => {
    await withPool(job.pool, () => virsh(['vol-create-as', job.pool, name, ...args]));
    made.push(name);
    undos.push(onCleanup(`volume ${job.pool}/${name}`, async () => void (await withPool(job.pool, () => virshRun(runner, job.connection, ['vol-delete', '--pool', job.pool, name], true)))));
  };
  try {
    await phase(progress, at, 'disk', async () => {
      const [overlay, ...disks] = machineVolumes(job.domain, job.machine);
      const size = overlay!.sizeMiB ?? (await volumeMiB(runner, job.connection, job.pool, job.templateVolume));
      await newVolume(overlay!.name, [`${size}M`, '--format', 'qcow2', '--backing-vol', job.templateVolume, '--backing-vol-format', 'qcow2']);
      for (const disk of disks) await newVolume(disk.name, [`${disk.sizeMiB}M`, '--format', disk.format]);
    });

    // The machine's user-data additions, as the #cloud-config file the seed merges in (a private
    // file: user-data may hold secrets), with what machineSeed taps add that is never recorded
    // (private host keys, a password hash): that goes into the seed only.
    const secret = job.machine.seed && info ? await services.hooks.machineSeed.promise({}, info, { runner, env: services.env, cwd: services.cwd, notice: services.notice }) : {};
    const text = machineUserData(job.machine, secret);
    const dir = text !== null ? await createPrivateDir('rejviz-up-') : null;
    let port: number | null = null;
    // The seed phase ends and the define phase starts when virt-install is about to run (after
    // rejviz-install wrote the seed volume); define ends when it has returned.
    const seed = openPhase(progress, at, 'seed');
    let define: { end(status?: 'done' | 'failed'): void } | null = null;
    const phases: Plugin = {
      name: 'rejviz-up-progress', options: [],
      apply: (hooks) => {
        hooks.beforeTool.tap('rejviz-up-progress', () => {
          seed.end();
          define = openPhase(progress, at, 'define');
        });
        hooks.afterTool.tap('rejviz-up-progress', () => define?.end());
      },
    };
    try {
      const userData = dir && text !== null ? await writePrivateFile(dir.path, 'user-data', text) : undefined;
      // virtlogd creates the console log but not its directory (private, like the state directory).
      if (job.consoleLog !== null) await mkdir(dirname(job.consoleLog), { recursive: true, mode: 0o700 });
      const management = job.allocation.management ? managementNicPlugin(job.allocation.management.mac, (port = await freeManagementPort(takenPorts, job.domain))) : null;
      await install(
        machineInstallRequest(job, userData),
        await createServices({ env: services.env, cwd: services.cwd, notice: services.notice, plugins: [...installPlugins(), phases, ...(management ? [management] : [])] }),
      );
    } catch (error) {
      seed.end('failed');
      (define as { end(status?: 'done' | 'failed'): void } | null)?.end('failed');
      throw error;
    } finally {
      await dir?.remove();
    }
    if (job.machine.seed) made.push(`${job.domain}-cidata.iso`);
    // In the live definition too (what dumpxml shows while it runs), when it runs.
    await phase(progress, at, 'boot', () => setMachineRecord(runner, job.connection, job.domain, { lab: job.lab.name, machine: job.machine.name, config: job.config, created: new Date(), groups: job.machine.groups }));
    for (const undo of undos) undo.dismiss();
    return { volumes: made, managementPort: port };
  } catch (error) {
    for (const undo of undos.reverse()) await undo.run();
    throw error;
  }
}
