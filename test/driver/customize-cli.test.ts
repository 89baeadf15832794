// Tier 1: rejviz-customize and rejviz-sysprep refuse bad targets with one line and exit 2 before
// anything runs: missing image, unknown domain, running domain (libvirt's test driver has a
// running domain "test"), both or neither of -a/-d.
import { join } from 'node:path';
import { testNeeding, scratchDir } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';
import { writeTinyDisk } from '../support/test-manifest.js';

const test = testNeeding([{ tool: 'virt-customize' }, { tool: 'virt-sysprep' }, { tool: 'virsh' }, { tool: 'unshare' }]);

const oneLine = (s: string) => s.trim().split('\n').length === 1;

for (const bin of ['rejviz-customize', 'rejviz-sysprep']) {
  test(`${bin}: a missing image is a one-line usage error`, async (t) => {
    const dir = await scratchDir(t, 'rjv-cz-');
    const res = await rejviz(bin, ['-a', 'nope.qcow2', '--nic', 'name=eth0'], { cwd: dir });
    t.is(res.exitCode, 2);
    t.true(oneLine(res.stderr), res.stderr);
    t.regex(res.stderr, new RegExp(`^${bin}: error: -a ${dir}/nope\\.qcow2: no such file`));
  });

  test(`${bin}: an unknown domain is a one-line usage error`, async (t) => {
    const res = await rejviz(bin, ['-c', 'test:///default', '-d', 'no-such-domain', '--nic', 'name=eth0']);
    t.is(res.exitCode, 2);
    t.true(oneLine(res.stderr), res.stderr);
    t.regex(res.stderr, /-d no-such-domain: no such domain on test:\/\/\/default/);
  });

  test(`${bin}: a running domain is refused with how to fix it`, async (t) => {
    const res = await rejviz(bin, ['-c', 'test:///default', '-d', 'test', '--nic', 'name=eth0']);
    t.is(res.exitCode, 2);
    t.true(oneLine(res.stderr), res.stderr);
    t.regex(res.stderr, /-d test: the domain is running; .* shut it down first \(virsh -c test:\/\/\/default shutdown test\)/);
  });

  test(`${bin}: no guest at all is a usage error`, async (t) => {
    const res = await rejviz(bin, ['--nic', 'name=eth0']);
    t.is(res.exitCode, 2);
    t.regex(res.stderr, /no guest given; usage/);
  });
}

test('rejviz-customize: a bad --nic is refused before the image is inspected', async (t) => {
  // A disk with a partition table and no OS passes the disk-image check, but inspecting it would
  // fail, so reaching the --nic error proves validation came first.
  const disk = await writeTinyDisk(join(await scratchDir(t, 'rjv-cz-'), 'blank.img'));
  const res = await rejviz('rejviz-customize', ['-a', disk, '--nic', 'name=eth0,bootproto=foo']);
  t.is(res.exitCode, 2);
  t.true(oneLine(res.stderr), res.stderr);
  t.regex(res.stderr, /bootproto/);
});
