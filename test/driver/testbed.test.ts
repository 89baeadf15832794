// Tier 1 (driver): virt-install and virsh against libvirt's test driver through libvirtd, whose
// state is shared by the processes of this file while the holder connection is open.
import { createRunner } from '@rejviz/core';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { testNeeding, scratchDir } from '@rejviz/test-support';
import { randomMac, uniqueName } from '../support/domain.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';

const test = testNeeding([{ tool: 'virsh' }, { tool: 'virt-install' }, { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' }]);

test.before(holdTestDriver);
test.after.always(releaseTestDriver);

const run = (file: string, args: string[]) => createRunner().run(file, args);

test.serial('virt-install defines a domain whose NICs keep the given MACs, in order', async (t) => {
  const dir = await scratchDir(t, 'rjv-driver-');
  const disk = join(dir, 'disk.qcow2');
  await writeFile(disk, ''); // the test driver never opens it, but --import needs it to exist
  const name = uniqueName('rjvt-drv');
  const macs = [randomMac(), randomMac()];
  await run('virt-install', [
    '--connect', TEST_URI, '--name', name, '--memory', '256', '--vcpus', '1', '--import',
    '--disk', `path=${disk},format=qcow2,bus=virtio`,
    ...macs.flatMap((m) => ['--network', `network=default,mac=${m},model=virtio`]),
    '--osinfo', 'centos7.0', '--graphics', 'none', '--noautoconsole',
  ]);
  // A separate virsh process sees the domain: the state is the daemon's, not the process's.
  const list = (await run('virsh', ['-c', TEST_URI, 'domiflist', name])).stdout;
  const seen = [...list.matchAll(/([0-9a-f]{2}(?::[0-9a-f]{2}){5})/g)].map((m) => m[1]);
  t.deepEqual(seen, macs);
  t.is((await run('virsh', ['-c', TEST_URI, 'domstate', name])).stdout.trim(), 'running');
  await run('virsh', ['-c', TEST_URI, 'destroy', name]);
  await run('virsh', ['-c', TEST_URI, 'undefine', name]);
  const after = await createRunner().run('virsh', ['-c', TEST_URI, 'dominfo', name], { allowFailure: true });
  t.not(after.exitCode, 0);
});

test.serial('virt-install --dry-run defines nothing', async (t) => {
  const dir = await scratchDir(t, 'rjv-driver-');
  const disk = join(dir, 'disk.qcow2');
  await writeFile(disk, '');
  const name = uniqueName('rjvt-dry');
  await run('virt-install', [
    '--connect', TEST_URI, '--name', name, '--memory', '256', '--import', '--disk', `path=${disk},format=qcow2`,
    '--network', `network=default,mac=${randomMac()},model=virtio`, '--osinfo', 'centos7.0', '--graphics', 'none',
    '--noautoconsole', '--dry-run',
  ]);
  const res = await createRunner().run('virsh', ['-c', TEST_URI, 'dominfo', name], { allowFailure: true });
  t.not(res.exitCode, 0);
});
