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

/** A sparse raw copy of debian-12 at PATH (a second or two; edit it with ext-image.ts). */
export async function debianDisk(path: string): Promise<string> {
  await createRunner().run('cp', ['--sparse=always', join(fixtureRepo(), 'debian-12.raw'), path]);
  return path;
}
