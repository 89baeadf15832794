// Real domains on qemu:///system for the boot tier: unique names and MACs, the isolated network
// (no IP on the host), the serial console logged to a file that tests poll for markers.
import { createRunner } from '@rejviz/core';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { virtType } from './env.js';

export const SYSTEM = 'qemu:///system';
export const ISOLATED_NETWORK = 'rejviz-isolated';
export const IMAGES = '/var/lib/libvirt/images';

/** A name no other test run uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

/** A random 52:54:00 MAC outside QEMU's 52:54:00:12:34:xx default range (test-local helper). */
export function randomMac(): string {
  for (;;) {
    const b = randomBytes(3);
    if (b[0] === 0x12 && b[1] === 0x34) continue;
    return `52:54:00:${[...b].map((x) => x.toString(16).padStart(2, '0')).join(':')}`;
  }
}

export interface DomainSpec {
  name: string;
  disk: string;
  macs: string[];
  memoryMiB: number;
  vcpus?: number;
  osinfo: string;
  extra?: string[];
}

/** Where a domain's serial console is logged. */
export function serialLog(name: string): string {
  return `${IMAGES}/${name}.serial.log`;
}

/** Defines and starts a domain with virt-install (TCG where KVM does not work); returns at once. */
export async function startDomain(spec: DomainSpec): Promise<void> {
  const args = [
    '--connect', SYSTEM, '--virt-type', await virtType(), '--name', spec.name,
    '--memory', String(spec.memoryMiB), '--vcpus', String(spec.vcpus ?? 1), '--import',
    '--disk', `path=${spec.disk},format=qcow2,bus=virtio`,
    ...spec.macs.flatMap((mac) => ['--network', `network=${ISOLATED_NETWORK},mac=${mac},model=virtio`]),
    '--osinfo', spec.osinfo, '--graphics', 'none', '--serial', `file,path=${serialLog(spec.name)}`,
    '--noautoconsole', ...(spec.extra ?? []),
  ];
  await createRunner().run('virt-install', args);
}

/** Waits until the serial log matches; returns the log. Fails with the log's tail on timeout. */
export async function waitForSerial(name: string, pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let log = '';
  while (Date.now() < deadline) {
    log = await readFile(serialLog(name), 'utf8').catch(() => '');
    if (pattern.test(log)) return log.replace(/\r/g, '');
    await sleep(500);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${pattern} on ${name}'s serial console; last output:\n${log.replace(/\r/g, '').slice(-2000)}`);
}

/** virsh on the system connection. */
export async function virsh(...args: string[]): Promise<string> {
  return (await createRunner().run('virsh', ['-c', SYSTEM, ...args])).stdout;
}

/** Waits for a domain state such as 'shut off'. */
export async function waitForState(name: string, state: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await virsh('domstate', name)).trim() === state) return;
    await sleep(500);
  }
  throw new Error(`${name} did not reach state '${state}' within ${timeoutMs} ms`);
}

/** Removes a test domain and its disk, whatever state it is in. */
export async function removeDomain(name: string): Promise<void> {
  const r = createRunner();
  await r.run('virsh', ['-c', SYSTEM, 'destroy', name], { allowFailure: true });
  await r.run('virsh', ['-c', SYSTEM, 'undefine', name, '--remove-all-storage'], { allowFailure: true });
  await r.run('rm', ['-f', serialLog(name)], { allowFailure: true });
}
