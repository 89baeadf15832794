// Cloud images in use by a run that has not built its templates from them yet. A run pulls the
// images of its cloud-image templates (or finds them cached) well before the template builds copy
// them; without a pin, an `images prune` in between would remove a cache entry the run counts
// on. So a run pins each image source (its catalogue key or URL) for as long as it runs, under
// the template lock that prune decides under (template-pins.ts explains the lock); prune keeps
// every cache entry of a pinned source. The pin of a run that is gone is stale and ignored.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { onCleanup } from '@rejviz/core';
import { isAlive, type LockHolder } from './lab-lock.js';
import { templatesStateDir, type TemplatePins } from './template-pins.js';

interface ImagePin extends LockHolder {
  /** The catalogue key or URL, and the URL it stands for. */
  source: string;
  url: string;
  /** The cache entry (ALGORITHM-HEX) the pull found, once it has: found by digest, it may have been cached under another source or URL. */
  key?: string;
}

const pinsDir = (env: NodeJS.ProcessEnv) => join(templatesStateDir(env), 'image-pins');
let pinCalls = 0;

/** Pins the image sources for this run (call under withTemplatesLock); released at release() or at exit. */
export async function pinImages(env: NodeJS.ProcessEnv, images: readonly { source: string; url: string; key?: string }[]): Promise<TemplatePins> {
  if (images.length === 0) return { release: async () => undefined };
  await mkdir(pinsDir(env), { recursive: true, mode: 0o700 });
  const files: string[] = [];
  const call = ++pinCalls;
  for (const image of images) {
    const pin: ImagePin = { pid: process.pid, host: hostname(), command: 'rejviz-up', since: new Date().toISOString(), ...image };
    // @PID.N: several runs in one process (library calls at once) each have their own pin.
    const file = join(pinsDir(env), `${createHash('sha256').update(image.url).digest('hex').slice(0, 16)}@${process.pid}.${call}`);
    await writeFile(file, `${JSON.stringify(pin)}\n`, { mode: 0o600 });
    files.push(file);
  }
  const cleanup = onCleanup('the image pins of this run', async () => {
    for (const f of files) await rm(f, { force: true });
  });
  return { release: () => cleanup.run() };
}

/** The sources, URLs and cache entry keys pinned by runs still alive; stale pins are removed. */
export async function pinnedImages(env: NodeJS.ProcessEnv): Promise<Set<string>> {
  const pinned = new Set<string>();
  for (const name of await readdir(pinsDir(env)).catch(() => [] as string[])) {
    const text = await readFile(join(pinsDir(env), name), 'utf8').catch(() => null);
    let pin: ImagePin | null = null;
    try {
      pin = text ? (JSON.parse(text) as ImagePin) : null;
    } catch {
      pin = null;
    }
    if (pin && isAlive(pin)) {
      pinned.add(pin.source);
      pinned.add(pin.url);
      if (pin.key) pinned.add(pin.key);
    } else if (pin) {
      await rm(join(pinsDir(env), name), { force: true });
    }
  }
  return pinned;
}
