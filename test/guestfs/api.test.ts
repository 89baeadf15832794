// The example of docs/api.md, run as written: a program that builds tiny-centos7 with two NICs and
// peeks at the image through the library alone. It runs from the repository (so @rejviz/* resolve)
// under unshare -n; no rejviz bin may start (every process's argv is sampled), and the two calls
// cost one appliance launch each.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createRunner } from '@rejviz/core';
import { launchCounter } from '../support/appliance-count.js';
import { watchArgv } from '../support/argv-watch.js';
import { hasRepository, REPO_ROOT, testRunDir, toolEnv } from '../support/env.js';
import { testNeeding } from '@rejviz/test-support';

const test = testNeeding([{ tool: 'virt-builder' }, { tool: 'guestfish' }, { tool: 'unshare' }, { check: hasRepository, what: 'fixture repository (fixtures/images/build)' }]);

const doc = readFileSync(join(REPO_ROOT, 'docs/api.md'), 'utf8');
const example = /<!-- api-example:start -->\n```js\n([\s\S]*?)```\n<!-- api-example:end -->/.exec(doc)?.[1] ?? '';

test('docs/api.md: build and peek through the library, no rejviz bin, one appliance launch each', async (t) => {
  t.true(example.includes("from '@rejviz/builder'"), 'the example is found');
  const dir = join(testRunDir(), 'api-example');
  await mkdir(dir, { recursive: true });
  // Inside the repository: Node resolves @rejviz/* from its node_modules.
  const script = join(REPO_ROOT, 'build', `api-example-${process.pid}.mjs`);
  writeFileSync(script, example);
  t.teardown(() => rm(script, { force: true }));
  const counter = await launchCounter(dir);
  // A rejviz bin of this checkout would show its script, under packages/, in its argv.
  // Only this run's processes count (the tag is in their environment), not other tests' on the host.
  const tag = `RJV_ARGV_WATCH=api-${process.pid}`;
  const watch = watchArgv(join(REPO_ROOT, 'packages') + '/', 25, tag);
  const res = await createRunner().run('unshare', ['-n', process.execPath, script], { cwd: dir, env: { ...(await toolEnv()), ...counter.env, RJV_ARGV_WATCH: `api-${process.pid}` }, allowFailure: true });
  const seen = await watch.stop();
  t.is(res.exitCode, 0, res.stderr);
  t.deepEqual(seen.hits, [], 'no rejviz bin ran');
  const out = JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}') as { image: string; macs: string[]; consistent: boolean; configs: string[] };
  t.is(out.image, join(dir, 'vm.img'));
  t.deepEqual(out.macs, ['52:54:00:aa:00:01', '52:54:00:aa:00:02']);
  t.true(out.consistent);
  t.deepEqual(out.configs, ['ifcfg 52:54:00:aa:00:01', 'ifcfg 52:54:00:aa:00:02']);
  t.is(await counter.count(), 2, 'build: one launch; peek: one launch');
});
