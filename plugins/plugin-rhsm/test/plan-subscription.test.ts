// plugin-rhsm through core's planGuest hook: the mechanism per guestfs-tools version, secret
// files (0600, with no name on disk: the tool opens /proc/PID/fd/N, gone when the run's clean-up
// closes it), RHEL >= 10 without attach, and no secret in any op's argv. TMPDIR points at a
// directory of this file's own, so the tests can check that nothing is ever written there.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readlinkSync } from 'node:fs';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { createHooks, emptyGuestPlan, runCleanups, UsageError, type GuestPlan } from '@rejviz/core';
import { rhsmPlugin } from '../src/index.js';
import { argvOf, assertNoSecret, fakeContext, KEY, PASSWORD, planWith, scriptedRunner } from './fake-context.js';

const aux = mkdtempSync(join(tmpdir(), 'rhsm-plan-aux-'));
const tmp = join(aux, 'tmp');
mkdirSync(tmp);
process.env['TMPDIR'] = tmp; // os.tmpdir() reads it on every call
const ENV = { REJVIZ_RHSM_PASSWORD: PASSWORD };
const LOGIN = { rhsmUser: 'alice' };
const AK = { rhsmOrg: 'acme', rhsmActivationKey: KEY };

test.after.always((t) => {
  t.deepEqual(readdirSync(tmp), [], 'no secret file ever had a name left on disk');
  rmSync(aux, { recursive: true, force: true });
});

// Each secret's descriptor and what it pointed at: once closed, the number may be reused by
// another file, so "closed" is "no longer the secret's (deleted) file".
const opened: { path: string; target: string }[] = [];
const linkTarget = (path: string) => {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
};

async function privateFile(t: ExecutionContext, path: string): Promise<string> {
  t.regex(path, new RegExp(`^/proc/${process.pid}/fd/\\d+$`));
  t.deepEqual(readdirSync(tmp), [], 'the secret has no name on disk, only an open descriptor');
  const target = linkTarget(path) ?? '';
  t.regex(target, /\/rejviz-secret-[^/]+\/[^/]+ \(deleted\)$/);
  opened.push({ path, target });
  t.is((await stat(path)).mode & 0o777, 0o600, 'file 0600');
  return readFile(path, 'utf8');
}

async function cleanupRemoves(t: ExecutionContext, plan: GuestPlan): Promise<void> {
  t.deepEqual(plan.cleanup, [], 'nothing to delete: the files have no names');
  await runCleanups();
  for (const { path, target } of opened.splice(0)) t.not(linkTarget(path), target, `${path} is closed`);
  t.deepEqual(readdirSync(tmp), []);
}

test.serial('1.48.2, login: --sm-credentials USER:file:PATH, --sm-register, --sm-attach', async (t) => {
  const fake = fakeContext({ ...LOGIN, rhsmAutoAttach: true }, { env: ENV });
  const plan = await planWith(t, fake, '1.48.2');
  t.deepEqual(plan.ops.map((o) => o.kind), ['sm-credentials', 'sm-register', 'sm-attach']);
  const argv = argvOf(plan);
  t.is(argv[0], '--sm-credentials');
  t.regex(argv[1]!, /^alice:file:\/proc\/\d+\/fd\/\d+$/);
  t.deepEqual(argv.slice(2), ['--sm-register', '--sm-attach', 'auto']);
  const path = argv[1]!.slice('alice:file:'.length);
  t.is(await privateFile(t, path), `${PASSWORD}\n`);
  t.true(plan.ops.every((o) => o.origin === 'plugin-rhsm'));
  assertNoSecret(t, plan, fake);
  await cleanupRemoves(t, plan);
});

test.serial('1.48.2, login from a password file, pool', async (t) => {
  const pw = join(aux, 'pw');
  await writeFile(pw, `${PASSWORD}\n`);
  await chmod(pw, 0o600);
  const fake = fakeContext({ ...LOGIN, rhsmPasswordFile: 'pw', rhsmPool: '8a85f98c60c2c2b40160c32447481b48' }, { cwd: aux });
  const plan = await planWith(t, fake, '1.48.2');
  t.deepEqual(argvOf(plan).slice(2), ['--sm-register', '--sm-attach', 'pool:8a85f98c60c2c2b40160c32447481b48']);
  assertNoSecret(t, plan, fake);
  await cleanupRemoves(t, plan);
});

test.serial('1.56.0, login: one --run with a private script', async (t) => {
  const fake = fakeContext({ ...LOGIN, rhsmPool: 'p1' }, { env: ENV });
  const plan = await planWith(t, fake, '1.56.0');
  t.is(plan.ops.length, 1);
  const [flag, path] = argvOf(plan);
  t.is(flag, '--run');
  const script = await privateFile(t, path!);
  t.true(script.includes(`subscription-manager register --username='alice' --password='${PASSWORD.replace(/'/g, `'\\''`)}'\n`), script);
  t.true(script.includes("subscription-manager attach --pool='p1'\n"));
  assertNoSecret(t, plan, fake);
  await cleanupRemoves(t, plan);
});

for (const version of ['1.48.2', '1.56.0']) {
  test.serial(`${version}, activation key: always the script`, async (t) => {
    const fake = fakeContext({ ...AK, rhsmAutoAttach: true });
    const plan = await planWith(t, fake, version, 'virt-builder');
    t.deepEqual(plan.ops.map((o) => o.kind), ['run']);
    const script = await privateFile(t, argvOf(plan)[1]!);
    t.true(script.includes(`subscription-manager register --org='acme' --activationkey='${KEY}'\nsubscription-manager attach --auto\n`), script);
    assertNoSecret(t, plan, fake);
    await cleanupRemoves(t, plan);
  });
}

test.serial('1.48.2, login with an organization: the script (--sm-credentials has no org)', async (t) => {
  const fake = fakeContext({ ...LOGIN, rhsmOrg: 'acme' }, { env: ENV });
  const plan = await planWith(t, fake, '1.48.2');
  t.deepEqual(plan.ops.map((o) => o.kind), ['run']);
  t.true((await privateFile(t, argvOf(plan)[1]!)).includes("register --org='acme' --username='alice'"));
  assertNoSecret(t, plan, fake);
  await cleanupRemoves(t, plan);
});

for (const version of ['1.48.2', '1.56.0']) {
  test.serial(`${version}, RHEL 10: no attach, a notice`, async (t) => {
    const fake = fakeContext({ ...LOGIN, rhsmAutoAttach: true }, { env: ENV, osinfo: 'rhel10.0' });
    const plan = await planWith(t, fake, version);
    t.false(plan.ops.some((o) => o.kind === 'sm-attach'));
    if (version === '1.56.0') t.false((await privateFile(t, argvOf(plan)[1]!)).includes('attach'));
    else t.deepEqual(plan.ops.map((o) => o.kind), ['sm-credentials', 'sm-register']);
    t.deepEqual(fake.warnings, ['--rhsm-auto-attach skipped: the guest is rhel10.0, and RHEL >= 10 has no subscription-manager attach (Simple Content Access); registering only']);
    assertNoSecret(t, plan, fake);
    await cleanupRemoves(t, plan);
  });
}

test.serial('the guest OS is looked up only when attaching', async (t) => {
  const fake = fakeContext(AK);
  const plan = await planWith(t, fake, '1.56.0');
  t.is(fake.osinfoCalls(), 0);
  t.deepEqual(fake.warnings, []);
  await cleanupRemoves(t, plan);
});

test.serial('--rhsm-unregister alone: --sm-unregister, or a --run-command after 1.55', async (t) => {
  const old = await planWith(t, fakeContext({ rhsmUnregister: true }), '1.48.2', 'virt-sysprep');
  t.deepEqual(argvOf(old), ['--sm-unregister']);
  const now = await planWith(t, fakeContext({ rhsmUnregister: true }), '1.56.0', 'virt-sysprep');
  t.deepEqual(argvOf(now), ['--run-command', 'subscription-manager unregister']);
  t.deepEqual([...old.cleanup, ...now.cleanup], []);
});

test.serial('--rhsm-unregister with virt-sysprep turns its rh-subscription-manager operation off', async (t) => {
  const sysprep = await planWith(t, fakeContext({ rhsmUnregister: true }), '1.48.2', 'virt-sysprep');
  t.deepEqual(sysprep.sysprepDisable, ['rh-subscription-manager']);
  const customize = await planWith(t, fakeContext({ rhsmUnregister: true }), '1.48.2', 'virt-customize');
  t.deepEqual(customize.sysprepDisable, []);
});

test.serial('no --rhsm-* option: the plan passes through untouched', async (t) => {
  const hooks = await createHooks();
  rhsmPlugin({ toolVersion: async () => t.fail('no version lookup') as never }).apply(hooks);
  const plan = emptyGuestPlan('virt-customize', null);
  t.is(await hooks.planGuest.promise(plan, fakeContext({}).ctx), plan);
});

test.serial('bad input fails before anything is written', async (t) => {
  const fake = fakeContext({ ...LOGIN, rhsmAutoAttach: true }, { env: { REJVIZ_RHSM_PASSWORD: '' } });
  await t.throwsAsync(planWith(t, fake, '1.56.0'), { instanceOf: UsageError, message: /REJVIZ_RHSM_PASSWORD is set but empty/ });
  t.deepEqual(readdirSync(tmp), []);
});

test.serial('the default version lookup asks the tool (a runner answering 1.56.0)', async (t) => {
  const bin = await mkdtemp(join(aux, 'bin-'));
  await writeFile(join(bin, 'virt-customize'), '');
  const runner = scriptedRunner('1.56.0');
  const fake = fakeContext(LOGIN, { runner, env: { ...ENV, PATH: bin, XDG_CACHE_HOME: join(aux, 'cache') } });
  const hooks = await createHooks();
  rhsmPlugin().apply(hooks);
  const plan = await hooks.planGuest.promise(emptyGuestPlan('virt-customize', null), fake.ctx);
  t.teardown(() => Promise.all(plan.cleanup.map((p) => rm(p, { recursive: true, force: true }))).then(() => undefined));
  t.deepEqual(runner.history.map((r) => r.command), ['virt-customize --version', 'virt-customize --help']);
  t.deepEqual(plan.ops.map((o) => o.kind), ['run']);
  assertNoSecret(t, plan, fake);
  await cleanupRemoves(t, plan);
});

