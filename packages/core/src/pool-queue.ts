// Volume operations on one libvirt storage pool, one at a time on this host: libvirt
// refuses some pool operations while another volume is being built ("pool has asynchronous jobs
// running", "volume is still being allocated"), the race that parallel creations hit in
// vagrant-libvirt and terraform-provider-libvirt. rejviz-up's machines are created in parallel;
// their overlays, extra disks and seed volumes (rejviz-install's library) queue here per pool,
// first within this process (a promise chain), then between processes (a host lock per pool
// name, host-lock.ts), so two rejviz-up or rejviz-install runs on one pool take turns too.
import { createHash } from 'node:crypto';
import { hostLock } from './host-lock.js';

const queues = new Map<string, Promise<unknown>>();

/** Runs `fn` when no other volume operation of this host's rejviz runs on `pool`. */
export function withPool<T>(pool: string, fn: () => Promise<T>): Promise<T> {
  const before = queues.get(pool) ?? Promise.resolve();
  const locked = async () => {
    // Pools of the same name on two connections share a lock: they only take turns needlessly.
    const release = await hostLock(`pool-${createHash('sha256').update(pool).digest('hex').slice(0, 16)}.lock`);
    try {
      return await fn();
    } finally {
      await release();
    }
  };
  const run = before.then(locked, locked);
  const settled = run.catch(() => undefined);
  queues.set(pool, settled);
  // The map forgets a pool once its queue is empty.
  void settled.then(() => {
    if (queues.get(pool) === settled) queues.delete(pool);
  });
  return run;
}
