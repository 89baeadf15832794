// What a lab machine is made of, as rejviz-install's library is asked for it: its volumes (the
// overlay on the template, the extra disks) and the install request (NICs with the allocated MACs
// on their networks, the seed's hostname, instance-id, user-data and dsmode). createMachine carries it
// out; rejviz-up gen writes the same thing down as a Makefile, so both read it from here.
import { join } from 'node:path';
import { UsageError, type ImageManifest, type LibvirtConnection, type ManifestNic } from '@rejviz/core';
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
  /** The file its serial console is logged to (state/lab-paths.ts: consoleLogPath); null: not logged. */
  consoleLog: string | null;
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

/**
 * virt-install's --serial for the machine's console: a pty, so `virsh console` works, whose
 * output virtlogd also writes to `log` (libvirt's <log file=.../> of a character device; the file
 * is started afresh at each domain start), for the error of a machine that never becomes ready.
 */
export function serialConsoleArgs(log: string | null): string[] {
  if (log === null) return [];
  // virt-install splits an option's value at commas unless it is in double quotes
  // (virtinst/cli.py's parser), so a path can hold commas but no double quote.
  if (log.includes('"')) throw new UsageError(`XDG_STATE_HOME: the console log ${log} has a double quote in its path, which virt-install's --serial cannot take; set XDG_STATE_HOME to a directory without one`);
  return ['--serial', `pty,log.file=${log.includes(',') ? `"${log}"` : log}`];
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

// A machine without lab NICs (a management NIC only, or none) must not get virt-install's own
// default, a NIC on libvirt's `default` NAT network: --network none says so.
function noNetworkArgs(job: MachineJob): string[] {
  return job.allocation.nics.length === 0 ? ['--network', 'none'] : [];
}

/** The install request for the machine; `userData` is the path of the file machineUserData's text is in. */
export function machineInstallRequest(job: MachineJob, userData: string | undefined): InstallRequest & { manifest: ImageManifest } {
  const volumes = machineVolumes(job.domain, job.machine);
  return {
    name: job.domain,
    manifest: { image: join(job.poolPath, volumes[0]!.name), format: 'qcow2', template: job.machine.template, osinfo: job.osinfo, nicFormat: null, nics: manifestNics(job), command: '' },
    manifestName: `lab ${job.lab.name}, machine ${job.machine.name}`,
    toolArgs: ['--import', '--memory', String(job.machine.memoryMiB), '--vcpus', String(job.machine.vcpus), ...machineDiskArgs(job.pool, volumes), '--noautoconsole', ...serialConsoleArgs(job.consoleLog), ...noNetworkArgs(job), ...job.installArgs, ...(job.connection.uri ? ['--connect', job.connection.uri] : [])],
    options: {
      nicNetworks: job.allocation.nics.map((nic, i) => `eth${i}=${job.config.nics[i]!.network}`),
      // seed: false: none of the seed's options, so rejviz-install makes no seed.
      ...(job.machine.seed && {
        hostname: job.machine.hostname,
        // A new instance-id for every new configuration, so cloud-init applies it on first boot.
        instanceId: `${job.domain}-${digest(job.config).slice(0, 12)}`,
        seedPool: job.pool,
        // A fast-boot template skips cloud-init's init-network stage for a seed applied whole in
        // the local one (plugin-cloud-init's fast-boot.ts): one Python start less before sshd; and
        // its first-boot unit applies a seed that asks only for what it does without cloud-init.
        ...(job.lab.templates.find((t) => t.name === job.machine.template)?.cloudInitFastBoot && { seedLocal: true, seedFirstBoot: true }),
        ...(userData && { userData }),
      }),
    },
  };
}
