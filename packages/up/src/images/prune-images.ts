// rejviz-up images prune: the template images no volume uses (template-images.ts), then the cloud
// images no remaining template was built from and no running rejviz-up has pinned
// (state/image-pins.ts), then what interrupted pulls left in the image cache (.partial downloads,
// .work-* and .discard-* directories) untouched for a day. --older-than limits all three by
// age: a template by when it was built, a cloud image by when it was fetched, a leftover by its
// last change (never less than a day). Decided and removed under the template lock, which runs
// pin under too. The records of the templates removed, and of template volumes removed outside
// rejviz, go in template-images.ts.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createServices, type Services } from '@rejviz/core';
import { discardEntry, imageCacheDir, listEntries, partialDir } from '@rejviz/images';
import { pinnedImages } from '../state/image-pins.js';
import { withTemplatesLock } from '../state/template-pins.js';
import { cloudImage, keepingTemplateRecords, type CloudImage } from './cloud-images.js';
import { removeUnusedTemplates, type TemplateImage, type TemplatePruneRequest } from './template-images.js';

/** How long a leftover of a pull must be untouched before prune takes it without --older-than. */
export const LEFTOVER_SECONDS = 24 * 3600;

export type PrunedItem =
  | ({ kind: 'template' } & TemplateImage)
  | ({ kind: 'cloud-image' } & CloudImage)
  | { kind: 'leftover'; path: string; bytes: number };

export interface PruneRequest extends TemplatePruneRequest {
  /** Default $XDG_CACHE_HOME/rejviz/images. */
  cacheDir?: string;
}

/** The newest change under a path (the path and, for a directory, what is directly in it) and its bytes. */
async function lastChange(path: string): Promise<{ mtimeMs: number; bytes: number }> {
  const top = await stat(path);
  if (!top.isDirectory()) return { mtimeMs: top.mtimeMs, bytes: top.size };
  let { mtimeMs } = top;
  let bytes = 0;
  for (const name of await readdir(path).catch(() => [] as string[])) {
    const s = await stat(join(path, name)).catch(() => null);
    if (s) [mtimeMs, bytes] = [Math.max(mtimeMs, s.mtimeMs), bytes + s.size];
  }
  return { mtimeMs, bytes };
}

/** What interrupted pulls left, untouched for longer than `seconds`. */
async function leftovers(cacheDir: string, seconds: number): Promise<{ path: string; bytes: number }[]> {
  const candidates = [
    ...(await readdir(cacheDir).catch(() => [] as string[])).filter((n) => n.startsWith('.work-') || n.startsWith('.discard-')).map((n) => join(cacheDir, n)),
    ...(await readdir(partialDir(cacheDir)).catch(() => [] as string[])).map((n) => join(partialDir(cacheDir), n)),
  ];
  const out: { path: string; bytes: number }[] = [];
  for (const path of candidates.sort()) {
    const last = await lastChange(path).catch(() => null);
    if (last && Date.now() - last.mtimeMs > seconds * 1000) out.push({ path, bytes: last.bytes });
  }
  return out;
}

async function prune(request: PruneRequest, s: Services): Promise<PrunedItem[]> {
  const cacheDir = request.cacheDir ?? imageCacheDir(s.env);
  const limit = request.olderThanSeconds ?? null;
  const templates = await removeUnusedTemplates(request, s);
  const gone = new Set(templates.map((t) => `${t.pool}/${t.volume}`));
  // Templates pruned now (or, with --dry-run, that would be) no longer keep their images; those of
  // another connection, or in a pool that could not be listed, do.
  const records = await keepingTemplateRecords(request.uri, s, gone);
  const pinned = await pinnedImages(s.env);
  const cloud = (await listEntries(cacheDir)).map((e) => cloudImage(e, records)).filter((c) =>
    c.templates.length === 0 && !pinned.has(c.source) && !pinned.has(c.url) && !pinned.has(c.key) && (limit === null || Date.now() - Date.parse(c.fetchedAt) > limit * 1000));
  // A shorter --older-than does not shorten this: prune takes no image lock, and a pull that is
  // running (retrying, hashing) may leave its .partial untouched for minutes.
  const left = await leftovers(cacheDir, Math.max(limit ?? 0, LEFTOVER_SECONDS));
  if (!request.dryRun) {
    for (const c of cloud) await discardEntry(cacheDir, c.key);
    for (const l of left) await rm(l.path, { recursive: true, force: true });
  }
  return [
    ...templates.map((t) => ({ kind: 'template' as const, ...t })),
    ...cloud.map((c) => ({ kind: 'cloud-image' as const, ...c })),
    ...left.map((l) => ({ kind: 'leftover' as const, ...l })),
  ];
}

/** Removes (with `dryRun`: lists) the unused template images, cloud images and pull leftovers. */
export async function pruneImages(request: PruneRequest = {}, services?: Services): Promise<PrunedItem[]> {
  const s = services ?? (await createServices());
  return request.dryRun ? prune(request, s) : withTemplatesLock(s.env, () => prune(request, s), s.notice);
}
