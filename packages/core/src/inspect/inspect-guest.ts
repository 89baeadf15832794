// Reads GuestFacts from disk images with one read-only guestfish process (one appliance launch,
// about 20-30 s under TCG), and caches them by image identity so an unchanged image is read once.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import type { Runner } from '../exec.js';
import type { GuestFacts } from './guest-facts.js';
import { parseProbes } from './parse-probes.js';
import { PROBE_DIR_ENV, probeScript } from './probe-script.js';

/** A disk of the guest; format as guestfish --format takes it (raw, qcow2); absent or null: autodetect. */
export interface GuestImage {
  path: string;
  format?: string | null;
}

// --format applies to every later -a until changed; a bare --format goes back to autodetection.
export function guestfishArgs(images: readonly GuestImage[]): string[] {
  const args = ['--ro'];
  let current: string | undefined;
  for (const image of images) {
    const format = image.format ?? undefined;
    if (format !== current) args.push(format === undefined ? '--format' : `--format=${format}`);
    current = format;
    args.push('-a', image.path);
  }
  return args;
}

/** Inspects the guest on `images` (its disks, in order) with exactly one guestfish run. */
export async function inspectGuest(runner: Runner, images: readonly GuestImage[], env: NodeJS.ProcessEnv = process.env): Promise<GuestFacts> {
  if (images.length === 0) throw new UsageError('no disk image to inspect; give one with -a IMAGE');
  // The script passes the root's name between its own commands through files in this directory.
  const dir = await mkdtemp(join(tmpdir(), 'rejviz-probe-'));
  try {
    const result = await runner.run('guestfish', guestfishArgs(images), {
      input: probeScript(),
      env: { ...env, [PROBE_DIR_ENV]: dir },
      readOnly: true,
      installHint: 'apt-get install libguestfs-tools (or run scripts/host-setup)',
    });
    const facts = parseProbes(result.stdout);
    if (facts.os === null) {
      const names = images.map((i) => i.path).join(', ');
      throw new UsageError(`no operating system found in ${names}; check the path and --format, or pass --nic-format to skip detection`);
    }
    return facts;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const MAX_ENTRIES = 64;

function cachePath(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'rejviz', 'guest-facts.json');
}

// An image is "unchanged" while its real path, size and mtime are; the script's hash is part of
// the key so that facts recorded by an older probe script are not reused.
async function cacheKey(images: readonly GuestImage[]): Promise<string> {
  const parts = [createHash('sha256').update(probeScript()).digest('hex').slice(0, 12)];
  for (const image of images) {
    const real = await realpath(image.path).catch((e: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read disk image ${image.path}: ${e.code ?? e.message}`);
    });
    const s = await stat(real);
    parts.push(`${real}:${image.format ?? ''}:${s.size}:${s.mtimeMs}`);
  }
  return parts.join('|');
}

/** inspectGuest with a cache in $XDG_CACHE_HOME/rejviz/guest-facts.json; cached: no guestfish ran. */
export async function cachedGuestFacts(
  runner: Runner,
  images: readonly GuestImage[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ facts: GuestFacts; cached: boolean }> {
  const key = await cacheKey(images);
  const file = cachePath(env);
  const cache = (await readFile(file, 'utf8').then(JSON.parse).catch(() => ({}))) as Record<string, GuestFacts>;
  const hit = Object.hasOwn(cache, key) ? cache[key] : undefined;
  if (hit) return { facts: hit, cached: true };
  const facts = await inspectGuest(runner, images, env);
  // Newest last; old entries go so that many throwaway images do not grow the file forever.
  const entries = Object.entries(cache).filter(([k]) => k !== key).slice(-(MAX_ENTRIES - 1));
  const next = Object.fromEntries([...entries, [key, facts]]);
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}`);
  await mkdir(dirname(file), { recursive: true })
    .then(() => writeFile(tmp, JSON.stringify(next)))
    .then(() => rename(tmp, file))
    .catch(() => undefined); // an unwritable cache only costs the inspection next time
  return { facts, cached: false };
}
