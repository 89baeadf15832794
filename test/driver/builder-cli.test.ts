// Tier 1: rejviz-builder as a user runs it, without building anything: --dry-run against the real
// virt-builder's template list, argument errors, refusals, and the plain proxy modes.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hasRepository, REPO_ROOT } from '../support/env.js';
import { testNeeding, scratchDir } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';

const test = testNeeding([{ tool: 'virt-builder' }, { tool: 'unshare' }, { check: hasRepository, what: 'fixture repository (fixtures/images/build)' }]);

interface DryRun {
  command: string;
  files: { path: string; mode: string; owner: string; content: string; origin: string }[];
  nics: { name: string; mac: string; bootproto: string; addresses: { address: string; prefix: number }[]; onlink: boolean | null; defroute: boolean | null }[];
}

const MAC = /^52:54:00(:[0-9a-f]{2}){3}$/;

test('--dry-run --json shows the exact command, the ifcfg files and the NICs, and writes nothing', async (t) => {
  const dir = await scratchDir(t, 'rjv-dry-');
  const res = await rejviz('rejviz-builder', ['tiny-centos7', '--nic', 'name=eth0', '--nic', 'name=eth1,ipaddr=198.51.100.15/24', '-o', 'vm.qcow2', '--format', 'qcow2', '--no-network', '--dry-run', '--json'], { cwd: dir });
  t.is(res.exitCode, 0, res.stderr);
  const out = JSON.parse(res.stdout) as DryRun;
  t.regex(out.command, new RegExp(`^virt-builder tiny-centos7 -o ${dir}/\\.vm\\.qcow2\\.rejviz-[0-9a-f]{8}\\.tmp --format qcow2 --no-network `));
  t.deepEqual(out.files.map((f) => [f.path, f.mode, f.owner]), [
    ['/etc/sysconfig/network-scripts/ifcfg-eth0', '0644', 'root'],
    ['/etc/sysconfig/network-scripts/ifcfg-eth1', '0644', 'root'],
    ['/etc/cloud/cloud.cfg.d/99-disable-network-config.cfg', '0644', 'root'],
  ]);
  t.true(out.files.every((f) => f.origin === 'plugin-nic'));
  t.regex(out.files[1]!.content, /^IPADDR=198\.51\.100\.15$/m);
  t.regex(out.files[1]!.content, /^PREFIX=24$/m);
  t.deepEqual(out.nics.map((n) => [n.name, n.bootproto, n.addresses, n.onlink, n.defroute]), [['eth0', 'dhcp', [], null, null], ['eth1', 'static', [{ address: '198.51.100.15', prefix: 24 }], null, null]]);
  t.true(out.nics.every((n) => MAC.test(n.mac)));
  t.not(out.nics[0]!.mac, out.nics[1]!.mac);
  t.regex(out.files[0]!.content, new RegExp(`^HWADDR=${out.nics[0]!.mac}$`, 'm'));
  t.deepEqual(await readdir(dir), []);
});

test('--nic-format auto picks ENI for debian-12 and makes sure interfaces.d is sourced', async (t) => {
  const res = await rejviz('rejviz-builder', ['debian-12', '--nic', 'name=eth0,ipaddr=198.51.100.20/24,gateway=198.51.100.1', '--dry-run', '--json']);
  t.is(res.exitCode, 0, res.stderr);
  const out = JSON.parse(res.stdout) as DryRun;
  t.true(out.files.some((f) => f.path.startsWith('/etc/network/interfaces.d/') && /iface eth0 inet static/.test(f.content)));
  t.regex(out.command, /--run-command .*source \/etc\/network\/interfaces\.d\/\*/);
});

test('a malformed --nic exits 2 with one line naming the problem, before any tool runs', async (t) => {
  const dir = await scratchDir(t, 'rjv-bad-');
  const res = await rejviz('rejviz-builder', ['tiny-centos7', '--nic', 'name=eth0,ipadr=10.0.0.5', '-o', 'vm.img'], { cwd: dir });
  t.is(res.exitCode, 2);
  t.is(res.stderr.trim().split('\n').length, 1, res.stderr);
  t.regex(res.stderr, /^rejviz-builder: error: .*ipadr/);
  t.deepEqual(await readdir(dir), []);
});

// The bin is linked with its own copy of core (scripts/bundle-bins.mjs); an external plugin imports
// @rejviz/core from node_modules. Both copies' UsageErrors must end the same way.
test("an external plugin's (--plugin) option reaches the plan, and its UsageError exits 2 in one line", async (t) => {
  const dir = await scratchDir(t, 'rjv-plugin-');
  const plugin = join(REPO_ROOT, 'fixtures/plugins/motd-plugin.mjs');
  const ok = await rejviz('rejviz-builder', ['tiny-centos7', '--plugin', plugin, '--motd', 'Built by rejviz', '-o', 'vm.img', '--no-network', '--dry-run', '--json'], { cwd: dir });
  t.is(ok.exitCode, 0, ok.stderr);
  const motd = (JSON.parse(ok.stdout) as DryRun).files.find((f) => f.path === '/etc/motd');
  t.deepEqual(motd && [motd.content, motd.mode, motd.origin], ['Built by rejviz\n', '0644', 'plugin-motd']);
  const bad = await rejviz('rejviz-builder', ['tiny-centos7', '--plugin', plugin, '--motd', '', '-o', 'vm.img', '--no-network'], { cwd: dir });
  t.is(bad.exitCode, 2, bad.stderr);
  t.is(bad.stderr, 'rejviz-builder: error: --motd needs a text; drop --motd to leave /etc/motd alone\n');
  t.deepEqual(await readdir(dir), []);
});

test('an existing output is refused and left untouched unless --force', async (t) => {
  const dir = await scratchDir(t, 'rjv-exists-');
  await writeFile(join(dir, 'vm.img'), 'precious');
  const res = await rejviz('rejviz-builder', ['tiny-centos7', '--nic', 'name=eth0', '-o', 'vm.img'], { cwd: dir });
  t.is(res.exitCode, 2);
  t.regex(res.stderr, /vm\.img: file exists; pass --force/);
  t.is(await readFile(join(dir, 'vm.img'), 'utf8'), 'precious');
  t.deepEqual(await readdir(dir), ['vm.img']);
});

test('a template the repository does not have is a usage error listing the known ones', async (t) => {
  const res = await rejviz('rejviz-builder', ['centos-6', '--nic', 'name=eth0', '--dry-run']);
  t.is(res.exitCode, 2);
  t.regex(res.stderr, /template 'centos-6' is not in virt-builder --list \(known: .*tiny-centos7/);
});

test('--list passes through to virt-builder (stdout and exit code); --nic with it is refused', async (t) => {
  const list = await rejviz('rejviz-builder', ['--list']);
  t.is(list.exitCode, 0);
  t.regex(list.stdout, /^tiny-centos7\s/m);
  t.regex(list.stdout, /^debian-12\s/m);
  const bad = await rejviz('rejviz-builder', ['--list', '--nic', 'name=eth0']);
  t.is(bad.exitCode, 2);
  t.regex(bad.stderr, /--nic cannot be used with virt-builder --list/);
});

test("virt-builder's own failure passes its exit code through", async (t) => {
  const res = await rejviz('rejviz-builder', ['--notes', 'no-such-template']);
  t.is(res.exitCode, 1);
  t.regex(res.stderr, /no-such-template/);
});
