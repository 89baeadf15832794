// A cache entry fit for use: present, and (unless told not to check) its image still has the
// digest recorded when it was stored. A damaged one is discarded with a message, so that the
// caller fetches it again (or, offline, says it cannot).
// Hashing a cached image costs a read of it and CPU at every use (every online `rejviz-up` of a
// lab): 0.45 s of SHA-512 for 330 MiB from the page cache on our machines. So a check that found the digest right records the file as stat
// saw it (cache-record.ts's `checked`), and a file that stat still sees the same (inode, size,
// mtime and ctime: nothing wrote to it through the file system since) is not hashed again. Like
// git's index, a record is trusted only when the check came clearly after the file's last change:
// a write within the file system's timestamp granularity of that change could leave both times
// unchanged.
import { stat } from 'node:fs/promises';
import { formatDigest, sameDigest } from '../digest.js';
import { hashFile } from '../hash-file.js';
import type { PullContext } from '../pull-context.js';
import type { FileIdentity } from './cache-record.js';
import { discardEntry, readEntry, rewriteRecord, type CacheEntry } from './cache-store.js';

// More than any file system's timestamp granularity (ext4 and xfs: a kernel tick; some: 1 s).
const RACY_MS = 2000;

async function identity(path: string): Promise<FileIdentity | null> {
  const st = await stat(path).catch(() => null);
  return st && { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, at: Date.now() };
}

/** Whether `now` is the file `checked` recorded, checked clearly after the file last changed. */
function unchanged(checked: FileIdentity | undefined, now: FileIdentity | null): boolean {
  return checked !== undefined && now !== null && checked.ino === now.ino && checked.size === now.size
    && checked.mtimeMs === now.mtimeMs && checked.ctimeMs === now.ctimeMs && checked.at - Math.max(now.mtimeMs, now.ctimeMs) > RACY_MS;
}

/** Entry `key` when it is intact; null when absent or discarded as damaged. */
export async function usableEntry(ctx: PullContext, key: string, label: string): Promise<CacheEntry | null> {
  const entry = await readEntry(ctx.cacheDir, key);
  if (entry === null || !ctx.checkCached) return entry;
  const before = await identity(entry.image);
  if (unchanged(entry.record.checked, before)) return entry;
  ctx.progress?.update({ label, phase: 'check', received: 0, total: null });
  const actual = await hashFile(entry.image, entry.record.imageDigest.algorithm).catch(() => null);
  if (actual !== null && sameDigest(actual, entry.record.imageDigest)) {
    // Recorded only when the file did not change while it was hashed; a cache that cannot be
    // written (read-only, another user's) is checked again next time.
    const after = await identity(entry.image);
    if (before === null || after === null || after.mtimeMs !== before.mtimeMs || after.ctimeMs !== before.ctimeMs) return entry;
    const record = { ...entry.record, checked: { ...before, at: after.at } };
    return rewriteRecord(entry, record).then(() => ({ ...entry, record }), () => entry);
  }
  await discardEntry(ctx.cacheDir, key);
  const again = ctx.offline ? 'run without --offline to fetch it again' : 'fetching it again';
  ctx.notice(`the cached image of ${label} (${entry.dir}) no longer has its digest ${formatDigest(entry.record.imageDigest)}; discarded it, ${again}`);
  return null;
}
