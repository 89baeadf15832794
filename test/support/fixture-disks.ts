// Writable copies of the fixture templates for tests that modify images directly (no
// virt-builder run, so no appliance launch): tiny-centos7 decompressed, debian-12 as qcow2.
import { createRunner } from '@rejviz/core';
import { join } from 'node:path';
import { fixtureRepo } from './env.js';

/** A raw copy of tiny-centos7 at PATH. */
export async function tinyDisk(path: string): Promise<string> {
  await createRunner().run('sh', ['-c', `xz -dc "$1" > "$2"`, 'sh', join(fixtureRepo(), 'tiny-centos7.raw.xz'), path]);
  return path;
}

/** A qcow2 copy of debian-12 at PATH (about a second). */
export async function debianDisk(path: string): Promise<string> {
  await createRunner().run('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', join(fixtureRepo(), 'debian-12.raw'), path]);
  return path;
}

/** Runs guestfish commands read-write on a disk with the root mounted (no inspection). */
export async function guestfishWrite(disk: string, env: Record<string, string>, commands: string[]): Promise<void> {
  await createRunner().run('guestfish', ['-a', disk, '-m', '/dev/sda1'], { env, input: `${commands.join('\n')}\n` });
}
