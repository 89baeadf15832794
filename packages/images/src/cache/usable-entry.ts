// A cache entry fit for use: present, and (unless told not to check) its image still has the
// digest recorded when it was stored. A damaged one is discarded with a message, so that the
// caller fetches it again (or, offline, says it cannot).
import { formatDigest, sameDigest } from '../digest.js';
import { hashFile } from '../hash-file.js';
import type { PullContext } from '../pull-context.js';
import { discardEntry, readEntry, type CacheEntry } from './cache-store.js';

/** Entry `key` when it is intact; null when absent or discarded as damaged. */
export async function usableEntry(ctx: PullContext, key: string, label: string): Promise<CacheEntry | null> {
  const entry = await readEntry(ctx.cacheDir, key);
  if (entry === null || !ctx.checkCached) return entry;
  ctx.progress?.update({ label, phase: 'check', received: 0, total: null });
  const actual = await hashFile(entry.image, entry.record.imageDigest.algorithm).catch(() => null);
  if (actual !== null && sameDigest(actual, entry.record.imageDigest)) return entry;
  await discardEntry(ctx.cacheDir, key);
  const again = ctx.offline ? 'run without --offline to fetch it again' : 'fetching it again';
  ctx.notice(`the cached image of ${label} (${entry.dir}) no longer has its digest ${formatDigest(entry.record.imageDigest)}; discarded it, ${again}`);
  return null;
}
