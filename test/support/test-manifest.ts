// A rejviz-builder manifest for tiny-centos7 next to an empty image: enough for rejviz-install on
// libvirt's test driver, which never opens the image (driver tests, docs examples, the bench).
import type { ImageManifest, ManifestNic } from '@rejviz/core';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomMac } from './domain.js';

/** A guest NIC as the manifest holds it: DHCP, or static with `addresses`. */
export function manifestNic(name: string, addresses: string[] = [], mac = randomMac()): ManifestNic {
  return { name, mac, bootproto: addresses.length > 0 ? 'static' : 'dhcp', addresses, gateway: null, gateway6: null, dns: [], mtu: null };
}

/** A new directory holding an empty image (vm.img) and its manifest (vm.json). */
export async function manifestWith(nics: ManifestNic[], prefix = 'rjv-install-'): Promise<{ dir: string; disk: string; manifest: string }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const disk = join(dir, 'vm.img');
  await writeFile(disk, '');
  const doc: ImageManifest = { image: disk, format: 'raw', template: 'tiny-centos7', osinfo: 'centos7.0', nicFormat: 'ifcfg', nics, command: 'virt-builder tiny-centos7' };
  const manifest = join(dir, 'vm.json');
  await writeFile(manifest, JSON.stringify(doc));
  return { dir, disk, manifest };
}
