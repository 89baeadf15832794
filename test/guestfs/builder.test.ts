// Tier 2: rejviz-builder really builds tiny-centos7 with two NICs in ONE appliance launch; one
// guestfish session reads the files back (content, mode, owner); the manifest is valid.
import { parseImageManifest } from '@rejviz/core';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { launchCounter } from '../support/appliance-count.js';
import { hasRepository, REPO_ROOT, testRunDir, toolEnv } from '../support/env.js';
import { guestfishRead } from '../support/guestfish.js';
import { testNeeding } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';

const test = testNeeding([{ tool: 'virt-builder' }, { tool: 'guestfish' }, { tool: 'unshare' }, { check: hasRepository, what: 'fixture repository (fixtures/images/build)' }]);

test.after.always(async () => {
  await rm(testRunDir(), { recursive: true, force: true });
});

test('tiny-centos7 with two NICs: one appliance launch, ifcfg files as planned, valid manifest', async (t) => {
  const dir = join(testRunDir(), 'two-nics');
  await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
  const counter = await launchCounter(testRunDir());
  const res = await rejviz('rejviz-builder', [
    'tiny-centos7', '--nic', 'name=eth0', '--nic', 'name=eth1,ipaddr=198.51.100.15/24,gateway=198.51.100.1',
    '-o', 'vm.qcow2', '--format', 'qcow2', '--no-network', '--json',
  ], { cwd: dir, env: counter.env });
  t.is(res.exitCode, 0, res.stderr);
  t.is(await counter.count(), 1, 'exactly one libguestfs appliance launch per build');
  const manifest = await parseImageManifest(res.stdout, 'stdout');
  t.is(manifest.image, join(dir, 'vm.qcow2'));
  t.is(manifest.template, 'tiny-centos7');
  t.is(manifest.osinfo, 'centos7.0');
  t.is(manifest.nicFormat, 'ifcfg');
  t.deepEqual(manifest.nics.map((n) => [n.name, n.bootproto, n.addresses, n.gateway]), [
    ['eth0', 'dhcp', [], null], ['eth1', 'static', [{ address: '198.51.100.15', prefix: 24 }], '198.51.100.1'],
  ]);
  t.deepEqual(await readdir(dir), ['vm.qcow2'], 'no temporary file left beside the output');
  const [eth0, eth0stat, eth1, eth1stat, cloud] = await guestfishRead(manifest.image, [
    'cat /etc/sysconfig/network-scripts/ifcfg-eth0',
    'stat /etc/sysconfig/network-scripts/ifcfg-eth0',
    'cat /etc/sysconfig/network-scripts/ifcfg-eth1',
    'stat /etc/sysconfig/network-scripts/ifcfg-eth1',
    'cat /etc/cloud/cloud.cfg.d/99-disable-network-config.cfg',
  ], { env: await toolEnv(), format: 'qcow2' });
  // The template's own DHCP ifcfg-eth0 was replaced, not duplicated.
  t.regex(eth0 ?? '', new RegExp(`^HWADDR=${manifest.nics[0]!.mac}$`, 'm'));
  t.notRegex(eth0 ?? '', /"dhcp"/);
  t.regex(eth1 ?? '', /^IPADDR=198\.51\.100\.15$/m);
  t.regex(eth1 ?? '', /^PREFIX=24$/m);
  t.regex(eth1 ?? '', /^GATEWAY=198\.51\.100\.1$/m);
  for (const st of [eth0stat, eth1stat]) {
    t.regex(st ?? '', /^mode: 33188$/m, 'mode 0644 regular file'); // 0o100644
    t.regex(st ?? '', /^uid: 0$/m);
    t.regex(st ?? '', /^gid: 0$/m);
  }
  t.regex(cloud ?? '', /network: \{config: disabled\}/);
});

test('a failing build leaves nothing at the output path and passes the exit code through', async (t) => {
  const dir = join(testRunDir(), 'failing');
  await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
  const res = await rejviz('rejviz-builder', [
    'tiny-centos7', '--nic', 'name=eth0', '-o', 'vm.img', '--no-network', '--run-command', 'exit 3',
  ], { cwd: dir });
  t.is(res.exitCode, 1, 'virt-builder exits 1 when a customize command fails');
  t.regex(res.stderr, /rejviz-builder: error: virt-builder failed with exit code 1/);
  t.deepEqual(await readdir(dir), []);
});

test('Ctrl-C during a build stops virt-builder and leaves nothing at the output path', async (t) => {
  const { spawn } = await import('node:child_process');
  const { setTimeout: sleep } = await import('node:timers/promises');
  const dir = join(testRunDir(), 'interrupted');
  await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
  const child = spawn('unshare', ['-n', process.execPath, join(REPO_ROOT, 'packages/builder/dist/bin/rejviz-builder.js'),
    'tiny-centos7', '--nic', 'name=eth0', '-o', 'vm.img', '--no-network'], { cwd: dir, env: { ...process.env, ...(await toolEnv()) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  // Interrupt once virt-builder has started writing the temporary image.
  for (let i = 0; i < 120 && (await readdir(dir)).length === 0; i++) await sleep(250);
  t.true((await readdir(dir)).some((f) => /^\.vm\.img\.rejviz-[0-9a-f]{8}\.tmp$/.test(f)), 'the build writes a temporary file first');
  child.kill('SIGINT');
  t.is(await exited, 130, stderr);
  t.deepEqual(await readdir(dir), []);
});
