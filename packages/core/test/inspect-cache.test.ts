// inspectGuest and cachedGuestFacts with a fake Runner that replays recorded guestfish output:
// one guestfish per inspection, and no inspection at all for an unchanged image.

import test from 'ava';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../src/errors.js';
import type { Runner, RunOptions, RunResult } from '../src/exec.js';
import { cachedGuestFacts, inspectGuest } from '../src/inspect/inspect-guest.js';
import { parseProbes } from '../src/inspect/parse-probes.js';
import { probeScript } from '../src/inspect/probe-script.js';
import { recordedProbe } from './inspect-fixtures.js';
import { scratchDir, type Teardown } from '@rejviz/test-support';

interface Call {
  file: string;
  args: readonly string[];
  options: RunOptions;
}

function replayRunner(stdout: string): Runner & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    dryRun: false, history: [], calls,
    async run(file, args, options = {}) {
      calls.push({ file, args, options });
      const result: RunResult = { command: file, exitCode: 0, stdout, stderr: '', durationMs: 0, skipped: false };
      return result;
    },
  };
}

async function scratch(t: Teardown): Promise<{ image: string; env: NodeJS.ProcessEnv }> {
  const dir = await scratchDir(t, 'rjv-guest-facts-');
  const image = join(dir, 'disk.raw');
  await writeFile(image, 'not really a disk');
  return { image, env: { XDG_CACHE_HOME: join(dir, 'cache') } };
}

test('inspectGuest runs one read-only guestfish with the probe script and parses its answers', async (t) => {
  const runner = replayRunner(recordedProbe('debian-12'));
  const facts = await inspectGuest(runner, [{ path: '/img/a.raw', format: 'raw' }, { path: '/img/b.qcow2' }], {});
  t.deepEqual(facts, parseProbes(recordedProbe('debian-12')));
  t.is(runner.calls.length, 1);
  const call = runner.calls[0];
  t.is(call?.file, 'guestfish');
  // --format sticks to every later -a: a bare --format puts the second disk back on autodetection.
  t.deepEqual(call?.args, ['--ro', '--format=raw', '-a', '/img/a.raw', '--format', '-a', '/img/b.qcow2']);
  t.is(call?.options.input, probeScript());
  t.true(call?.options.readOnly);
  t.regex(call?.options.env?.REJVIZ_PROBE_DIR ?? '', /rejviz-probe-/);
});

test('no operating system → UsageError naming the image', async (t) => {
  const runner = replayRunner('@@rejviz@@ roots\n@@rejviz@@ artifacts\n@@rejviz@@ end\n');
  await t.throwsAsync(inspectGuest(runner, [{ path: '/img/blank.raw' }], {}), {
    instanceOf: UsageError,
    message: /^no operating system found in \/img\/blank\.raw; /,
  });
});

test('an unchanged image is inspected once; a new mtime inspects it again', async (t) => {
  const { image, env } = await scratch(t);
  const runner = replayRunner(recordedProbe('tiny-centos7'));
  const first = await cachedGuestFacts(runner, [{ path: image, format: 'raw' }], env);
  const second = await cachedGuestFacts(runner, [{ path: image, format: 'raw' }], env);
  t.false(first.cached);
  t.true(second.cached);
  t.deepEqual(second.facts, first.facts);
  t.is(runner.calls.length, 1);

  const later = new Date(Date.now() + 5000);
  await utimes(image, later, later);
  const third = await cachedGuestFacts(runner, [{ path: image, format: 'raw' }], env);
  t.false(third.cached);
  t.is(runner.calls.length, 2);
  t.true(runner.calls.every((c) => c.file === 'guestfish'));
  const file = JSON.parse(await readFile(join(env.XDG_CACHE_HOME ?? '', 'rejviz', 'guest-facts.json'), 'utf8')) as object;
  t.is(Object.keys(file).length, 2);
});

test('a guest with no OS is not cached: the next lookup asks guestfish again', async (t) => {
  const { image, env } = await scratch(t);
  const runner = replayRunner('@@rejviz@@ roots\n@@rejviz@@ end\n');
  await t.throwsAsync(cachedGuestFacts(runner, [{ path: image }], env), { instanceOf: UsageError });
  await t.throwsAsync(cachedGuestFacts(runner, [{ path: image }], env), { instanceOf: UsageError });
  t.is(runner.calls.length, 2);
});

test('a missing image is a UsageError before anything runs', async (t) => {
  const { env } = await scratch(t);
  const runner = replayRunner('');
  await t.throwsAsync(cachedGuestFacts(runner, [{ path: '/nonexistent/disk.raw' }], env), {
    instanceOf: UsageError,
    message: 'cannot read disk image /nonexistent/disk.raw: ENOENT',
  });
  t.is(runner.calls.length, 0);
});
