// Makes a verified download a cache entry: the partial is moved into a work directory beside the
// entries, decompressed, made qcow2, hashed when it changed, recorded, and renamed into place
// (cache-store.ts). On any failure the work directory goes, and a full disk is the disk-full
// error; the entry never exists half made.
import { rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sniffCompression } from '../convert/compression.js';
import { decompressInPlace } from '../convert/decompress.js';
import { toQcow2 } from '../convert/to-qcow2.js';
import type { Digest } from '../digest.js';
import { hashFile } from '../hash-file.js';
import { ImageError } from '../image-error.js';
import type { ImageSpec } from '../image-spec.js';
import type { PullContext } from '../pull-context.js';
import { removePartial } from '../download/partial-state.js';
import type { Verification } from '../verify/trust-level.js';
import { commitEntry, createWorkDir, IMAGE_FILE, type CacheEntry } from './cache-store.js';

export interface VerifiedDownload {
  partial: string;
  /** The downloaded file's digest (its entry's key). */
  digest: Digest;
  verification: Verification;
}

function asDiskFull(err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOSPC' || code === 'EDQUOT' ? new ImageError('disk-full', 'no space left on the device storing the image in the cache; free some space or point XDG_CACHE_HOME elsewhere') : err;
}

/** Stores the download at `got.partial` as the entry of `got.digest`. */
export async function storeDownload(ctx: PullContext, spec: ImageSpec, got: VerifiedDownload): Promise<CacheEntry> {
  const work = await createWorkDir(ctx.cacheDir);
  try {
    const downloaded = join(work.path, 'download');
    await rename(got.partial, downloaded);
    await removePartial(got.partial);
    const compression = await sniffCompression(downloaded);
    if (compression !== 'none') ctx.progress?.update({ label: spec.source, phase: 'decompress', received: 0, total: null });
    const disk = join(work.path, 'disk');
    await decompressInPlace(ctx.runner, downloaded, disk, compression);
    const image = join(work.path, IMAGE_FILE);
    const sourceFormat = await toQcow2(ctx.runner, disk, image, spec.source, () => ctx.progress?.update({ label: spec.source, phase: 'convert', received: 0, total: null }));
    // Unchanged bytes keep the download's digest; anything rewritten is hashed once more.
    const imageDigest = compression === 'none' && sourceFormat === 'qcow2' ? got.digest : await hashFile(image, 'sha256');
    return await commitEntry(ctx.cacheDir, work, {
      version: 1,
      source: spec.source,
      url: spec.imageUrl,
      digest: got.digest,
      imageDigest,
      size: (await stat(image)).size,
      sourceFormat,
      compression,
      verification: got.verification,
      fetchedAt: new Date().toISOString(),
    });
  } catch (err) {
    await work.cleanup.run();
    await removePartial(got.partial);
    throw asDiskFull(err);
  }
}
