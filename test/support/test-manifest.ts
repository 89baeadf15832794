// A rejviz-builder manifest for tiny-centos7 next to a tiny image: enough for rejviz-install on
// libvirt's test driver, which never opens the image (driver tests, docs examples, the bench).
import type { ImageManifest, ManifestNic } from '@rejviz/core';
// The ava-free part: the install bench loads this file outside ava.
import { cidrs } from '@rejviz/test-support/data';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomMac } from './domain.js';

/** A guest NIC as the manifest holds it: DHCP, or static with `addresses` ("ADDRESS/PREFIX"). */
export function manifestNic(name: string, addresses: string[] = [], mac = randomMac()): ManifestNic {
  return {
    name, mac, bootproto: addresses.length > 0 ? 'static' : 'dhcp', addresses: cidrs(...addresses),
    gateway: null, gateway6: null, dns: [], mtu: null, onlink: null, defroute: null,
  };
}

/**
 * Writes a 1 MiB raw disk whose MBR holds one Linux partition and nothing else: what rejviz's
 * disk-image check (blkid -p) needs to call it a disk, without a real image.
 */
export async function writeTinyDisk(path: string): Promise<string> {
  const disk = Buffer.alloc(1024 * 1024);
  const entry = 446; // the first of the four 16-byte partition entries
  disk[entry + 4] = 0x83; // type: Linux
  disk.writeUInt32LE(2, entry + 8); // first sector
  disk.writeUInt32LE(2046, entry + 12); // sectors
  disk.writeUInt16LE(0xaa55, 510); // boot signature
  await writeFile(path, disk);
  return path;
}

// The directories manifestWith made in this test process, for removeManifestDirs.
const made: string[] = [];

/** Removes the directories manifestWith made; a test file's `test.after.always`, so /tmp does not fill up run after run. */
export async function removeManifestDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A new directory holding a tiny disk image (vm.img) and its manifest (vm.json); see removeManifestDirs. */
export async function manifestWith(nics: ManifestNic[], prefix = 'rjv-install-'): Promise<{ dir: string; disk: string; manifest: string }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  const disk = await writeTinyDisk(join(dir, 'vm.img'));
  const doc: ImageManifest = { image: disk, format: 'raw', template: 'tiny-centos7', osinfo: 'centos7.0', nicFormat: 'ifcfg', nics, command: 'virt-builder tiny-centos7' };
  const manifest = join(dir, 'vm.json');
  await writeFile(manifest, JSON.stringify(doc));
  return { dir, disk, manifest };
}
