// Private temporary files: secrets for a wrapped tool (an RHSM password file, a registration
// script) and a seed's files before they become an ISO. One 0700 directory per use under the
// system temp dir, files 0600 created exclusively. The directory's removal is registered
// (cleanup.ts) the moment it exists, so it goes however the run ends: an error in a later step,
// a stop signal.
import { chmod, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './cleanup.js';

export interface PrivateDir {
  path: string;
  /** Removes the directory and everything in it now. */
  remove(): Promise<void>;
}

/** A fresh directory only this user can enter (0700), e.g. createPrivateDir('rejviz-rhsm-'). */
export async function createPrivateDir(prefix: string): Promise<PrivateDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  // Registered with no await after mkdtemp: nothing can come between creating and registering.
  const cleanup = onCleanup(`private directory ${path}`, () => rm(path, { recursive: true, force: true }));
  await chmod(path, 0o700); // mkdtemp already uses 0700; said explicitly, whatever the platform
  return { path, remove: () => cleanup.run() };
}

/** Writes a new file only this user can read (0600) in a private directory; returns its path. */
export async function writePrivateFile(dir: string, name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.chmod(0o600); // the umask may only take bits away; set exactly 0600
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
  return path;
}
