// Tier 3: the headline use on the tiny image: rejviz-builder writes two static NICs,
// rejviz-install gives the domain the manifest's MACs in order, and the guest brings both NICs up
// with their addresses.
import { parseImageManifest } from '@rejviz/core';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hasRepository, testRunDir } from '../support/env.js';
import { IMAGES, ISOLATED_NETWORK, removeDomain, serialLog, SYSTEM, uniqueName, virsh, waitForSerial } from '../support/domain.js';
import { testNeeding } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';

const test = testNeeding([{ tool: 'virt-builder' }, { tool: 'virt-install' }, { tool: 'unshare' }, { check: hasRepository, what: 'fixture repository (fixtures/images/build)' }]);

const name = uniqueName('rjvt-rbt');
test.after.always(async () => {
  await removeDomain(name);
  await rm(testRunDir(), { recursive: true, force: true });
});

test('both NICs come up with the addresses rejviz-builder wrote, bound by MAC', async (t) => {
  const disk = join(IMAGES, `${name}.qcow2`);
  const res = await rejviz('rejviz-builder', [
    'tiny-centos7', '--nic', 'name=eth0,ipaddr=198.51.100.10/24',
    '--nic', 'name=eth1,ipaddr=203.0.113.11/24,gateway=203.0.113.1', '-o', disk, '--format', 'qcow2', '--no-network', '--json',
  ]);
  t.is(res.exitCode, 0, res.stderr);
  const m = await parseImageManifest(res.stdout, 'stdout');
  const manifest = join(testRunDir(), 'vm.json');
  await writeFile(manifest, res.stdout);
  const inst = await rejviz('rejviz-install', [
    '--connect', SYSTEM, '--manifest', manifest, '--default-network', ISOLATED_NETWORK, '--name', name, '--memory', '256',
    '--import', '--osinfo', 'centos7.0', '--graphics', 'none', '--serial', `file,path=${serialLog(name)}`, '--noautoconsole',
  ]);
  t.is(inst.exitCode, 0, inst.stderr);
  // No --disk: the manifest's image became the disk.
  t.true((await virsh('domblklist', name)).includes(disk));
  const macs = [...(await virsh('domiflist', name)).matchAll(/([0-9a-f]{2}(?::[0-9a-f]{2}){5})/g)].map((x) => x[1]);
  t.deepEqual(macs, m.nics.map((n) => n.mac));
  const log = await waitForSerial(name, /login:/, 180_000);
  t.regex(log, new RegExp(`TINY-NET-UP eth0 198\\.51\\.100\\.10/24 mac=${m.nics[0]!.mac}`));
  t.regex(log, new RegExp(`TINY-NET-UP eth1 203\\.0\\.113\\.11/24 mac=${m.nics[1]!.mac}`));
  t.regex(log, /TINY-NET-ROUTE default via 203\.0\.113\.1 dev eth1/);
  t.notRegex(log, /TINY-NET-NOMATCH/);
});
