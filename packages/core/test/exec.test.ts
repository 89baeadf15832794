import test from 'ava';
import { createRunner } from '../src/exec.js';
import { ToolError, ToolMissingError } from '../src/errors.js';

test('runs a program with argv (no shell) and captures its output', async (t) => {
  const res = await createRunner().run('printf', ['%s', 'a;b $x']);
  t.is(res.stdout, 'a;b $x');
  t.is(res.exitCode, 0);
  t.is(res.command, `printf %s 'a;b $x'`);
  t.false(res.skipped);
});

test('dry-run records the command and runs nothing', async (t) => {
  const runner = createRunner({ dryRun: true });
  const res = await runner.run('sh', ['-c', 'exit 7']);
  t.true(res.skipped);
  t.is(runner.history.length, 1);
  t.is(runner.history[0]?.command, `sh -c 'exit 7'`);
});

test('dry-run still runs read-only queries', async (t) => {
  const res = await createRunner({ dryRun: true }).run('echo', ['hi'], { readOnly: true });
  t.false(res.skipped);
  t.is(res.stdout, 'hi\n');
});

test('a failing tool becomes a ToolError carrying its exit code and stderr tail', async (t) => {
  const err = await t.throwsAsync(createRunner().run('sh', ['-c', 'echo boom >&2; exit 42']), { instanceOf: ToolError });
  t.is(err?.exitCode, 42);
  t.is(err?.stderrTail, 'boom');
  t.regex(err?.message ?? '', /sh failed with exit code 42: sh -c 'echo boom >&2; exit 42'/);
});

test('allowFailure returns the exit code instead of throwing', async (t) => {
  const res = await createRunner().run('sh', ['-c', 'exit 3'], { allowFailure: true });
  t.is(res.exitCode, 3);
});

test('a missing program is a ToolMissingError (exit 2) with the install hint', async (t) => {
  const err = await t.throwsAsync(
    createRunner().run('rejviz-no-such-tool', [], { installHint: 'apt-get install nothing' }),
    { instanceOf: ToolMissingError },
  );
  t.is(err?.exitCode, 2);
  t.regex(err?.message ?? '', /rejviz-no-such-tool is not installed.*apt-get install nothing/);
});

test('env additions reach the child', async (t) => {
  const res = await createRunner({ env: { A: '1' } }).run('sh', ['-c', 'echo $A$B'], { env: { B: '2' } });
  t.is(res.stdout, '12\n');
});

test('a timeout reads as exit code 124', async (t) => {
  const res = await createRunner().run('sleep', ['5'], { timeoutMs: 200, allowFailure: true });
  t.is(res.exitCode, 124);
  const err = await t.throwsAsync(createRunner().run('sleep', ['5'], { timeoutMs: 200 }), { instanceOf: ToolError });
  t.regex(err?.message ?? '', /timed out after 200 ms/);
});

test('a tool killed by a signal gives 128 + its number (SIGSEGV 139, SIGKILL 137, SIGHUP 129)', async (t) => {
  for (const [signal, code] of [['SEGV', 139], ['KILL', 137], ['HUP', 129], ['USR1', 138], ['ABRT', 134]] as const) {
    const res = await createRunner().run('sh', ['-c', `kill -${signal} $$`], { allowFailure: true });
    t.is(res.exitCode, code, signal);
  }
});

test('every program started gets the run id, which its own children inherit', async (t) => {
  const { RUN_ID, RUN_ID_ENV } = await import('../src/leftover-processes.js');
  const res = await createRunner().run('sh', ['-c', `sh -c 'echo $${RUN_ID_ENV}'`]);
  t.is(res.stdout.trim(), RUN_ID);
});
