// A response body written to the .partial file in 1 MiB writes at known offsets, one write in
// flight while the next buffer fills. Each full buffer goes to the hash (a worker:
// hash-worker.ts) as it is queued for writing, so the hash and the write run at the same time.
// Per 64 KiB chunk, a write stream cost a thread-pool hand-off, a wake-up and a pause and resume
// of the socket (docs/benchmarks.md, issue 15); a MiB at a time costs one of each per 16 chunks.
// What was received before a failure is still written, so a resume keeps it.
// Two ways in: a body to iterate (file:// sources, any Readable), or bytes pushed straight from
// the socket's read buffer (http-client.ts: receive), which skips a copy and the stream.
import type { FileHandle } from 'node:fs/promises';
import { sharedBlock, type HashWorker } from './hash-worker.js';

const BLOCK = 1 << 20;
// Full buffers waiting or being written before the sender is asked to wait.
const AHEAD = 4;
// Blocks kept for reuse: enough for those being written and those the hash worker holds (8).
const SPARE = 16;

/** Where pushed bytes go: `write` copies them (false: wait for `drained` before more). */
export interface ChunkSink {
  write(buf: Buffer, start: number, end: number): boolean;
  drained(): Promise<void>;
}

export interface BodyWrite {
  /** The body to iterate, or a source that pushes into a sink and settles when the body ends. */
  body: AsyncIterable<Buffer> | { receive(sink: ChunkSink): Promise<void> };
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

class BlockWriter {
  // Blocks written (and hashed) come back here to be filled again: a fresh 1 MiB per block cost
  // a page fault and a zeroed page per 4 KiB in the kernel, on top of the copy.
  private readonly spare: Buffer[] = [];
  // Blocks still being written or hashed: how many of the two are not done yet.
  private readonly users = new Map<Buffer, number>();
  private block: Buffer;
  private fill = 0;
  private position: number;
  private chain: Promise<void> = Promise.resolve();
  // The hash gets the blocks in order, each once there is room in its queue.
  private hashChain: Promise<void> = Promise.resolve();
  private pending = 0;
  private failure: unknown = null;
  private waiters: (() => void)[] = [];

  constructor(private readonly file: FileHandle, start: number, private readonly hash: HashWorker | null) {
    this.position = start;
    this.block = this.fresh();
    if (hash) hash.recycle = (block) => this.release(block);
  }

  // Shared memory only when there is a hash to read it from the other thread.
  private fresh(): Buffer {
    return this.hash ? sharedBlock(BLOCK) : Buffer.allocUnsafeSlow(BLOCK);
  }

  // One user of the block is done with it; the last one makes it spare.
  private release(block: Buffer): void {
    const left = (this.users.get(block) ?? 1) - 1;
    if (left > 0) {
      this.users.set(block, left);
      return;
    }
    this.users.delete(block);
    if (this.spare.length < SPARE) this.spare.push(block);
  }

  /** The file's size once everything pushed is written. */
  get size(): number {
    return this.position + this.fill;
  }

  push(buf: Buffer, start: number, end: number): boolean {
    if (this.failure) throw this.failure;
    while (start < end) {
      const n = Math.min(end - start, BLOCK - this.fill);
      buf.copy(this.block, this.fill, start, start + n);
      this.fill += n;
      start += n;
      if (this.fill === BLOCK) this.seal(true);
    }
    return this.pending < AHEAD;
  }

  drained(): Promise<void> {
    if (this.pending < AHEAD || this.failure) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  // Queues the filled part for writing, in order after the writes before it, and for hashing.
  private seal(hashed: boolean): void {
    if (this.fill === 0) return;
    const full = this.block;
    const length = this.fill;
    const at = this.position;
    this.position += length;
    this.block = this.spare.pop() ?? this.fresh();
    this.fill = 0;
    this.pending++;
    const hash = hashed ? this.hash : null;
    this.users.set(full, hash ? 2 : 1);
    // Waiting for room in the hash's queue holds the write back, and so the download.
    const queued = hash ? this.hashChain.then(() => hash.update(full, length)) : Promise.resolve();
    this.hashChain = queued.catch(() => {});
    this.chain = this.chain.then(async () => {
      try {
        await queued;
        if (this.failure) return;
        await writeAll(this.file, full, length, at);
      } catch (err) {
        this.failure ??= err;
      } finally {
        this.release(full);
        this.pending--;
        if (this.pending < AHEAD || this.failure) for (const wake of this.waiters.splice(0)) wake();
      }
    });
  }

  /** Writes the rest; the file's size. */
  async finish(): Promise<number> {
    if (this.failure) throw this.failure;
    this.seal(true);
    await this.chain;
    await this.hashChain;
    if (this.failure) throw this.failure;
    return this.position;
  }

  /** After a failure of the body: writes what arrived (not hashed; a resume hashes the file again). The disk's own failure, if any. */
  async abort(): Promise<unknown> {
    this.seal(false);
    await this.chain;
    return this.failure;
  }
}

/** A write failed for want of space (or quota). */
export const isDiskFull = (err: unknown): boolean => ['ENOSPC', 'EDQUOT'].includes((err as NodeJS.ErrnoException | null)?.code ?? '');

/** Writes the body; returns the file's size after it. */
export async function writeBody(w: BodyWrite): Promise<number> {
  const writer = new BlockWriter(w.file, w.start, w.hash);
  try {
    const body = w.body;
    if ('receive' in body) {
      await body.receive({
        write: (buf, start, end) => {
          const more = writer.push(buf, start, end);
          w.onReceived?.(writer.size);
          return more;
        },
        drained: () => writer.drained(),
      });
    } else {
      for await (const chunk of body) {
        if (!writer.push(chunk, 0, chunk.length)) await writer.drained();
        w.onReceived?.(writer.size);
      }
    }
    return await writer.finish();
  } catch (err) {
    // Keep what arrived for the next try (its hash is made again from the file); the body's
    // failure is the one to report, unless the disk failed.
    const disk = await writer.abort();
    throw isDiskFull(disk) ? disk : err;
  }
}
