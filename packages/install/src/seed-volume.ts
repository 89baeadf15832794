// Writes a planned NoCloud seed as an ISO 9660 volume labelled cidata with whichever real tool is
// installed, and stores it as a volume of the planned pool. The files live in a private temporary
// directory that is removed however the run ends; the volume's removal is registered (core's
// cleanup registry) the moment it exists, so a failed or interrupted install leaves none.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createPrivateDir, onCleanup, onPath, ToolMissingError, withPool, writePrivateFile, type Cleanup, type Runner, type SeedPlan } from '@rejviz/core';

/** The ISO writers rejviz knows, in the order it prefers them, with their argv for `iso` and `files`. */
const WRITERS: { tool: string; args(iso: string, dir: string, names: string[]): string[]; only?: readonly string[] }[] = [
  { tool: 'genisoimage', args: (iso, dir, names) => ['-quiet', '-output', iso, '-volid', 'cidata', '-joliet', '-rock', ...names.map((n) => join(dir, n))] },
  { tool: 'xorriso', args: (iso, dir, names) => ['-as', 'mkisofs', '-quiet', '-o', iso, '-V', 'cidata', '-J', '-R', ...names.map((n) => join(dir, n))] },
  {
    tool: 'cloud-localds',
    args: (iso, dir, names) => [...(names.includes('network-config') ? ['-N', join(dir, 'network-config')] : []), iso, join(dir, 'user-data'), join(dir, 'meta-data')],
    // It writes these three and no other (rejviz's first-boot files would be left out).
    only: ['meta-data', 'user-data', 'network-config'],
  },
];

async function findWriter(env: NodeJS.ProcessEnv, names: readonly string[] = []): Promise<(typeof WRITERS)[number]> {
  for (const writer of WRITERS) {
    if (writer.only && names.some((n) => !writer.only!.includes(n))) continue;
    if ((await onPath(writer.tool, env)) !== null) return writer;
  }
  throw new ToolMissingError('genisoimage', 'apt-get install genisoimage (or xorriso, or cloud-image-utils)');
}

/** The ISO writer that will be used (for --dry-run), or null when none is installed. */
export async function seedWriterName(env: NodeJS.ProcessEnv, names: readonly string[] = []): Promise<string | null> {
  return findWriter(env, names).then((w) => w.tool, () => null);
}

/** Creates the seed volume; the returned cleanup deletes it (dismiss it once the domain uses it). */
export async function createSeedVolume(runner: Runner, virshConnect: readonly string[], seed: SeedPlan, env: NodeJS.ProcessEnv): Promise<Cleanup> {
  const writer = await findWriter(env, seed.files.map((f) => f.name));
  const dir = await createPrivateDir('rejviz-seed-');
  try {
    for (const file of seed.files) await writePrivateFile(dir.path, file.name, file.content);
    const iso = join(dir.path, 'seed.iso');
    await runner.run(writer.tool, writer.args(iso, dir.path, seed.files.map((f) => f.name)));
    const size = (await stat(iso)).size;
    // One volume operation at a time per pool in this process (core's withPool): rejviz-up
    // installs its machines in parallel.
    return await withPool(seed.pool, async () => {
      // Not cut in half by a signal: once libvirt has made the volume, its removal is registered.
      await runner.run('virsh', [...virshConnect, 'vol-create-as', seed.pool, seed.volume, String(size), '--format', 'raw'], { onStop: 'finish' });
      const volume = onCleanup(`seed volume ${seed.pool}/${seed.volume}`, async () => {
        await runner.run('virsh', [...virshConnect, 'vol-delete', '--pool', seed.pool, seed.volume], { allowFailure: true, onStop: 'undo' });
      });
      try {
        await runner.run('virsh', [...virshConnect, 'vol-upload', '--pool', seed.pool, seed.volume, iso]);
      } catch (err) {
        await volume.run();
        throw err;
      }
      return volume;
    });
  } finally {
    await dir.remove();
  }
}
