// With the installed virt-customize and core's default version lookup (toolInfo): guestfs-tools
// before 1.56 get the --sm-* options, later ones the --run script. Skipped without the tool
// locally; under CI=true a missing tool fails the test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { createHooks, createRunner, emptyGuestPlan, runCleanups, toolHas } from '@rejviz/core';
import { rhsmPlugin } from '../src/index.js';
import { argvOf, assertNoSecret, fakeContext, PASSWORD } from './fake-context.js';

function installedVersion(): string | null {
  try {
    return execFileSync('virt-customize', ['--version'], { encoding: 'utf8' }).trim().split(/\s+/).pop() ?? null;
  } catch {
    return null;
  }
}

const version = installedVersion();
const register = version ? test : process.env['CI'] === 'true' ? test : test.skip;

register('the installed virt-customize picks the mechanism', async (t) => {
  if (!version) return t.fail('virt-customize is missing on this CI host; install guestfs-tools');
  const cache = mkdtempSync(join(tmpdir(), 'rhsm-tool-cache-'));
  t.teardown(() => rmSync(cache, { recursive: true, force: true }));
  const fake = fakeContext({ rhsmUser: 'alice' }, { runner: createRunner(), env: { ...process.env, REJVIZ_RHSM_PASSWORD: PASSWORD, XDG_CACHE_HOME: cache } });
  const hooks = await createHooks();
  rhsmPlugin().apply(hooks);
  const plan = await hooks.planGuest.promise(emptyGuestPlan('virt-customize', null), fake.ctx);
  t.teardown(async () => void (await runCleanups()));
  t.log(`virt-customize ${version}`);
  const expected = toolHas('sm-credentials', version) ? ['sm-credentials', 'sm-register'] : ['run'];
  t.deepEqual(plan.ops.map((o) => o.kind), expected);
  t.regex(argvOf(plan)[1]!, /\/proc\/\d+\/fd\/\d+$/, 'the secret is handed over as an open descriptor');
  assertNoSecret(t, plan, fake);
  t.false(argvOf(plan).join(' ').includes(PASSWORD));
});
