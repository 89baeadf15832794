// Writes a planned NoCloud seed as an ISO 9660 volume labelled cidata with whichever real tool is
// installed, and stores it as a volume of the planned pool. The files live in a private temporary
// directory that is removed however the run ends; the volume is removed again if the install fails.
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onPath, ToolMissingError, type Runner, type SeedPlan } from '@rejviz/core';

/** The ISO writers rejviz knows, in the order it prefers them, with their argv for `iso` and `files`. */
const WRITERS: { tool: string; args(iso: string, dir: string, names: string[]): string[] }[] = [
  { tool: 'genisoimage', args: (iso, dir, names) => ['-quiet', '-output', iso, '-volid', 'cidata', '-joliet', '-rock', ...names.map((n) => join(dir, n))] },
  { tool: 'xorriso', args: (iso, dir, names) => ['-as', 'mkisofs', '-quiet', '-o', iso, '-V', 'cidata', '-J', '-R', ...names.map((n) => join(dir, n))] },
  {
    tool: 'cloud-localds',
    args: (iso, dir, names) => [...(names.includes('network-config') ? ['-N', join(dir, 'network-config')] : []), iso, join(dir, 'user-data'), join(dir, 'meta-data')],
  },
];

async function findWriter(env: NodeJS.ProcessEnv): Promise<(typeof WRITERS)[number]> {
  for (const writer of WRITERS) if ((await onPath(writer.tool, env)) !== null) return writer;
  throw new ToolMissingError('genisoimage', 'apt-get install genisoimage (or xorriso, or cloud-image-utils)');
}

/** The ISO writer that will be used (for --dry-run), or null when none is installed. */
export async function seedWriterName(env: NodeJS.ProcessEnv): Promise<string | null> {
  return findWriter(env).then((w) => w.tool, () => null);
}

/** Creates the seed volume; returns a function that deletes it. */
export async function createSeedVolume(runner: Runner, virshConnect: readonly string[], seed: SeedPlan, env: NodeJS.ProcessEnv): Promise<() => Promise<void>> {
  const writer = await findWriter(env);
  const dir = await mkdtemp(join(tmpdir(), 'rejviz-seed-'));
  let created = false;
  const remove = async () => {
    await runner.run('virsh', [...virshConnect, 'vol-delete', '--pool', seed.pool, seed.volume], { allowFailure: true });
  };
  try {
    await chmod(dir, 0o700);
    for (const file of seed.files) await writeFile(join(dir, file.name), file.content, { mode: 0o600 });
    const iso = join(dir, 'seed.iso');
    await runner.run(writer.tool, writer.args(iso, dir, seed.files.map((f) => f.name)));
    const size = (await stat(iso)).size;
    await runner.run('virsh', [...virshConnect, 'vol-create-as', seed.pool, seed.volume, String(size), '--format', 'raw']);
    created = true;
    await runner.run('virsh', [...virshConnect, 'vol-upload', '--pool', seed.pool, seed.volume, iso]);
    return remove;
  } catch (err) {
    if (created) await remove();
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
