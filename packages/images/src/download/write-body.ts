// A response body gathered into 1 MiB blocks, each handed to the download's threads
// (block-worker.ts): one writes it to the .partial file at its offset, one hashes it, in order,
// while the next block fills. Per 64 KiB chunk, a write stream cost a thread-pool hand-off, a
// wake-up and a pause and resume of the socket (docs/benchmarks.md, issue 15); a block costs one
// message per 16 chunks. What was received before a failure is still written, so a resume keeps it.
// Two ways in: a body to iterate (file:// sources, any Readable), or bytes pushed straight from
// the socket's read buffer (http-client.ts: receive), which skips the stream; that client reads
// into the block's free end (room) when it can, which skips the copy too.
import type { FileHandle } from 'node:fs/promises';
import { sharedBlock, type BlockWorker } from './block-worker.js';

const BLOCK = 1 << 20;
// Blocks kept for reuse: enough for those the threads hold (8) and the one filling.
const SPARE = 12;

/** Where pushed bytes go: `write` copies them (false: wait for `drained` before more). */
export interface ChunkSink {
  write(buf: Buffer, start: number, end: number): boolean;
  drained(): Promise<void>;
  /**
   * Memory the next bytes may be read into, straight from the socket; `write` with a buffer
   * that starts there takes them without a copy. Valid until the next `write`.
   */
  room?(): Buffer;
}

export interface BodyWrite {
  /** The body to iterate, or a source that pushes into a sink and settles when the body ends. */
  body: AsyncIterable<Buffer> | { receive(sink: ChunkSink): Promise<void> };
  file: FileHandle;
  /** The file offset of the body's first byte. */
  start: number;
  /** Writes every byte in order, and hashes it when it has an algorithm. */
  worker: BlockWorker;
  /** As each chunk arrives: the bytes received so far, counted from the file's start (progress on a slow link comes per chunk, not per MiB). */
  onReceived?: (size: number) => void;
}

class BlockWriter {
  // Blocks written come back here to be filled again: a fresh 1 MiB per block cost a page fault
  // and a zeroed page per 4 KiB in the kernel, on top of the copy.
  private readonly spare: Buffer[] = [];
  private block: Buffer = sharedBlock(BLOCK);
  private fill = 0;
  private position: number;

  constructor(private readonly file: FileHandle, start: number, private readonly worker: BlockWorker) {
    this.position = start;
    worker.recycle = (block) => {
      if (this.spare.length < SPARE) this.spare.push(block);
    };
  }

  /** The file's size once everything pushed is written. */
  get size(): number {
    return this.position + this.fill;
  }

  /** The free end of the block being filled (what was read into it is taken by push without a copy). */
  room(): Buffer {
    return this.block.subarray(this.fill);
  }

  push(buf: Buffer, start: number, end: number): boolean {
    if (this.worker.failed) throw this.worker.failed;
    // Read into room(): the bytes are already in place.
    if (buf.buffer === this.block.buffer && buf.byteOffset + start === this.block.byteOffset + this.fill && end - start <= BLOCK - this.fill) {
      this.fill += end - start;
      if (this.fill === BLOCK) this.seal(true);
      return this.worker.hasRoom;
    }
    while (start < end) {
      const n = Math.min(end - start, BLOCK - this.fill);
      buf.copy(this.block, this.fill, start, start + n);
      this.fill += n;
      start += n;
      if (this.fill === BLOCK) this.seal(true);
    }
    return this.worker.hasRoom;
  }

  drained(): Promise<void> {
    return this.worker.room();
  }

  // Sends the filled part to the worker, to be written (and hashed) after the blocks before it.
  private seal(hashed: boolean): void {
    if (this.fill === 0) return;
    this.worker.write(this.block, this.fill, this.file.fd, this.position, hashed);
    this.position += this.fill;
    this.block = this.spare.pop() ?? sharedBlock(BLOCK);
    this.fill = 0;
  }

  /** Writes the rest; the file's size. */
  async finish(): Promise<number> {
    if (this.worker.failed) throw this.worker.failed;
    this.seal(true);
    await this.worker.idle();
    if (this.worker.failed) throw this.worker.failed;
    return this.position;
  }

  /**
   * After a failure of the body: writes what arrived (not hashed; a resume hashes the file again)
   * and waits until no write runs, so the file can be closed. The disk's own failure, if any.
   */
  async abort(): Promise<unknown> {
    if (!this.worker.failed) this.seal(false);
    await this.worker.idle();
    return this.worker.failed;
  }
}

/** A write failed for want of space (or quota). */
export const isDiskFull = (err: unknown): boolean => ['ENOSPC', 'EDQUOT'].includes((err as NodeJS.ErrnoException | null)?.code ?? '');

/** Writes the body; returns the file's size after it. */
export async function writeBody(w: BodyWrite): Promise<number> {
  const writer = new BlockWriter(w.file, w.start, w.worker);
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
        room: () => writer.room(),
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
