// One lock per lab: two rejviz-up runs on the same lab never interleave their changes. The lock
// is a file created exclusively (O_EXCL) in the lab's state directory, holding who has it; a
// second run fails naming the holder, or waits for it with `wait`. A lock whose process is gone
// (killed with SIGKILL, the machine rebooted) is stale and taken over. The lock is released
// through core's clean-up, so an exception or a stop signal releases it too.
import { hostname } from 'node:os';
import { link, mkdir, open, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ERROR_CODES, onCleanup, UsageError } from '@rejviz/core';
import { labDir } from './lab-paths.js';

/** Who holds a lab's lock. */
export interface LockHolder {
  pid: number;
  host: string;
  /** What the holder is doing, e.g. "rejviz-up destroy". */
  command: string;
  /** ISO time the lock was taken. */
  since: string;
}

export interface LockOptions {
  /** Wait for the holder instead of failing. */
  wait?: boolean;
  /** Told once when waiting starts. */
  notice?: (line: string) => void;
  command?: string;
  env?: NodeJS.ProcessEnv;
  /** How often a waiting run looks again (ms). */
  pollMs?: number;
}

/** A held lock; release() is idempotent. */
export interface LabLock {
  release(): Promise<void>;
}

export const LOCK_FILE = 'lock';

/** Takes the lab's lock, or fails (or waits) while another live run holds it. */
export async function lockLab(name: string, options: LockOptions = {}): Promise<LabLock> {
  return lockFileIn(labDir(name, options.env), `lab '${name}'`, options);
}

/** Takes the lock file of directory DIR (what: "lab 'web'", for messages); as lockLab. */
export async function lockFileIn(dir: string, what: string, options: LockOptions = {}): Promise<LabLock> {
  await makeDir(dir);
  const path = join(dir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), command: options.command ?? 'rejviz-up', since: new Date().toISOString() };
  let told = false;
  for (;;) {
    if (await tryCreate(path, me)) break;
    const holder = await readHolder(path);
    if (holder && !isAlive(holder)) {
      await takeOverStale(path, holder);
      continue;
    }
    if (!options.wait) {
      throw new UsageError(`${what} is locked by ${describeHolder(holder)}; wait for it to finish, or run again with --wait`, ERROR_CODES.CONFLICT);
    }
    if (!told) {
      options.notice?.(`waiting for ${what}: locked by ${describeHolder(holder)}`);
      told = true;
    }
    await sleep(options.pollMs ?? 200);
  }
  const cleanup = onCleanup(`the lock of ${what}`, () => releaseIfOurs(path));
  return { release: () => cleanup.run() };
}

/**
 * mkdir -p, again when the directory vanished under it: the last holder's release removes an
 * empty lock directory (releaseIfOurs), and mkdir -p fails with ENOENT when the directory it
 * found goes before it has checked it.
 */
async function makeDir(dir: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 5) throw e;
    }
  }
}

async function tryCreate(path: string, me: LockHolder): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(`${JSON.stringify(me)}\n`).finally(() => handle.close());
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      // The directory went with its last holder's release (a destroyed lab's): made again.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' && attempt < 3) {
        await makeDir(dirname(path));
        continue;
      }
      throw e;
    }
  }
}

async function readHolder(path: string): Promise<LockHolder | null> {
  const text = await readFile(path, 'utf8').catch(() => null);
  try {
    return text === null ? null : (JSON.parse(text) as LockHolder);
  } catch {
    // Being written this very moment (created, not yet filled): treat as held and look again.
    return null;
  }
}

/** Whether the holder's process still runs (on another host we cannot tell, so it counts as alive). */
export function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeHolder(holder: LockHolder | null): string {
  if (!holder) return 'another run (it is just starting)';
  return `${holder.command} (pid ${holder.pid} on ${holder.host}, since ${holder.since})`;
}

// Moves the stale lock aside and checks that what moved is the stale one: another run may have
// taken it over and made a fresh lock in between, which is put back (link never replaces a file)
// instead of deleted.
async function takeOverStale(path: string, stale: LockHolder): Promise<void> {
  const aside = `${path}.stale.${process.pid}`;
  try {
    await rename(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const moved = await readHolder(aside);
  if (moved && (moved.pid !== stale.pid || moved.since !== stale.since)) await link(aside, path).catch(() => undefined);
  await rm(aside, { force: true });
}

async function releaseIfOurs(path: string): Promise<void> {
  const holder = await readHolder(path);
  if (holder && holder.pid === process.pid && holder.host === hostname()) {
    await rm(path, { force: true });
    // A directory left empty (a destroyed lab's state, lab-state.ts) goes too; one that holds
    // anything, or a waiting run's new lock, stays.
    await rmdir(dirname(path)).catch(() => undefined);
  }
}
