// The commands of the fault suite, each set up so that a fault can be injected and what it must
// not leave behind can be checked: rejviz-builder (image, manifest, RHSM secret), customize and
// sysprep (RHSM secret), rejviz-install (seed volume in qemu:///system's default pool, domain) and
// rejviz-peek (probe directory). The wrapped tools are fakes (fake-tools.ts) unless a case asks
// for the real ones; nothing boots.
import { createRunner } from '@rejviz/core';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ISOLATED_NETWORK, SYSTEM, uniqueName } from './domain.js';
import { testRunDir } from './env.js';
import { entries } from './fault-run.js';
import { fakePath } from './fake-tools.js';
import { manifestNic } from './test-manifest.js';

export type FaultCommand = 'rejviz-builder' | 'rejviz-customize' | 'rejviz-sysprep' | 'rejviz-install' | 'rejviz-peek';

export interface FaultCase {
  bin: FaultCommand;
  args: string[];
  env: Record<string, string>;
  /** Where the fake tool says it is running. */
  ready: string;
  /** What the run left that it must not have (empty when clean), besides leftovers and TMPDIR. */
  remains(): Promise<string[]>;
}

// Secrets go in through the RHSM plugin: an activation key ends up in a private register.sh.
const RHSM = ['--rhsm-org', 'fault-org', '--rhsm-activation-key', 'fault-key-S3CRET'];

async function caseDir(): Promise<string> {
  return mkdtemp(join(testRunDir(), 'fault-case-'));
}

async function blankDisk(dir: string): Promise<string> {
  const disk = join(dir, 'disk.qcow2');
  await createRunner().run('qemu-img', ['create', '-q', '-f', 'qcow2', disk, '16M']);
  return disk;
}

/** rejviz-builder: image and manifest in their own directory, which must stay empty. */
export async function builderCase(extra: string[] = []): Promise<FaultCase> {
  const dir = await caseDir();
  const outDir = await mkdtemp(join(dir, 'out-'));
  return {
    bin: 'rejviz-builder',
    args: ['tiny-centos7', '-o', join(outDir, 'vm.img'), '--nic', 'name=eth0', '--nic-format', 'ifcfg', '--manifest', join(outDir, 'vm.json'), ...RHSM, ...extra],
    env: { PATH: await fakePath() },
    ready: join(dir, 'ready'),
    remains: async () => entries(outDir).map((f) => `${outDir}/${f}`),
  };
}

/** rejviz-customize / rejviz-sysprep on a blank qcow2 image (the fakes never open it). */
export async function guestToolCase(bin: 'rejviz-customize' | 'rejviz-sysprep'): Promise<FaultCase> {
  const dir = await caseDir();
  const disk = await blankDisk(dir);
  return {
    bin,
    args: ['-a', disk, '--nic', 'name=eth0', '--nic-format', 'ifcfg', ...RHSM],
    env: { PATH: await fakePath() },
    ready: join(dir, 'ready'),
    remains: async () => entries(dir).filter((f) => f !== 'disk.qcow2' && !f.startsWith('ready')).map((f) => `${dir}/${f}`),
  };
}

async function systemVolumes(): Promise<string[]> {
  // vol-list has no --name in libvirt 9.0: the first column after the two header lines.
  return (await createRunner().run('virsh', ['-c', SYSTEM, 'vol-list', 'default'])).stdout.split('\n').slice(2).map((l) => l.trim().split(/\s+/)[0] ?? '').filter(Boolean);
}

async function systemDomains(): Promise<string[]> {
  return (await createRunner().run('virsh', ['-c', SYSTEM, 'list', '--all', '--name'])).stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** rejviz-install on qemu:///system with a cloud-init seed in the default pool; nothing boots. */
export async function installCase(): Promise<FaultCase & { name: string }> {
  const dir = await caseDir();
  const disk = await blankDisk(dir);
  const name = uniqueName('rjvt-fault');
  const manifest = join(dir, 'vm.json');
  const nic = manifestNic('eth0', ['198.51.100.61/24']);
  await writeFile(manifest, JSON.stringify({ image: disk, format: 'qcow2', template: 'tiny-centos7', osinfo: 'centos7.0', nicFormat: 'ifcfg', nics: [nic], command: 'virt-builder tiny-centos7' }));
  return {
    bin: 'rejviz-install',
    name,
    args: [
      '--connect', SYSTEM, '--manifest', manifest, '--default-network', ISOLATED_NETWORK, '--name', name, '--memory', '128',
      '--import', '--disk', `path=${disk},format=qcow2`, '--graphics', 'none', '--noautoconsole', '--cloud-init', '--seed-pool', 'default',
    ],
    env: { PATH: await fakePath() },
    ready: join(dir, 'ready'),
    remains: async () => [
      ...(await systemVolumes()).filter((v) => v === `${name}-cidata.iso`).map((v) => `seed volume default/${v}`),
      ...(await systemDomains()).filter((d) => d === name).map((d) => `domain ${d}`),
    ],
  };
}

/** rejviz-peek on a blank image, read by (fake) guestfish. */
export async function peekCase(): Promise<FaultCase> {
  const dir = await caseDir();
  const disk = await blankDisk(dir);
  return {
    bin: 'rejviz-peek',
    args: ['-a', disk],
    env: { PATH: await fakePath() },
    ready: join(dir, 'ready'),
    remains: async () => entries(dir).filter((f) => f !== 'disk.qcow2' && !f.startsWith('ready')).map((f) => `${dir}/${f}`),
  };
}

/** Every command, for matrices. */
export const CASES: Record<FaultCommand, () => Promise<FaultCase>> = {
  'rejviz-builder': () => builderCase(),
  'rejviz-customize': () => guestToolCase('rejviz-customize'),
  'rejviz-sysprep': () => guestToolCase('rejviz-sysprep'),
  'rejviz-install': () => installCase(),
  'rejviz-peek': () => peekCase(),
};
