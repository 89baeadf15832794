// One download per image at a time, across processes: two rejviz-up runs that want the same image
// take turns (core's host lock); the second then finds the first's entry in the cache. Keyed by
// cache directory and URL, so that two caches (two users, two tests) never wait on each other.
import { createHash } from 'node:crypto';
import { hostLock } from '@rejviz/core';

/** Waits for and takes the lock of `url` in cache `root`; returns its release. */
export function lockImage(root: string, url: string): Promise<() => Promise<void>> {
  const id = createHash('sha256').update(`${root}\n${url}`).digest('hex').slice(0, 24);
  return hostLock(`image-${id}.lock`);
}
