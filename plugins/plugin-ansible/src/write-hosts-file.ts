// Writes /etc/hosts so that no reader ever sees half a file: the new text goes to a temporary file
// in the same directory, which then replaces the old by rename(2) (atomic within a file system).

import { createHash, randomBytes } from 'node:crypto';
import { open, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { hostLock } from '@rejviz/core';
import { updateHostsFile } from './etc-hosts.js';

function errno(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException).code;
}

/** Replaces the file at `path` with `data` atomically, keeping its mode (and owner, as root). */
export async function writeHostsFile(path: string, data: string | Uint8Array): Promise<void> {
  // Through a symbolic link (/etc/hosts is one on some systems) the link stays and its target changes.
  const target = await realpath(path).catch((err: unknown) => (errno(err) === 'ENOENT' ? path : Promise.reject(err)));
  const old = await stat(target).catch((err: unknown) => (errno(err) === 'ENOENT' ? undefined : Promise.reject(err)));
  const mode = old === undefined ? 0o644 : old.mode & 0o7777;
  const temp = join(dirname(target), `.${basename(target)}.rejviz-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.chmod(mode); // open's mode went through the umask
      if (old !== undefined && process.getuid?.() === 0) await handle.chown(old.uid, old.gid);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target).catch(async (err: unknown) => {
      // A file bind-mounted over (a container's /etc/hosts) cannot be renamed over: EBUSY. It is
      // then rewritten in place, not atomically, which is all such a file allows.
      if (errno(err) !== 'EBUSY') throw err;
      await writeFile(target, data);
    });
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * Puts the lab's block with `lines` into the hosts file at `path` (no lines: takes it out) and
 * writes the file only when that changes it. True when it was written.
 */
export async function applyLabHostsBlock(path: string, lab: string, lines: readonly string[]): Promise<boolean> {
  // Two runs bringing up two labs at once would each write the file as read before the other's
  // block: one block would be lost. Runs take turns on each file.
  const release = await hostLock(`hosts-file-${createHash('sha256').update(resolve(path)).digest('hex').slice(0, 16)}.lock`);
  try {
    // Latin-1 maps each byte to one character and back: bytes that are not UTF-8 survive as they were.
    const text = await readFile(path, 'latin1').catch((err: unknown) => (errno(err) === 'ENOENT' ? '' : Promise.reject(err)));
    const updated = updateHostsFile(text, lab, lines);
    if (updated === text) return false;
    await writeHostsFile(path, Buffer.from(updated, 'latin1'));
    return true;
  } finally {
    await release();
  }
}
