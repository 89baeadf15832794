// INT, TERM, HUP and QUIT end a run through its clean-up: the running tool and everything it
// started are stopped, registered undos run, and the exit code is 128 + the signal's number.
// Each case runs a real process (fixtures/stop/run-tool.mjs) and waits for a real sign of
// readiness before it sends the signal: the tool wrote its ready file, or the failpoint line.
import test from 'ava';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { signalExitCode } from '../src/signal-exit-code.js';

const TOOL = fileURLToPath(new URL('../../test/fixtures/stop/run-tool.mjs', import.meta.url));
const CORE_INDEX = fileURLToPath(new URL('../src/index.js', import.meta.url));

// Every case's directory, removed once the file's tests are done (the processes are gone by then).
const made: string[] = [];
test.after.always(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

interface Started {
  dir: string;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

function start(script: string, env: Record<string, string> = {}): Started {
  const dir = tempDir('rejviz-stop-');
  const child = spawn(process.execPath, [TOOL], {
    env: { ...process.env, CORE_INDEX, UNDO_MARKER: join(dir, 'marker'), SCRIPT: script, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { dir, stdout: () => out, stderr: () => err, exit, kill: (s) => child.kill(s) };
}

/** Waits for `ready` to hold (bounded; fails the test with `what` when it never does). */
async function waitFor(ready: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (ready()) return;
    await sleep(50);
  }
  throw new Error(`never happened: ${what}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie still answers kill 0; its state in /proc/PID/stat says Z.
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

// The tool leaves a grandchild behind (sleep in the background) and then waits: a forwarded signal
// ends the shell, but only the run id finds the orphaned sleep.
const TOOL_SCRIPT = 'sleep 300 & echo $! > "$DIR/grandchild"; echo ready > "$DIR/ready"; wait';

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const) {
  test(`${signal} while a tool runs: tool and grandchild stopped, undo run, exit ${signalExitCode(signal)}`, async (t) => {
    const dir = tempDir('rejviz-stop-tool-');
    const run = start(TOOL_SCRIPT, { DIR: dir });
    await waitFor(() => existsSync(join(dir, 'ready')), 'the tool started');
    const grandchild = Number(readFileSync(join(dir, 'grandchild'), 'utf8'));
    t.true(alive(grandchild));
    // No time limit is asserted (a busy machine is slow): a tool that were not stopped would keep
    // the run waiting for its 300 s sleep, and the test would time out.
    run.kill(signal);
    t.is(await run.exit, signalExitCode(signal), run.stderr());
    t.is(run.stdout().trim(), `InterruptedError ${signal}`);
    t.false(existsSync(join(run.dir, 'marker')), 'the registered undo ran');
    t.false(alive(grandchild), 'the tool\'s own child was stopped too');
  });
}

test('a signal before the tool starts: the tool never starts, the undo runs', async (t) => {
  const dir = tempDir('rejviz-stop-early-');
  const run = start('echo started > "$DIR/started"', { DIR: dir, WAIT_FAILPOINT: 'planned', REJVIZ_FAILPOINT: 'planned' });
  await waitFor(() => run.stderr().includes('rejviz-failpoint: planned'), 'the failpoint was reached');
  run.kill('SIGTERM');
  t.is(await run.exit, 143);
  t.is(run.stdout().trim(), 'InterruptedError SIGTERM');
  t.false(existsSync(join(dir, 'started')), 'the tool was not started after the signal');
  t.false(existsSync(join(run.dir, 'marker')));
});

test('without the failpoint variable a checkpoint does not wait', async (t) => {
  const run = start('true', { WAIT_FAILPOINT: 'planned' });
  t.is(await run.exit, 0, run.stderr());
  t.is(run.stdout().trim(), 'finished');
  t.false(existsSync(join(run.dir, 'marker')));
});

test('a tool that ignores the forwarded signal is ended by a second one (SIGKILL)', async (t) => {
  const dir = tempDir('rejviz-stop-stubborn-');
  const run = start(`trap '' INT TERM; echo ready > "$DIR/ready"; while :; do sleep 0.2; done`, { DIR: dir });
  await waitFor(() => existsSync(join(dir, 'ready')), 'the tool started');
  run.kill('SIGTERM');
  await sleep(300);
  run.kill('SIGTERM');
  t.is(await run.exit, 143);
  t.is(run.stdout().trim(), 'InterruptedError SIGTERM');
});

test('a tool that takes its time to clean up after the forwarded signal is given it (more than execa\'s 5 s)', async (t) => {
  // As virt-builder stopped while its appliance boots: it answers SIGTERM only when the launch
  // returns, then removes its temporary image. Killed at 5 s, it had left the file behind.
  const dir = tempDir('rejviz-stop-slow-');
  const run = start(`trap 'sleep 6; rm -f "$DIR/temporary"; exit 143' TERM; touch "$DIR/temporary"; echo ready > "$DIR/ready"; while :; do sleep 0.2; done`, { DIR: dir });
  await waitFor(() => existsSync(join(dir, 'ready')), 'the tool started');
  run.kill('SIGTERM');
  t.is(await run.exit, 143, run.stderr());
  t.false(existsSync(join(dir, 'temporary')), "the tool's own clean-up ran");
});
