// One machine, created: its system disk a qcow2 overlay on the template volume in the same pool
// (no copy: O(1) whatever the template's size), sized to the machine's disk; its extra disks; then
// rejviz-install's library defines and starts the domain from an image manifest in memory (its
// NICs with the allocated MACs on their networks, a NoCloud seed with hostname, instance-id,
// network-config by MAC and the machine's user-data); last, the lab's record goes into the
// domain's metadata. What a failure or a stop signal leaves half-made is removed.
import { join } from 'node:path';
import { createPrivateDir, createServices, onCleanup, writePrivateFile, type LibvirtConnection, type ManifestNic, type Services } from '@rejviz/core';
import { install, installPlugins } from '@rejviz/install';
import { stringify } from 'yaml';
import type { AllocatedMachine } from '../allocate.js';
import type { Lab, LabMachine } from '../lab-file/lab-types.js';
import { LAB_XMLNS, LAB_XMLNS_KEY, machineMetadataXml } from '../libvirt/machine-metadata.js';
import { virshRun, volumeMiB, withPool } from '../libvirt/pool.js';
import { digest, type MachineConfig } from '../plan/machine-config.js';

export interface MachineJob {
  lab: Lab;
  machine: LabMachine;
  allocation: AllocatedMachine;
  config: MachineConfig;
  domain: string;
  pool: string;
  poolPath: string;
  templateVolume: string;
  osinfo: string | null;
  connection: LibvirtConnection;
  /** Further virt-install arguments for every machine (e.g. --graphics none). */
  installArgs: readonly string[];
}

function manifestNics(job: MachineJob): ManifestNic[] {
  return job.allocation.nics.map((nic, i) => ({
    name: `eth${i}`,
    mac: nic.mac,
    bootproto: nic.address ? 'static' : 'dhcp',
    addresses: nic.address ? [nic.address] : [],
    gateway: nic.address ? nic.gateway : null,
    gateway6: null,
    dns: job.lab.networks.find((n) => n.name === nic.network)?.dns ?? [],
    mtu: null,
    onlink: null,
    defroute: null,
  }));
}

/** Creates the machine's volumes and domain; returns the volumes it made. */
export async function createMachine(job: MachineJob, services: Services): Promise<string[]> {
  const { runner } = services;
  const virsh = (args: string[]) => virshRun(runner, job.connection, args);
  const overlay = `${job.domain}.qcow2`;
  const made: string[] = [];
  const undos: { run(): Promise<void>; dismiss(): void }[] = [];
  const newVolume = async (name: string, args: string[]) => {
    await withPool(job.pool, () => virsh(['vol-create-as', job.pool, name, ...args]));
    made.push(name);
    undos.push(onCleanup(`volume ${job.pool}/${name}`, async () => void (await withPool(job.pool, () => virshRun(runner, job.connection, ['vol-delete', '--pool', job.pool, name], true)))));
  };
  try {
    const size = job.machine.diskMiB ?? (await volumeMiB(runner, job.connection, job.pool, job.templateVolume));
    await newVolume(overlay, [`${size}M`, '--format', 'qcow2', '--backing-vol', job.templateVolume, '--backing-vol-format', 'qcow2']);
    const diskArgs = ['--disk', `vol=${job.pool}/${overlay},bus=virtio`];
    for (const [i, disk] of job.machine.disks.entries()) {
      const name = `${job.domain}-disk${i + 1}.${disk.format === 'raw' ? 'img' : 'qcow2'}`;
      await newVolume(name, [`${disk.sizeMiB}M`, '--format', disk.format]);
      diskArgs.push('--disk', `vol=${job.pool}/${name},bus=virtio`);
    }

    // The machine's user-data additions, as the #cloud-config file the seed merges in (a private
    // file: user-data may hold secrets).
    let userData: string | undefined;
    const dir = Object.keys(job.machine.userData).length > 0 ? await createPrivateDir('rejviz-up-') : null;
    try {
      if (dir) {
        userData = await writePrivateFile(dir.path, 'user-data', `#cloud-config\n${stringify(job.machine.userData)}`);
      }
      await install(
        {
          name: job.domain,
          manifest: { image: join(job.poolPath, overlay), format: 'qcow2', template: job.machine.template, osinfo: job.osinfo, nicFormat: null, nics: manifestNics(job), command: '' },
          manifestName: `lab ${job.lab.name}, machine ${job.machine.name}`,
          toolArgs: ['--import', '--memory', String(job.machine.memoryMiB), '--vcpus', String(job.machine.vcpus), ...diskArgs, '--noautoconsole', ...job.installArgs, ...(job.connection.uri ? ['--connect', job.connection.uri] : [])],
          options: {
            nicNetworks: job.allocation.nics.map((nic, i) => `eth${i}=${job.config.nics[i]!.network}`),
            // seed: false: none of the seed's options, so rejviz-install makes no seed.
            ...(job.machine.seed && {
              hostname: job.machine.hostname,
              // A new instance-id for every new configuration, so cloud-init applies it on first boot.
              instanceId: `${job.domain}-${digest(job.config).slice(0, 12)}`,
              seedPool: job.pool,
              ...(userData && { userData }),
            }),
          },
        },
        await createServices({ env: services.env, cwd: services.cwd, notice: services.notice, plugins: installPlugins() }),
      );
    } finally {
      await dir?.remove();
    }
    if (job.machine.seed) made.push(`${job.domain}-cidata.iso`);
    const record = machineMetadataXml(job.lab.name, job.machine.name, job.config).replace(/^<[^ ]+ xmlns:[^ ]+/, '<machine').replace(/<\/[^>]+>$/, '</machine>');
    // In the live definition too (what dumpxml shows while it runs), when it runs.
    const live = await virshRun(runner, job.connection, ['metadata', job.domain, LAB_XMLNS, '--key', LAB_XMLNS_KEY, '--set', record, '--config', '--live'], true);
    if (live.exitCode !== 0) await virsh(['metadata', job.domain, LAB_XMLNS, '--key', LAB_XMLNS_KEY, '--set', record, '--config']);
    for (const undo of undos) undo.dismiss();
    return made;
  } catch (error) {
    for (const undo of undos.reverse()) await undo.run();
    throw error;
  }
}
