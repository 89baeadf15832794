// Tier 2: without --manifest, rejviz-install finds the image's NICs by reading the network
// configuration inside the --disk image, in ONE appliance launch, and they are exactly the NICs
// rejviz-builder wrote (same MACs, same order).
import { parseImageManifest } from '@rejviz/core';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { launchCounter } from '../support/appliance-count.js';
import { hasRepository, testRunDir } from '../support/env.js';
import { testNeeding } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';

const test = testNeeding([{ tool: 'virt-builder' }, { tool: 'virt-install' }, { tool: 'guestfish' }, { tool: 'unshare' }, { check: hasRepository, what: 'fixture repository (fixtures/images/build)' }]);

test.after.always(async () => {
  await rm(testRunDir(), { recursive: true, force: true });
});

test('the NICs read from the image match the builder manifest, in one appliance launch', async (t) => {
  const dir = join(testRunDir(), 'inspect');
  await mkdir(dir, { recursive: true });
  const built = await rejviz('rejviz-builder', [
    'tiny-centos7', '--nic', 'name=eth0', '--nic', 'name=eth1,ipaddr=198.51.100.15/24,gateway=198.51.100.1', '--nic', 'name=eth2,ipaddr=203.0.113.7/24',
    '-o', 'vm.img', '--no-network', '--json',
  ], { cwd: dir });
  t.is(built.exitCode, 0, built.stderr);
  const manifest = await parseImageManifest(built.stdout, 'stdout');
  const counter = await launchCounter(dir);
  const r = await rejviz('rejviz-install', [
    '--connect', 'qemu:///system', '--default-network', 'rejviz-isolated', '--name', 'rjvt-inspect', '--memory', '256',
    '--import', '--disk', 'vm.img', '--osinfo', 'centos7.0', '--noautoconsole', '--dry-run', '--json',
  ], { cwd: dir, env: counter.env });
  t.is(r.exitCode, 0, r.stderr);
  t.is(await counter.count(), 1, 'exactly one appliance launch to read the image');
  const out = JSON.parse(r.stdout) as { nics: { mac: string; guestName: string; network: string }[]; nicSource: string; command: string };
  t.is(out.nicSource, `inspection of ${join(dir, 'vm.img')}`);
  t.deepEqual(out.nics.map((n) => [n.guestName, n.mac]), manifest.nics.map((n) => [n.name, n.mac]));
  for (const nic of manifest.nics) t.true(out.command.includes(`--network network=rejviz-isolated,mac=${nic.mac},model=virtio`));
});
