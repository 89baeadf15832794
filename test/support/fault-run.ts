// One rejviz run of the fault suite, started in the background so a test can deliver a signal at
// a known phase: under `unshare -n` like every test run, with its own TMPDIR (secrets, seed files
// and probe dirs land there, so "nothing left" is "that directory is empty"), and a marker in its
// environment that every process it starts inherits, so leftovers are found even once orphaned.
import { processesWithEnv } from '@rejviz/core';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT, testRunDir, toolEnv } from './env.js';
import { binScript } from './rejviz.js';

const MARK = 'REJVIZ_FAULT_MARK';

export interface FaultRun {
  /** The run's private TMPDIR. */
  tmp: string;
  stdout(): string;
  stderr(): string;
  /** The exit code (null: ended by a signal, which rejviz must never be). */
  exit: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  /** Live processes this run started (rejviz itself excluded once it exited). */
  leftovers(): Promise<number[]>;
}

/** Starts a rejviz bin in the background. */
export async function startRun(bin: string, args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): Promise<FaultRun> {
  const tmp = mkdtempSync(join(testRunDir(), 'fault-tmp-'));
  const mark = randomBytes(6).toString('hex');
  const child = spawn('unshare', ['-n', process.execPath, join(REPO_ROOT, binScript(bin)), ...args], {
    // The appliance cache stays where the tests' libguestfs keeps it, not in the private TMPDIR.
    env: { ...process.env, ...(await toolEnv()), LIBGUESTFS_CACHEDIR: process.env.LIBGUESTFS_CACHEDIR ?? '/var/tmp', TMPDIR: tmp, [MARK]: mark, ...opts.env },
    cwd: opts.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    tmp, stdout: () => out, stderr: () => err, exit,
    kill: (signal) => child.kill(signal),
    leftovers: () => processesWithEnv(MARK, mark),
  };
}

/** Waits for `ready` to hold: polls every 50 ms, fails after `ms` naming `what`. */
export async function waitUntil(ready: () => boolean | Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await ready()) return;
    await sleep(50);
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

/** Waits for the run to print the failpoint line (it then waits there for a signal). */
export function atFailpoint(run: FaultRun, name: string): Promise<void> {
  return waitUntil(() => run.stderr().includes(`rejviz-failpoint: ${name}\n`), `failpoint ${name}; stderr so far: ${run.stderr()}`);
}

/** Waits for a fake tool's ready file. */
export function toolReady(file: string): Promise<void> {
  return waitUntil(() => existsSync(file), `the fake tool to start (${file})`);
}

/** The entries of a directory (empty when it is gone). */
export function entries(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

// ava starts every test of a file at once; a few dozen rejviz runs at once on 2 cores only make
// each slow. Runs of the suite take one of a few slots.
const SLOTS = 4;
let busy = 0;
const queue: (() => void)[] = [];

/** Runs `fn` when one of the suite's slots is free. */
export async function inSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (busy >= SLOTS) await new Promise<void>((resolve) => queue.push(resolve));
  busy++;
  try {
    return await fn();
  } finally {
    busy--;
    queue.shift()?.();
  }
}
