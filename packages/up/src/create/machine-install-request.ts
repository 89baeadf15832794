// What a lab machine is made of, as rejviz-install's library is asked for it: its volumes (the
// overlay on the template, the extra disks) and the install request (NICs with the allocated MACs
// on their networks, the seed's hostname, instance-id and user-data). createMachine carries it
// out; rejviz-up gen writes the same thing down as a Makefile, so both read it from here.
import { join } from 'node:path';
import type { ImageManifest, LibvirtConnection, ManifestNic } from '@rejviz/core';
import type { InstallRequest } from '@rejviz/install';
import { stringify } from 'yaml';
import type { AllocatedMachine } from '../allocate.js';
import type { Lab, LabMachine } from '../lab-file/lab-types.js';
import { mergeInto } from '../lab-file/resolve-machines.js';
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

/** A volume of a machine in the lab's pool. */
export interface MachineVolume {
  name: string;
  format: 'qcow2' | 'raw';
  /** null for the overlay without a disk size: the template's own size. */
  sizeMiB: number | null;
}

/** The machine's volumes: its overlay (DOMAIN.qcow2) first, then its extra disks (DOMAIN-diskN). */
export function machineVolumes(domain: string, machine: LabMachine): MachineVolume[] {
  return [
    { name: `${domain}.qcow2`, format: 'qcow2', sizeMiB: machine.diskMiB },
    ...machine.disks.map((disk, i): MachineVolume => ({ name: `${domain}-disk${i + 1}.${disk.format === 'raw' ? 'img' : 'qcow2'}`, format: disk.format === 'raw' ? 'raw' : 'qcow2', sizeMiB: disk.sizeMiB })),
  ];
}

/** virt-install's --disk for each volume, in order. */
export function machineDiskArgs(pool: string, volumes: readonly MachineVolume[]): string[] {
  return volumes.flatMap((v) => ['--disk', `vol=${pool}/${v.name},bus=virtio`]);
}

/**
 * The machine's user-data additions as a #cloud-config file's text, or null when it has none;
 * `secret` (what machineSeed taps added) merged in last.
 */
export function machineUserData(machine: LabMachine, secret: Record<string, unknown> = {}): string | null {
  const data = structuredClone(machine.userData);
  mergeInto(data, secret);
  return Object.keys(data).length > 0 ? `#cloud-config\n${stringify(data)}` : null;
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

/** The install request for the machine; `userData` is the path of the file machineUserData's text is in. */
export function machineInstallRequest(job: MachineJob, userData: string | undefined): InstallRequest & { manifest: ImageManifest } {
  const volumes = machineVolumes(job.domain, job.machine);
  return {
    name: job.domain,
    manifest: { image: join(job.poolPath, volumes[0]!.name), format: 'qcow2', template: job.machine.template, osinfo: job.osinfo, nicFormat: null, nics: manifestNics(job), command: '' },
    manifestName: `lab ${job.lab.name}, machine ${job.machine.name}`,
    toolArgs: ['--import', '--memory', String(job.machine.memoryMiB), '--vcpus', String(job.machine.vcpus), ...machineDiskArgs(job.pool, volumes), '--noautoconsole', ...job.installArgs, ...(job.connection.uri ? ['--connect', job.connection.uri] : [])],
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
  };
}
