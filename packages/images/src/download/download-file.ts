// A resumable download to NAME.partial, hashed while it streams. A partial from an earlier try
// (this run's or another's) is hashed from disk and continued with Range: bytes=N-, guarded by
// If-Range when the server gave a validator. A 200 to a range request (the server ignores Range,
// or the file changed) starts again from 0 with a fresh hash; a 416 drops the partial. A body
// shorter than its Content-Length is a transient failure: the next try resumes after it. A body
// the file system has no room for is refused before it is written.
import { open, statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InterruptedError, receivedSignal } from '@rejviz/core';
import type { Digest, DigestAlgorithm } from '../digest.js';
import { ImageError } from '../image-error.js';
import { BlockWorker } from './block-worker.js';
import { httpStatusError, networkError, openGet } from './http-get.js';
import { isDiskFull, writeBody } from './write-body.js';
import { readPartial, removePartial, writePartialState } from './partial-state.js';
import { TransientError, withRetries, type RetryPolicy } from './retry.js';

export interface DownloadProgress {
  url: string;
  /** Bytes received so far, counted from the file's start (what a resume continued included). */
  received: number;
  /** The file's size, when the server says. */
  total: number | null;
  /** Where this response started (0, or the size of the partial it continued). */
  resumedFrom: number;
}

export interface DownloadRequest {
  url: string;
  /** The NAME.partial path; NAME.partial.json beside it. */
  partial: string;
  algorithm: DigestAlgorithm;
  retry: RetryPolicy;
  timeoutMs: number;
  onProgress?: (p: DownloadProgress) => void;
  /** A one-line notice for each retry. */
  onRetry?: (reason: string) => void;
}

export interface DownloadResult {
  digest: Digest;
  size: number;
  /** Some bytes came from before this call or an earlier try (a resume happened). */
  resumed: boolean;
  finalUrl: string;
  allHttps: boolean;
}

const mib = (bytes: number) => Math.ceil(bytes / (1024 * 1024));

/** The bytes an unprivileged writer may still put on the file system of `dir`; null when statfs cannot say. */
async function freeBytes(dir: string): Promise<number | null> {
  try {
    const fs = await statfs(dir);
    return fs.bavail * fs.bsize;
  } catch {
    return null;
  }
}

function diskFull(err: unknown, path: string): ImageError | null {
  return isDiskFull(err) ? new ImageError('disk-full', `no space left on the device writing ${path}; free some space or point XDG_CACHE_HOME elsewhere`) : null;
}

async function attempt(req: DownloadRequest, resumedBefore: { value: boolean }): Promise<DownloadResult> {
  const have = await readPartial(req.partial, req.url);
  let offset = have?.size ?? 0;
  // A weak ETag cannot guard a range (RFC 9110, If-Range): Last-Modified does instead.
  const validator = have?.etag && !have.etag.startsWith('W/') ? have.etag : have?.lastModified ?? undefined;
  const res = await openGet({ url: req.url, timeoutMs: req.timeoutMs, ...(offset > 0 && { offset, ifRange: validator }) });
  if (res.status === 416 && offset > 0) {
    res.body.destroy();
    await removePartial(req.partial);
    throw new TransientError(`${req.url}: the server refused to continue at byte ${offset}; starting again`, 'network', true);
  }
  if (res.status !== 200 && res.status !== 206) {
    res.body.destroy();
    throw httpStatusError(res.status, req.url);
  }
  if (res.status === 206 && res.range?.start !== offset) {
    res.body.destroy();
    await removePartial(req.partial);
    throw new TransientError(`${req.url}: the server sent a range other than the one asked for; starting again`, 'network', true);
  }
  // A body bigger than the room the file system has left is refused before a byte of it is
  // written: a full disk at the end would have cost the download and filled the disk meanwhile.
  // (A 200 starts the partial again, so its bytes count as room; without a length, a full disk
  // shows as the write's ENOSPC.)
  if (res.length !== null) {
    const room = await freeBytes(dirname(req.partial));
    const reclaimed = res.status === 200 ? have?.size ?? 0 : 0;
    if (room !== null && res.length > room + reclaimed) {
      res.body.destroy();
      throw new ImageError('disk-full', `no space for ${req.url}: it needs ${mib(res.length)} MiB more, and the file system of ${dirname(req.partial)} has ${mib(room + reclaimed)} MiB free; free some space or point XDG_CACHE_HOME elsewhere`);
    }
  }
  if (res.status === 200) offset = 0;
  await writePartialState(req.partial, { url: req.url, etag: res.etag, lastModified: res.lastModified });
  if (offset > 0) resumedBefore.value = true;
  const total = res.range?.total ?? (res.length === null ? null : offset + res.length);
  let received = offset;
  // A worker thread writes the blocks and hashes them (block-worker.ts, write-body.ts).
  const worker = new BlockWorker(req.algorithm);
  try {
    await worker.feedFile(req.partial, offset);
    const file = await open(req.partial, offset > 0 ? 'r+' : 'w');
    try {
      received = await writeBody({
        body: res.receive ? { receive: res.receive } : res.body, file, start: offset, worker,
        onReceived: (size) => {
          received = size;
          req.onProgress?.({ url: req.url, received, total, resumedFrom: offset });
        },
      });
    } catch (err) {
      res.body.destroy();
      const full = diskFull(err, req.partial);
      if (full) throw full;
      if (receivedSignal() !== null) throw new InterruptedError(`the download of ${req.url}`, receivedSignal()!);
      const why = networkError(err, req.url);
      if (why instanceof TransientError) throw new TransientError(`${req.url}: connection lost after ${received} of ${total ?? '?'} bytes (${why.message.replace(`${req.url}: `, '')})`);
      throw why;
    } finally {
      await file.close();
    }
    if (res.length !== null && received - offset !== res.length) {
      throw new TransientError(`${req.url}: the body had ${received - offset} bytes, Content-Length said ${res.length}`);
    }
    // A range that stops short of the file's end (Content-Range: bytes 100-199/1000 with 100
    // bytes) is a piece, not the file: the next try continues where it stopped.
    if (total !== null && received !== total) {
      throw new TransientError(`${req.url}: the server sent up to byte ${received} of ${total}`);
    }
    const hex = await worker.digest();
    return { digest: { algorithm: req.algorithm, hex }, size: received, resumed: resumedBefore.value, finalUrl: res.finalUrl, allHttps: res.allHttps };
  } finally {
    res.body.destroy();
    await worker.close();
  }
}

/** Downloads `req.url` into `req.partial` (resuming what is there); the digest of the whole file. */
export async function downloadFile(req: DownloadRequest): Promise<DownloadResult> {
  const resumed = { value: false };
  try {
    return await withRetries(`the download of ${req.url}`, req.retry, () => attempt(req, resumed), (reason) => req.onRetry?.(reason));
  } catch (err) {
    // What cannot be resumed later goes: a full disk needs the space back, a 4xx will not change.
    // A connection that kept failing leaves the partial for the next run to continue.
    const failure = diskFull(err, req.partial) ?? err;
    if (!(failure instanceof ImageError && failure.failure === 'network') && !(failure instanceof InterruptedError)) await removePartial(req.partial);
    throw failure;
  }
}
