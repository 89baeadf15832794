// Tier 2: rejviz-customize and rejviz-sysprep on real images. Detection + customization cost at
// most two appliance launches, one when the format is given or the facts are cached; detection
// finds the active stack on each image; sysprep keeps the NIC config its defaults would strip.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { launchCounter } from '../support/appliance-count.js';
import { hasRepository, testRunDir } from '../support/env.js';
import { extEdit, extRead, type ExtEdit } from '../support/ext-image.js';
import { debianDisk, tinyDisk } from '../support/fixture-disks.js';
import { testNeeding } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';

const test = testNeeding([{ tool: 'virt-customize' }, { tool: 'virt-sysprep' }, { tool: 'debugfs' }, { tool: 'sfdisk' }, { tool: 'unshare' }, { check: hasRepository, what: 'fixture repository (fixtures/images/build)' }]);

test.after.always(async () => {
  await rm(testRunDir(), { recursive: true, force: true });
});

interface DryRun { nicFormat: string; files: { path: string }[]; detected?: { cached: boolean } }

test.serial('tiny-centos7: auto detects ifcfg; dry run 1 launch, real run on the cached facts 1 launch', async (t) => {
  const disk = await tinyDisk(join(testRunDir(), 'tiny.raw'));
  const counter = await launchCounter(testRunDir());
  const nics = ['--nic', 'name=eth0,ipaddr=198.51.100.30/24,gateway=198.51.100.1', '--nic', 'name=eth1'];
  const dry = await rejviz('rejviz-customize', ['--format', 'raw', '-a', disk, ...nics, '--no-network', '--dry-run', '--json'], { env: counter.env });
  t.is(dry.exitCode, 0, dry.stderr);
  const plan = JSON.parse(dry.stdout) as DryRun;
  t.is(plan.nicFormat, 'ifcfg');
  t.is(plan.detected?.cached, false);
  t.is(await counter.count(), 1, 'the dry run inspects once');
  const real = await rejviz('rejviz-customize', ['--format', 'raw', '-a', disk, ...nics, '--no-network', '--json'], { env: counter.env });
  t.is(real.exitCode, 0, real.stderr);
  t.regex(real.stderr, /\(cached\)/);
  t.is(await counter.count(), 2, 'the real run reuses the cached facts: one more launch, virt-customize itself');
  const [eth0, eth1] = await extRead(disk, ['cat /etc/sysconfig/network-scripts/ifcfg-eth0', 'cat /etc/sysconfig/network-scripts/ifcfg-eth1']);
  t.regex(eth0 ?? '', /^IPADDR=198\.51\.100\.30$/m);
  t.regex(eth1 ?? '', /^BOOTPROTO=dhcp$/m);
});

test.serial('with --nic-format given there is no inspection: exactly one launch', async (t) => {
  const disk = await tinyDisk(join(testRunDir(), 'tiny2.raw'));
  const counter = await launchCounter(testRunDir());
  const res = await rejviz('rejviz-customize', ['--format', 'raw', '-a', disk, '--nic', 'name=eth0', '--nic-format', 'ifcfg', '--no-network'], { env: counter.env });
  t.is(res.exitCode, 0, res.stderr);
  t.is(await counter.count(), 1);
});

// How to make each stack the active one on a copy of debian-12 (debugfs on the host, no appliance:
// the launch that matters is rejviz-customize's own inspection).
const wants = '/etc/systemd/system/multi-user.target.wants';
const SWITCH: Record<string, ExtEdit[]> = {
  eni: [],
  networkd: [{ rm: `${wants}/networking.service` }, { symlink: `${wants}/systemd-networkd.service`, target: '/lib/systemd/system/systemd-networkd.service' }],
  keyfile: [{ rm: `${wants}/networking.service` }, { symlink: `${wants}/NetworkManager.service`, target: '/lib/systemd/system/NetworkManager.service' }],
  netplan: [{ rm: `${wants}/networking.service` }, { write: '/etc/netplan/01-base.yaml', content: 'network: {version: 2}\n', mode: 0o600 }],
};

for (const [format, commands] of Object.entries(SWITCH)) {
  test.serial(`debian-12 with the ${format} stack active: auto picks ${format}`, async (t) => {
    const disk = await debianDisk(join(testRunDir(), `deb-${format}.raw`));
    await extEdit(disk, commands);
    const res = await rejviz('rejviz-customize', ['--format', 'raw', '-a', disk, '--nic', 'name=eth0,ipaddr=198.51.100.50/24', '--dry-run', '--json']);
    t.is(res.exitCode, 0, res.stderr);
    t.is((JSON.parse(res.stdout) as DryRun).nicFormat, format);
    await rm(disk, { force: true });
  });
}

test.serial('rejviz-sysprep: the NIC config and HWADDR survive the operations that strip them', async (t) => {
  const disk = await tinyDisk(join(testRunDir(), 'sysprep.raw'));
  // A chosen operation list without "customize": rejviz adds it, or the --nic files would be dropped.
  const res = await rejviz('rejviz-sysprep', ['--format', 'raw', '-a', disk, '--operations', 'bash-history,net-hwaddr', '--nic', 'name=eth0,hwaddr=52:54:00:aa:10:01,ipaddr=198.51.100.60/24', '--nic-format', 'ifcfg', '--json']);
  t.is(res.exitCode, 0, res.stderr);
  const [eth0, history] = await extRead(disk, ['cat /etc/sysconfig/network-scripts/ifcfg-eth0', 'is-file /root/.bash_history']);
  t.regex(eth0 ?? '', /^HWADDR=52:54:00:aa:10:01$/m, 'net-hwaddr ran before our file was written');
  t.regex(eth0 ?? '', /^IPADDR=198\.51\.100\.60$/m);
  t.is(history?.trim(), 'false', 'the sysprep operations did run (bash-history removed the template file)');
});
