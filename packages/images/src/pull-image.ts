// Gets an image source into the cache and returns the cached qcow2: the library call under
// `rejviz-up` image sources (docs/images.md). Online: under the image's lock, the expected digest
// is settled (verify/expected-digest.ts: refusals happen before any image byte), the cache is
// asked by that digest, and only a miss downloads (resumable, hashed while streaming), compares,
// and stores. A 404 from a release past its end of life tries the catalogue's archive of it.
// Offline: the cache alone, by pinned digest or by source name; no URL is resolved.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { entryKey, imageCacheDir, listEntries, partialDir, rewriteRecord, type CacheEntry } from './cache/cache-store.js';
import { storeDownload } from './cache/store-download.js';
import { usableEntry } from './cache/usable-entry.js';
import { lockImage } from './cache/image-lock.js';
import { formatDigest, sameDigest, type Digest } from './digest.js';
import { downloadFile, type DownloadResult } from './download/download-file.js';
import { isGone } from './download/http-get.js';
import { removePartial } from './download/partial-state.js';
import { ImageError } from './image-error.js';
import type { ImageSpec } from './image-spec.js';
import { pullContext, type ImageServices, type PullContext, type PullOptions } from './pull-context.js';
import { expectedDigest } from './verify/expected-digest.js';
import { meetsLevel, requiredLevel, strongerThan, type Verification } from './verify/trust-level.js';

export interface PulledImage {
  /** The cached qcow2: a backing file for templates (read-only; never write to it). */
  path: string;
  entry: CacheEntry;
  /** Found in the cache; nothing was downloaded. */
  fromCache: boolean;
}

function partialPath(ctx: PullContext, spec: ImageSpec): string {
  const id = createHash('sha256').update(spec.imageUrl).digest('hex').slice(0, 16);
  return join(partialDir(ctx.cacheDir), `${id}-${spec.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}.partial`);
}

async function download(ctx: PullContext, spec: ImageSpec, partial: string, algorithm: Digest['algorithm']): Promise<DownloadResult> {
  await mkdir(partialDir(ctx.cacheDir), { recursive: true });
  return downloadFile({
    url: spec.imageUrl,
    partial,
    algorithm,
    retry: ctx.retry,
    timeoutMs: ctx.timeoutMs,
    onProgress: (p) => ctx.progress?.update({ label: spec.source, phase: 'download', received: p.received, total: p.total }),
    onRetry: (reason) => ctx.notice(`${spec.source}: ${reason}; trying again`),
  });
}

/** Downloads and checks the digest; a resumed download that does not match is fetched once more whole. */
async function fetchVerified(ctx: PullContext, spec: ImageSpec, expected: Digest | null): Promise<Digest> {
  const partial = partialPath(ctx, spec);
  const algorithm = expected?.algorithm ?? 'sha256';
  let got = await download(ctx, spec, partial, algorithm);
  if (expected !== null && !sameDigest(got.digest, expected) && got.resumed) {
    await removePartial(partial);
    ctx.notice(`${spec.source}: the resumed download does not match its digest; downloading it whole`);
    got = await download(ctx, spec, partial, algorithm);
  }
  if (expected !== null && !sameDigest(got.digest, expected)) {
    await removePartial(partial);
    throw new ImageError('digest', `${spec.source}: ${spec.imageUrl} has ${formatDigest(got.digest)}, but ${formatDigest(expected)} was expected; discarded the download (a damaged mirror or a changed file: try again later)`);
  }
  return got.digest;
}

/** A better verification of the same bytes is written into the entry's record. */
async function upgrade(entry: CacheEntry, verification: Verification): Promise<CacheEntry> {
  if (!strongerThan(verification.level, entry.record.verification.level)) return entry;
  const record = { ...entry.record, verification };
  await rewriteRecord(entry, record);
  return { ...entry, record };
}

async function pullOnline(ctx: PullContext, spec: ImageSpec): Promise<PulledImage> {
  const expected = await expectedDigest(spec, ctx);
  if (expected.digest !== null) {
    const hit = await usableEntry(ctx, entryKey(expected.digest), spec.source);
    if (hit) {
      const entry = await upgrade(hit, expected.verification);
      return { path: entry.image, entry, fromCache: true };
    }
  }
  const digest = await fetchVerified(ctx, spec, expected.digest);
  // Unverified and fetched without a digest to look for: the same bytes may be cached already.
  const known = expected.digest === null ? await usableEntry(ctx, entryKey(digest), spec.source) : null;
  if (known) {
    await removePartial(partialPath(ctx, spec));
    return { path: known.image, entry: known, fromCache: true };
  }
  const entry = await storeDownload(ctx, spec, { partial: partialPath(ctx, spec), digest, verification: expected.verification });
  return { path: entry.image, entry, fromCache: false };
}

async function pullOffline(ctx: PullContext, spec: ImageSpec): Promise<PulledImage> {
  const candidates = ctx.pinned
    ? [entryKey(ctx.pinned)]
    : (await listEntries(ctx.cacheDir)).filter((e) => e.record.source === spec.source || e.record.url === spec.imageUrl).map((e) => e.key);
  for (const key of candidates) {
    const entry = await usableEntry(ctx, key, spec.source);
    if (entry === null) continue;
    const level = ctx.pinned ? 'pinned' : entry.record.verification.level;
    const required = requiredLevel(spec.signature);
    if (!meetsLevel(level, required, ctx.insecureUnverified)) {
      throw new ImageError('unverified', `--offline: the cached image of ${spec.source} is verified only as ${level} (${spec.source} needs ${required}); pass --insecure-unverified to use it, or fetch it again online`);
    }
    return { path: entry.image, entry, fromCache: true };
  }
  const what = ctx.pinned ? `${spec.source} with ${formatDigest(ctx.pinned)}` : spec.source;
  throw new ImageError('offline', `--offline: no cached image of ${what}; run once without --offline to fetch it`);
}

/** pullOnline under the image's lock: one download per image URL at a time. */
async function pullLocked(ctx: PullContext, spec: ImageSpec): Promise<PulledImage> {
  const release = await lockImage(ctx.cacheDir, spec.imageUrl);
  try {
    return await pullOnline(ctx, spec);
  } finally {
    await release();
  }
}

/** The cached qcow2 of `spec`'s image, fetched and verified when not cached yet (from its archive after a 404, when it has one). */
export async function pullImage(spec: ImageSpec, options: PullOptions, services: ImageServices): Promise<PulledImage> {
  const ctx = pullContext(options, services, options.cacheDir ?? imageCacheDir(services.env));
  try {
    if (ctx.offline) return await pullOffline(ctx, spec);
    try {
      return await pullLocked(ctx, spec);
    } catch (error) {
      // A release past its end of life (Fedora's): the files moved to the archive the catalogue names.
      if (!spec.archived || !isGone(error)) throw error;
      ctx.notice(`${spec.source}: ${(error as Error).message.replace(/; check the URL$/, '')}; trying the release's archive, ${spec.archived.checksum?.url ?? spec.archived.imageUrl}`);
      return await pullLocked(ctx, spec.archived);
    }
  } finally {
    ctx.progress?.end();
  }
}
