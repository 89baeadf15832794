// Tier 1 (driver): the installed bash completion of every bin, in a real bash with bash-completion:
// rejviz's options and the tool's, --nic keys and --nic-format values, templates of the configured
// repository, domains of the -c/--connect connection (libvirt's test driver), file names.
import { createRunner } from '@rejviz/core';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasRepository, REPO_ROOT } from '../support/env.js';
import { uniqueName } from '../support/domain.js';
import { testNeeding } from '@rejviz/test-support';
import { BASH_COMPLETION, BASH_COMPLETIONS_DIR, bashComplete } from '../support/shell-complete.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';

const BINS = ['rejviz-builder', 'rejviz-customize', 'rejviz-sysprep', 'rejviz-install', 'rejviz-peek', 'rejviz-up'];
const test = testNeeding([
  { tool: 'bash' }, { tool: 'unshare' }, { tool: 'virsh' }, { tool: 'virt-builder' },
  { path: BASH_COMPLETION, what: 'bash-completion' },
  ...BINS.map((bin) => ({ path: join(BASH_COMPLETIONS_DIR, bin), what: `the installed completion of ${bin} (scripts/host-setup)` })),
  { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' },
  { check: hasRepository, what: 'fixture repository (fixtures/images/build)' },
]);

// A domain of this file's own on the test driver, held open so every virsh sees it. The test
// driver's state is shared with every other run on this host: lines type all of the name but its
// last character, which no other domain shares.
const DOMAIN = uniqueName('rjvt-complete');
const TYPED = DOMAIN.slice(0, -1);
let files = '';
let dir = '';
test.before(async () => {
  await holdTestDriver();
  dir = await mkdtemp(join(tmpdir(), 'rjv-complete-'));
  await writeFile(join(dir, 'domain.xml'), `<domain type='test'><name>${DOMAIN}</name><memory>131072</memory><os><type>hvm</type></os></domain>`);
  await createRunner().run('virsh', ['-c', TEST_URI, 'define', join(dir, 'domain.xml')]);
  files = join(dir, 'work');
  await mkdir(join(files, 'vm-disks'), { recursive: true });
  await writeFile(join(files, 'vm-one.qcow2'), '');
});
test.after.always(async () => {
  await createRunner().run('virsh', ['-c', TEST_URI, 'undefine', DOMAIN], { allowFailure: true });
  releaseTestDriver();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the installed files are the ones in this checkout (scripts/host-setup installs them)', async (t) => {
  const ours = await readFile(join(REPO_ROOT, 'packages/cli/completion/rejviz.bash'), 'utf8');
  for (const bin of BINS) t.is(await readFile(join(BASH_COMPLETIONS_DIR, bin), 'utf8'), ours, `${bin}: run scripts/host-setup`);
});

test('rejviz-builder: templates of the configured repository, and none of a --source that has none', async (t) => {
  t.deepEqual((await bashComplete('rejviz-builder ')).reply.sort(), ['debian-12', 'tiny-centos7']);
  t.deepEqual((await bashComplete('rejviz-builder ti')).reply, ['tiny-centos7']);
  t.deepEqual((await bashComplete('rejviz-builder --source file:///nonexistent/index ')).reply, []);
});

test('rejviz-builder: --nic keys with no space after them, --nic-format values after =', async (t) => {
  const keys = await bashComplete('rejviz-builder debian-12 --nic name=eth0,gate');
  t.deepEqual(keys.reply, ['eth0,gateway=', 'eth0,gateway6=']);
  t.true(keys.compopt.includes('-o nospace'), keys.compopt.join('; '));
  t.deepEqual((await bashComplete('rejviz-builder debian-12 --nic-format=')).reply, ['auto', 'ifcfg', 'keyfile', 'netplan', 'eni', 'networkd']);
  t.deepEqual((await bashComplete('rejviz-builder debian-12 --nic name=eth0,bootproto=')).reply, ['dhcp', 'static', 'none']);
});

test("rejviz-builder: rejviz's options and virt-builder's together; the tool's listed values; files for -o", async (t) => {
  t.deepEqual((await bashComplete('rejviz-builder --fo')).reply.sort(), ['--force', '--format']);
  t.deepEqual((await bashComplete('rejviz-builder debian-12 --format ')).reply, ['raw', 'qcow2']);
  t.deepEqual((await bashComplete('rejviz-builder debian-12 -o vm-', { cwd: files })).reply.sort(), ['vm-disks', 'vm-one.qcow2']);
});

test('rejviz-customize: domains of the -c connection for -d, files for -a, --nic options', async (t) => {
  t.deepEqual((await bashComplete(`rejviz-customize -c ${TEST_URI} -d ${TYPED}`)).reply, [DOMAIN]);
  t.deepEqual((await bashComplete('rejviz-customize -a vm-o', { cwd: files })).reply, ['vm-one.qcow2']);
  t.deepEqual((await bashComplete('rejviz-customize -a vm.img --nic-f')).reply, ['--nic-format']);
});

test('rejviz-sysprep: --connect= spelling, and its own tool options', async (t) => {
  t.deepEqual((await bashComplete(`rejviz-sysprep --connect=${TEST_URI} --domain ${TYPED}`)).reply, [DOMAIN]);
  t.deepEqual((await bashComplete('rejviz-sysprep --enab')).reply, ['--enable']);
  t.deepEqual((await bashComplete('rejviz-sysprep -a vm.img --nic-format k')).reply, ['keyfile']);
});

test("rejviz-install: rejviz's and virt-install's options, files for --disk", async (t) => {
  t.deepEqual((await bashComplete('rejviz-install --mani')).reply, ['--manifest']);
  t.deepEqual((await bashComplete('rejviz-install --nic-net')).reply, ['--nic-network']);
  t.deepEqual((await bashComplete('rejviz-install --noautocon')).reply, ['--noautoconsole']);
  t.deepEqual((await bashComplete('rejviz-install --disk vm-o', { cwd: files })).reply, ['vm-one.qcow2']);
});

test('rejviz-peek: domains of the connection, not beside -a; its own options', async (t) => {
  t.deepEqual((await bashComplete(`rejviz-peek -c ${TEST_URI} ${TYPED}`)).reply, [DOMAIN]);
  t.deepEqual((await bashComplete(`rejviz-peek -c ${TEST_URI} -a vm.img ${TYPED}`)).reply, []);
  t.deepEqual((await bashComplete('rejviz-peek --no')).reply, ['--no-guest']);
  t.deepEqual((await bashComplete('rejviz-peek -a vm-o', { cwd: files })).reply, ['vm-one.qcow2']);
});

test('rejviz-up: its verbs first, then none; files for -f; its options', async (t) => {
  t.deepEqual((await bashComplete('rejviz-up ')).reply, ['up', 'plan', 'status', 'down', 'start', 'reboot', 'destroy', 'list', 'images', 'snapshot', 'gen', 'run', 'ssh', 'scp', 'sftp', 'ssh-config', 'inventory', 'provision']);
  t.deepEqual((await bashComplete('rejviz-up snapshot ')).reply, ['create', 'list', 'revert', 'delete']);
  t.deepEqual((await bashComplete('rejviz-up images ')).reply, ['prune', 'catalogue', 'pull']);
  t.deepEqual((await bashComplete('rejviz-up st')).reply, ['status', 'start']);
  t.deepEqual((await bashComplete('rejviz-up sn')).reply, ['snapshot']);
  t.deepEqual((await bashComplete('rejviz-up down st')).reply, [], 'one verb');
  t.deepEqual((await bashComplete('rejviz-up plan -f vm-o', { cwd: files })).reply, ['vm-one.qcow2']);
  t.deepEqual((await bashComplete('rejviz-up down --tim')).reply, ['--timeout']);
});
