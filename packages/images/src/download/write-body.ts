// A response body written to the .partial file in 1 MiB writes at known offsets, one write in
// flight while the next buffer fills, each written buffer then handed to the hash (a worker:
// hash-worker.ts). Per 64 KiB chunk, a write stream cost a thread-pool hand-off, a wake-up and
// a pause and resume of the socket (docs/benchmarks.md, issue 15); a MiB at a time costs one of
// each per 16 chunks. What was received before a failure is still written, so a resume keeps it.
import type { FileHandle } from 'node:fs/promises';
import type { HashWorker } from './hash-worker.js';

const BLOCK = 1 << 20;

export interface BodyWrite {
  body: AsyncIterable<Buffer>;
  file: FileHandle;
  /** The file offset of the body's first byte. */
  start: number;
  /** Gets every written byte in order; null: no hash (the benchmark's baseline). */
  hash: HashWorker | null;
  /** As each chunk arrives: the bytes received so far, counted from the file's start (progress on a slow link comes per chunk, not per MiB). */
  onReceived?: (size: number) => void;
}

async function writeAll(file: FileHandle, buffer: Buffer, length: number, position: number): Promise<void> {
  for (let done = 0; done < length;) done += (await file.write(buffer, done, length - done, position + done)).bytesWritten;
}

/** Writes the body; returns the file's size after it. */
export async function writeBody(w: BodyWrite): Promise<number> {
  let block = Buffer.allocUnsafeSlow(BLOCK);
  let fill = 0;
  let position = w.start;
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async (hashed: boolean) => {
    if (fill === 0) return;
    const full = block;
    const length = fill;
    const at = position;
    position += length;
    block = Buffer.allocUnsafeSlow(BLOCK);
    fill = 0;
    // In order: this write starts once the previous one (and its hand-off to the hash) is done.
    await inFlight;
    inFlight = (async () => {
      await writeAll(w.file, full, length, at);
      if (hashed && w.hash) await w.hash.update(full, length);
    })();
  };
  try {
    for await (const chunk of w.body) {
      for (let i = 0; i < chunk.length;) {
        const n = Math.min(chunk.length - i, BLOCK - fill);
        chunk.copy(block, fill, i, i + n);
        fill += n;
        i += n;
        if (fill === BLOCK) await flush(true);
      }
      w.onReceived?.(position + fill);
    }
    await flush(true);
    await inFlight;
  } catch (err) {
    // Keep what arrived for the next try (its hash is made again from the file); the body's
    // failure is the one to report, unless the disk failed.
    let diskError: unknown = null;
    try {
      await inFlight;
      await flush(false);
      await inFlight;
    } catch (e) {
      diskError = e;
    }
    const code = (diskError as NodeJS.ErrnoException | null)?.code;
    throw code === 'ENOSPC' || code === 'EDQUOT' ? diskError : err;
  }
  return position;
}
