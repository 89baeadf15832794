// Template images in use by a run that has no overlay on them yet. rejviz-up decides that a
// cached template can be reused (or builds it) well before its machines' overlays exist, and only
// an overlay makes an image "used" for images prune; without a pin, a prune in between would
// delete the image under the run. So a run pins the template volumes it plans to use, and prune
// skips pinned images. Pinning (up) and deciding what to delete (prune) both happen under one
// short host-wide lock, so each sees the other's effect whole: prune either removed an image
// before up looked (up builds it again) or sees its pin. A pin is a file naming the volume and
// the run's pid; the pin of a run that is gone (killed) is stale and ignored.
//
// rejviz-up gen leaves a Makefile whose `make up` layers overlays on the images later, with no
// rejviz running: its pin names the Makefile and holds for as long as that file names the image
// (a DIR removed or generated again for other images lets the image go).
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { onCleanup } from '@rejviz/core';
import { isAlive, lockFileIn, type LockHolder } from './lab-lock.js';
import { labsDir } from './lab-paths.js';

/** $XDG_STATE_HOME/rejviz/templates: the pins and the lock that orders pinning and pruning. */
export function templatesStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(labsDir(env), '..', 'templates');
}

/** Runs `fn` under the host-wide template lock (waiting for its holder: it is held briefly). */
export async function withTemplatesLock<T>(env: NodeJS.ProcessEnv, fn: () => Promise<T>, notice?: (line: string) => void): Promise<T> {
  const lock = await lockFileIn(templatesStateDir(env), 'the template cache', { wait: true, pollMs: 100, env, command: 'rejviz-up', ...(notice && { notice }) });
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

export interface TemplatePins {
  release(): Promise<void>;
}

// POOL@VOLUME@PID.N: N tells apart the pins of several runs in one process (library calls at
// once), so that one run's release never unpins another's image.
let pinCalls = 0;
const pinFile = (pool: string, volume: string, call: number) => `${encodeURIComponent(pool)}@${volume}@${process.pid}.${call}`;

/** Writes a pin whole: a reader (prune) sees no pin or all of it, never an empty file. */
async function writePin(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.tmp`);
  await writeFile(temporary, text, { mode: 0o600 });
  await rename(temporary, path);
}

/** Pins POOL/VOLUME for this run (call under withTemplatesLock); released at release() or at exit. */
export async function pinTemplates(env: NodeJS.ProcessEnv, pool: string, volumes: readonly string[]): Promise<TemplatePins> {
  const dir = join(templatesStateDir(env), 'pins');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const me: LockHolder = { pid: process.pid, host: hostname(), command: 'rejviz-up', since: new Date().toISOString() };
  const call = ++pinCalls;
  const files = volumes.map((v) => join(dir, pinFile(pool, v, call)));
  for (const f of files) await writePin(f, `${JSON.stringify(me)}\n`);
  const cleanup = onCleanup('the template pins of this run', async () => {
    for (const f of files) await rm(f, { force: true });
  });
  return { release: () => cleanup.run() };
}

/** A pin left by rejviz-up gen: the Makefile that will layer overlays on the image. */
interface MakefilePin {
  makefile: string;
  command: string;
  since: string;
}

/**
 * Pins POOL/VOLUME for as long as the Makefile at MAKEFILE (an absolute path) names it; kept
 * after this process ends (call under withTemplatesLock).
 */
export async function pinTemplatesForMakefile(env: NodeJS.ProcessEnv, pool: string, volumes: readonly string[], makefile: string): Promise<void> {
  const dir = join(templatesStateDir(env), 'pins');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tag = `gen-${createHash('sha256').update(makefile).digest('hex').slice(0, 16)}`;
  const pin: MakefilePin = { makefile, command: 'rejviz-up gen', since: new Date().toISOString() };
  for (const v of volumes) await writePin(join(dir, `${encodeURIComponent(pool)}@${v}@${tag}`), `${JSON.stringify(pin)}\n`);
}

/** True while the Makefile of a gen pin still names VOLUME. */
async function makefileNames(pin: MakefilePin, volume: string): Promise<boolean> {
  const text = await readFile(pin.makefile, 'utf8').catch(() => null);
  return text !== null && text.includes(volume);
}

/** A pin file's JSON: null when it is gone, empty or unreadable (a pin being written). */
async function readPin<T>(path: string): Promise<{ text: string | null; pin: T | null }> {
  const text = await readFile(path, 'utf8').catch(() => null);
  try {
    return { text, pin: text ? (JSON.parse(text) as T) : null };
  } catch {
    return { text, pin: null };
  }
}

/** The pinned images (POOL/VOLUME) of runs still alive and of Makefiles still naming them; stale pins are removed. */
export async function pinnedTemplates(env: NodeJS.ProcessEnv): Promise<Set<string>> {
  const dir = join(templatesStateDir(env), 'pins');
  const pinned = new Set<string>();
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const gen = /^(.+)@(.+)@gen-[0-9a-f]+$/.exec(name);
    // PID.N; pins written before N existed are PID alone.
    const run = /^(.+)@(.+)@(\d+)(?:\.\d+)?$/.exec(name);
    if (gen) {
      const { text, pin } = await readPin<MakefilePin>(join(dir, name));
      if (pin && (await makefileNames(pin, gen[2]!))) pinned.add(`${decodeURIComponent(gen[1]!)}/${gen[2]}`);
      else if (text !== null) await rm(join(dir, name), { force: true });
    } else if (run) {
      const { pin: holder } = await readPin<LockHolder>(join(dir, name));
      if (holder && isAlive(holder)) pinned.add(`${decodeURIComponent(run[1]!)}/${run[2]}`);
      else if (holder) await rm(join(dir, name), { force: true });
    }
  }
  return pinned;
}
