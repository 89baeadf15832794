// Where the seed volume goes: the storage pool whose directory holds the domain's first disk, so
// `virsh undefine --remove-all-storage` removes it with the disk; else --seed-pool, else 'default'.
import { dirname } from 'node:path';
import { optionKey, UsageError, virshQuery, virshWord, type InstallContext } from '@rejviz/core';

/** The target path of every pool, read in two virsh processes. */
async function poolTargets(ctx: InstallContext): Promise<Map<string, string | null>> {
  const names = (await virshQuery(ctx.runner, ctx.connection, ['pool-list', '--all', '--name'])).stdout
    .split('\n').map((l) => l.trim()).filter(Boolean);
  const targets = new Map<string, string | null>(names.map((n) => [n, null]));
  if (names.length === 0) return targets;
  const xml = (await virshQuery(ctx.runner, ctx.connection, [names.map((n) => `pool-dumpxml ${virshWord(n)}`).join('; ')], { allowFailure: true })).stdout;
  for (const doc of xml.matchAll(/<pool[\s>][\s\S]*?<\/pool>/g)) {
    const name = /<name>([^<]*)<\/name>/.exec(doc[0])?.[1];
    const path = /<target>[\s\S]*?<path>([^<]*)<\/path>/.exec(doc[0])?.[1];
    if (name !== undefined) targets.set(name, path ?? null);
  }
  return targets;
}

/** The pool for the seed, and a notice when it is not the disk's own. */
export async function seedPool(ctx: InstallContext): Promise<{ pool: string; notice: string | null }> {
  const asked = ctx.options[optionKey({ name: '--seed-pool' })] as string | undefined;
  const targets = await poolTargets(ctx);
  const known = () => (targets.size > 0 ? `pools: ${[...targets.keys()].join(', ')}` : 'no storage pool is defined');
  if (asked !== undefined) {
    if (!targets.has(asked)) throw new UsageError(`--seed-pool ${asked}: no such storage pool (${known()}); name one or define it with virsh pool-define-as`);
    return { pool: asked, notice: null };
  }
  const disk = ctx.disks[0];
  if (disk !== undefined) {
    const dir = dirname(disk.path);
    for (const [name, path] of targets) if (path === dir) return { pool: name, notice: null };
  }
  if (targets.has('default')) {
    const where = disk === undefined ? 'there is no --disk' : `${dirname(disk.path)} is in no storage pool`;
    return { pool: 'default', notice: `the cloud-init seed goes to storage pool 'default' (${where}); choose with --seed-pool` };
  }
  throw new UsageError(`--cloud-init: the disk is in no storage pool and there is no 'default' pool (${known()}); pass --seed-pool POOL`);
}
