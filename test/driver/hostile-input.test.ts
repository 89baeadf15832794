// Issue 11's defects, each as a user met it, through the real bins: the output spelled -oFILE, a
// block device or the image itself given as output or manifest, a manifest directory that does
// not exist, secrets in shown commands, debugging with secrets, peek --dry-run, virt-install's own
// --cloud-init. The tools are the stand-ins of the fault suite where a real one would start
// working (if a refusal failed, they would leave files to find), the real virt-builder's option
// table and template list elsewhere.
import { createRunner, imageInUse } from '@rejviz/core';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasRepository } from '../support/env.js';
import { fakePath } from '../support/fake-tools.js';
import { waitUntil } from '../support/fault-run.js';
import { testNeeding } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';
import { TEST_URI, holdTestDriver, releaseTestDriver } from '../support/test-driver.js';
import { manifestNic, manifestWith, removeManifestDirs } from '../support/test-manifest.js';

const test = testNeeding([
  { tool: 'virt-builder' }, { tool: 'virt-customize' }, { tool: 'virt-install' }, { tool: 'virsh' }, { tool: 'qemu-img' }, { tool: 'qemu-io' }, { tool: 'mknod' },
  { check: hasRepository, what: 'fixture repository (fixtures/images/build)' },
]);

test.before(holdTestDriver);
test.after.always(releaseTestDriver);
test.after.always(removeManifestDirs);

// Removed after the file's tests, as manifestWith's are.
const dirs: string[] = [];
const dirFor = async (name: string) => {
  const dir = await mkdtemp(join(tmpdir(), `rjv-hostile-${name}-`));
  dirs.push(dir);
  return dir;
};
test.after.always(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

test('-oFILE names the output (it was ignored: an unrelated TEMPLATE.img was replaced with --force)', async (t) => {
  const dir = await dirFor('attached');
  await writeFile(join(dir, 'tiny-centos7.img'), 'unrelated');
  const res = await rejviz('rejviz-builder', ['tiny-centos7', '-ovm.img', '--nic', 'name=eth0', '--force', '--no-network'], { cwd: dir, env: { PATH: await fakePath() } });
  t.is(res.exitCode, 0, res.stderr);
  t.is(await readFile(join(dir, 'tiny-centos7.img'), 'utf8'), 'unrelated');
  t.regex(await readFile(join(dir, 'vm.img'), 'utf8'), /fake image written to \S+\/\.vm\.img\.rejviz-[0-9a-f]{8}\.tmp/);
  t.deepEqual((await readdir(dir)).sort(), ['tiny-centos7.img', 'vm.img']);
});

test('a block device at -o is refused without --force, also under --dry-run; with --force it is written in place', async (t) => {
  const dir = await dirFor('device');
  const dev = join(dir, 'blk');
  execFileSync('mknod', [dev, 'b', '7', '251']);
  for (const dry of [[], ['--dry-run']]) {
    const res = await rejviz('rejviz-builder', ['tiny-centos7', '-o', dev, '--nic', 'name=eth0', ...dry], { env: { PATH: await fakePath(), FAKE_MODE: 'exit:9' } });
    t.is(res.exitCode, 2, res.stderr);
    t.is(res.stderr, `rejviz-builder: error: -o ${dev}: is a block device; pass --force to overwrite the device with the image\n`);
  }
  const forced = await rejviz('rejviz-builder', ['tiny-centos7', '-o', dev, '--nic', 'name=eth0', '--force', '--dry-run', '--json']);
  t.is(forced.exitCode, 0, forced.stderr);
  t.true((JSON.parse(forced.stdout) as { command: string }).command.includes(` -o ${dev} `));
});

test('--manifest naming the output, or in a missing directory: refused before anything runs', async (t) => {
  const dir = await dirFor('manifest');
  await writeFile(join(dir, 'keep.img'), 'the image');
  for (const [manifest, message] of [
    ['vm.img', /--manifest vm\.img: is the output image \S+vm\.img; give the manifest its own file/],
    ['/nonexistent/dir/m.json', /--manifest \/nonexistent\/dir\/m\.json: directory \/nonexistent\/dir does not exist; create it first/],
  ] as const) {
    const res = await rejviz('rejviz-builder', ['tiny-centos7', '-o', 'vm.img', '--nic', 'name=eth0', '--manifest', manifest], { cwd: dir, env: { PATH: await fakePath() } });
    t.is(res.exitCode, 2, res.stderr);
    t.regex(res.stderr, message);
    t.is(res.stderr.split('\n').filter(Boolean).length, 1, 'one line');
  }
  t.deepEqual(await readdir(dir), ['keep.img'], 'no tool ran: no image was built');
});

test('secrets in virt-builder options are redacted in --dry-run, --json, the manifest and --verbose', async (t) => {
  const dir = await dirFor('secret');
  const args = ['tiny-centos7', '-o', 'vm.img', '--nic', 'name=eth0', '--root-password', 'password:s3cret-pw', '--password', 'joe:password:s3cret-pw', '--manifest', 'vm.json', '--json', '--verbose'];
  const dry = await rejviz('rejviz-builder', [...args, '--dry-run'], { cwd: dir });
  t.is(dry.exitCode, 0, dry.stderr);
  t.regex((JSON.parse(dry.stdout) as { command: string }).command, /--root-password 'password:<redacted>' --password 'joe:password:<redacted>'/);
  const real = await rejviz('rejviz-builder', args, { cwd: dir, env: { PATH: await fakePath() } });
  t.is(real.exitCode, 0, real.stderr);
  for (const text of [dry.stdout, dry.stderr, real.stdout, real.stderr, await readFile(join(dir, 'vm.json'), 'utf8')]) t.false(text.includes('s3cret-pw'), text);
  t.regex(real.stderr, /^\+ virt-builder .*'password:<redacted>'/m, '--verbose shows the command, redacted');
});

test('LIBGUESTFS_DEBUG, LIBGUESTFS_TRACE, -v and -x are refused for a run that hands the tool an RHSM secret', async (t) => {
  const dir = await dirFor('debug');
  const disk = join(dir, 'disk.qcow2');
  await createRunner().run('qemu-img', ['create', '-q', '-f', 'qcow2', disk, '16M']);
  const rhsm = ['--rhsm-org', 'o', '--rhsm-activation-key', 'k3y-S3CRET'];
  for (const [env, extra, message] of [
    [{ LIBGUESTFS_DEBUG: '1' }, [], /LIBGUESTFS_DEBUG=1 is set: virt-customize's debug output would show the secret plugin-rhsm hands it; unset LIBGUESTFS_DEBUG for this run/],
    [{ LIBGUESTFS_TRACE: '1' }, [], /unset LIBGUESTFS_TRACE/],
    [{}, ['-v'], /-v: virt-customize would print the secret plugin-rhsm hands it; drop -v/],
    [{}, ['-x'], /drop -x/],
  ] as const) {
    const res = await rejviz('rejviz-customize', ['-a', disk, ...rhsm, '--nic', 'name=eth0', '--nic-format', 'ifcfg', ...extra], { env: { ...env, PATH: await fakePath(), FAKE_MODE: 'exit:9', TMPDIR: dir } });
    t.is(res.exitCode, 2, res.stderr);
    t.regex(res.stderr, message);
    t.false(res.stderr.includes('k3y-S3CRET'));
  }
  t.deepEqual((await readdir(dir)).sort(), ['disk.qcow2'], 'the secret file made while planning is gone');
});

test('rejviz-peek --dry-run launches no appliance', async (t) => {
  const dir = await dirFor('peek');
  const disk = join(dir, 'disk.qcow2');
  await createRunner().run('qemu-img', ['create', '-q', '-f', 'qcow2', disk, '16M']);
  const res = await rejviz('rejviz-peek', ['--dry-run', '-a', disk], { env: { PATH: await fakePath(), FAKE_MODE: 'exit:9' } });
  t.is(res.exitCode, 0, res.stderr);
  t.is(res.stdout, `guestfish command (not run; one read-only appliance launch):\n  guestfish --ro -a ${disk}\n`);
});

test("virt-install's own --cloud-init SUBOPTIONS passes through; with rejviz's seed options it is one clear refusal", async (t) => {
  const { dir, disk, manifest } = await manifestWith([manifestNic('eth0')], 'rjv-hostile-ci-');
  const base = ['--connect', TEST_URI, '--manifest', manifest, '--name', 'rjvt-ci-own', '--import', '--disk', disk, '--osinfo', 'centos7.0', '--dry-run'];
  for (const spelling of [['--cloud-init=root-password-generate=on'], ['--cloud-init', 'root-password-generate=on']]) {
    const res = await rejviz('rejviz-install', [...base, ...spelling], { cwd: dir });
    t.is(res.exitCode, 0, res.stderr);
    t.true(res.stdout.includes(spelling.join(spelling.length === 1 ? '' : ' ')), res.stdout);
    const mixed = await rejviz('rejviz-install', [...base, ...spelling, '--user', 'bob'], { cwd: dir });
    t.is(mixed.exitCode, 2);
    t.is(mixed.stderr, "rejviz-install: error: virt-install's --cloud-init root-password-generate=on makes a seed of its own, and rejviz's seed options make another; use one: rejviz's (--user-data FILE for user-data=, --ssh-key FILE for clouduser-ssh-key=, --user, --hostname) or virt-install's alone\n");
  }
});

test('an image qemu has open (a running domain, another run) is refused before the tool starts, with the reason', async (t) => {
  const dir = await dirFor('in-use');
  const disk = join(dir, 'disk.qcow2');
  await createRunner().run('qemu-img', ['create', '-q', '-f', 'qcow2', disk, '16M']);
  // qemu-io holds the image the way a domain's qemu does (qemu's open-file-description locks).
  const holder = spawn('qemu-io', ['-f', 'qcow2', '-c', 'sleep 60000', disk], { stdio: 'ignore' });
  t.teardown(() => void holder.kill());
  await waitUntil(() => imageInUse(disk), 'qemu-io to lock the image', 10_000);
  const res = await rejviz('rejviz-customize', ['-a', disk, '--nic', 'name=eth0', '--nic-format', 'ifcfg'], { env: { PATH: await fakePath(), FAKE_MODE: 'exit:9' } });
  t.is(res.exitCode, 2, res.stderr);
  t.is(res.stderr, `rejviz-customize: error: -a ${disk}: is in use by another program (qemu holds its image locks: a running domain, or another rejviz or libguestfs run); wait for it to finish, or shut down the domain that uses it\n`);
  holder.kill();
  await waitUntil(async () => !(await imageInUse(disk)), 'qemu-io to let go', 10_000);
  const free = await rejviz('rejviz-customize', ['-a', disk, '--nic', 'name=eth0', '--nic-format', 'ifcfg'], { env: { PATH: await fakePath(), FAKE_MODE: 'ok' } });
  t.is(free.exitCode, 0, free.stderr);
});

test('rejviz-peek --json: a failed guestfish is one JSON error line with exit code 3 and guestfish\'s own code', async (t) => {
  const dir = await dirFor('peek-json');
  const disk = join(dir, 'disk.qcow2');
  await createRunner().run('qemu-img', ['create', '-q', '-f', 'qcow2', disk, '16M']);
  const res = await rejviz('rejviz-peek', ['--json', '-a', disk], { env: { PATH: await fakePath(), FAKE_MODE: 'exit:42' } });
  t.is(res.exitCode, 3, res.stderr);
  t.is(res.stdout, '');
  const line = res.stderr.split('\n').find((l) => l.startsWith('{"error":')) ?? '{}';
  const error = (JSON.parse(line) as { error: { code: string; exitCode: number; message: string; tool: string } }).error;
  t.deepEqual([error.code, error.exitCode, error.tool, error.message], ['RJV-TOOL-FAILED', 3, 'guestfish', 'guestfish failed with exit code 42']);
});
