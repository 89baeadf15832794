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

test('a SIGINT to our process stops the running tool', async (t) => {
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const execPath = fileURLToPath(new URL('../src/exec.js', import.meta.url));
  const script = `import { createRunner } from ${JSON.stringify(execPath)};
    createRunner().run('sleep', ['30']).catch((e) => { console.log(e.name); process.exit(e.exitCode); });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  // Wait until the tool really runs (execa loads lazily; on a busy machine that takes a while).
  const { execFileSync } = await import('node:child_process');
  for (let i = 0; i < 100; i++) {
    try {
      execFileSync('pgrep', ['-P', String(child.pid), 'sleep']);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const started = Date.now();
  child.kill('SIGINT');
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  t.is(code, 130);
  t.is(out.trim(), 'InterruptedError');
  t.true(Date.now() - started < 5000, 'sleep 30 was stopped, not waited for');
});

test('a timeout reads as exit code 124', async (t) => {
  const res = await createRunner().run('sleep', ['5'], { timeoutMs: 200, allowFailure: true });
  t.is(res.exitCode, 124);
  const err = await t.throwsAsync(createRunner().run('sleep', ['5'], { timeoutMs: 200 }), { instanceOf: ToolError });
  t.regex(err?.message ?? '', /timed out after 200 ms/);
});
