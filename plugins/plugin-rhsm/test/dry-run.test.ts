// --dry-run writes no secret file anywhere: the ops carry a placeholder path, plan.cleanup stays
// empty, and no secret is in any op's argv. TMPDIR is this file's own empty directory.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { argvOf, assertNoSecret, fakeContext, KEY, PASSWORD, planWith } from './fake-context.js';

const tmp = mkdtempSync(join(tmpdir(), 'rhsm-dry-run-'));
process.env['TMPDIR'] = tmp;
test.after.always(() => rmSync(tmp, { recursive: true, force: true }));

const ENV = { REJVIZ_RHSM_PASSWORD: PASSWORD };
const placeholder = (name: string) => join(tmp, 'rejviz-rhsm-XXXXXX', name);

test('1.48.2 login: --sm-credentials with a placeholder path, nothing written', async (t) => {
  const fake = fakeContext({ rhsmUser: 'alice', rhsmAutoAttach: true }, { env: ENV, dryRun: true });
  const plan = await planWith(t, fake, '1.48.2');
  t.deepEqual(argvOf(plan), ['--sm-credentials', `alice:file:${placeholder('password')}`, '--sm-register', '--sm-attach', 'auto']);
  t.deepEqual(plan.cleanup, []);
  t.deepEqual(readdirSync(tmp), []);
  assertNoSecret(t, plan, fake);
});

test('1.56.0 login and activation key: --run with a placeholder path, nothing written', async (t) => {
  for (const options of [{ rhsmUser: 'alice' }, { rhsmOrg: 'acme', rhsmActivationKey: KEY, rhsmPool: 'p1' }]) {
    const fake = fakeContext(options, { env: ENV, dryRun: true });
    const plan = await planWith(t, fake, '1.56.0');
    t.deepEqual(argvOf(plan), ['--run', placeholder('register.sh')]);
    t.deepEqual(plan.cleanup, []);
    assertNoSecret(t, plan, fake);
  }
  t.deepEqual(readdirSync(tmp), []);
});

test('a dry run still checks the input', async (t) => {
  const fake = fakeContext({ rhsmOrg: 'acme' }, { dryRun: true });
  await t.throwsAsync(planWith(t, fake, '1.56.0'), { message: /--rhsm-org 'acme' needs --rhsm-activation-key KEY/ });
});
