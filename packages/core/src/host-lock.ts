// A lock between processes of this host: a file created exclusively (O_EXCL) holding its
// holder's pid. A second process waits, polling, until the file is gone; a lock whose holder is
// dead (killed with SIGKILL) is stale and taken over: moved aside, checked to be the stale one
// (another process may have taken it over and made a fresh lock in between, which is put back),
// removed. The files live in /run/lock/rejviz-UID (a tmpfs that a reboot clears), never in
// TMPDIR, which tests and callers point at private directories.
import { link, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The directory of this user's host locks. */
export function hostLockDir(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return join(existsSync('/run/lock') ? '/run/lock' : tmpdir(), `rejviz-${uid}`);
}

interface Holder {
  pid: number;
  since: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(path: string): Promise<Holder | null> {
  const text = await readFile(path, 'utf8').catch(() => null);
  try {
    return text === null ? null : (JSON.parse(text) as Holder);
  } catch {
    return null; // being written right now: held
  }
}

/** Waits for and takes the lock NAME (a file name); returns its release. */
export async function hostLock(name: string, pollMs = 25): Promise<() => Promise<void>> {
  const dir = hostLockDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, name);
  const me: Holder = { pid: process.pid, since: new Date().toISOString() };
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(JSON.stringify(me)).finally(() => handle.close());
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = await readHolder(path);
    if (holder && !alive(holder.pid)) {
      const aside = `${path}.stale.${process.pid}`;
      if (await rename(path, aside).then(() => true, () => false)) {
        const moved = await readHolder(aside);
        if (moved && (moved.pid !== holder.pid || moved.since !== holder.since)) await link(aside, path).catch(() => undefined);
        await rm(aside, { force: true });
      }
      continue;
    }
    await sleep(pollMs);
  }
  return async () => {
    const holder = await readHolder(path);
    if (holder?.pid === process.pid && holder.since === me.since) await rm(path, { force: true });
  };
}
