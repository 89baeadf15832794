// Volume operations on one libvirt storage pool, one at a time within this process: libvirt
// refuses some pool operations while another volume is being built ("pool has asynchronous jobs
// running", "volume is still being allocated"), the race that parallel creations hit in
// vagrant-libvirt and terraform-provider-libvirt. rejviz-up's machines are created in parallel;
// their overlays, extra disks and seed volumes (rejviz-install's library) queue here per pool.

const queues = new Map<string, Promise<unknown>>();

/** Runs `fn` when no other volume operation of this process runs on `pool`. */
export function withPool<T>(pool: string, fn: () => Promise<T>): Promise<T> {
  const before = queues.get(pool) ?? Promise.resolve();
  const run = before.then(fn, fn);
  const settled = run.catch(() => undefined);
  queues.set(pool, settled);
  // The map forgets a pool once its queue is empty.
  void settled.then(() => {
    if (queues.get(pool) === settled) queues.delete(pool);
  });
  return run;
}
