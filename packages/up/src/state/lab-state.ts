// The small state of a lab that libvirt cannot hold: the file it came from and the addresses and
// MACs allocated to its machines (kept across re-creation). Mode 0600, written atomically (a
// temporary file in the same directory, fsynced, renamed over the old one), so a crash or a
// signal leaves the old state or the new one, never half of one.
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ERROR_CODES, UsageError } from '@rejviz/core';
import type { AllocatedMachine } from '../allocate.js';
import { labDir } from './lab-paths.js';
import { LOCK_FILE } from './lab-lock.js';

export const STATE_VERSION = 1;

export interface LabState {
  version: typeof STATE_VERSION;
  lab: string;
  /** The lab file's absolute path ('-' when it came from stdin). */
  file: string;
  machines: AllocatedMachine[];
}

const STATE_FILE = 'state.json';

/** The lab's state, or null when it has none (never brought up, or destroyed). */
export async function readLabState(name: string, env: NodeJS.ProcessEnv = process.env): Promise<LabState | null> {
  const path = join(labDir(name, env), STATE_FILE);
  const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (text === null) return null;
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch {
    throw new UsageError(`${path}: the lab's state is not JSON; move it away (rejviz-up then re-plans the lab from libvirt)`, ERROR_CODES.INPUT);
  }
  const s = state as Partial<LabState>;
  if (s.version !== STATE_VERSION || s.lab !== name || !Array.isArray(s.machines)) {
    throw new UsageError(`${path}: not a version ${STATE_VERSION} state of lab '${name}'; move it away (rejviz-up then re-plans the lab from libvirt)`, ERROR_CODES.INPUT);
  }
  return s as LabState;
}

/** Replaces the lab's state atomically. */
export async function writeLabState(state: LabState, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const dir = labDir(state.lab, env);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temporary = join(dir, `.${STATE_FILE}.${process.pid}.tmp`);
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(state, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, join(dir, STATE_FILE));
  } catch (e) {
    await rm(temporary, { force: true });
    throw e;
  }
  // The rename itself survives a crash only once the directory is on disk too.
  const dirHandle = await open(dir, 'r');
  await dirHandle.sync().finally(() => dirHandle.close());
}

/**
 * Removes the lab's state (destroy's last step): everything in its directory but the lab's lock
 * file, which the run holding it (destroy) removes when it lets go, and the directory with it
 * once empty (lab-lock.ts). Removing the lock with the rest would let a waiting run in while
 * destroy still runs its last hooks.
 */
export async function removeLabState(name: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const dir = labDir(name, env);
  for (const entry of await readdir(dir).catch(() => [] as string[])) {
    if (entry !== LOCK_FILE) await rm(join(dir, entry), { recursive: true, force: true });
  }
}
