// The download's worker threads: one writes each 1 MiB block of the body to the .partial file,
// another hashes it at the same time, so the main thread only reads the socket.
// - The hash: on the main thread SHA-256 cost about 1.1 s and SHA-512 2.2 s of CPU per GiB in
//   line with the transfer (docs/benchmarks.md, issue 15), which a loopback download pays in wall
//   time. On the writer's thread it came after each write; on a thread of its own it runs while
//   the write does: 1 GiB from the loopback mirror in 0.99 s instead of 1.14 s (medians of 5
//   side-by-side rounds; curl 1.06 s).
// - The write, in 8 KiB pieces, as curl's are (4 and 12 KiB): ext4 sizes the page-cache folios
//   a buffered write fills by the write's length (large folios since Linux 6.16, commit
//   7ac67301e82f; before, every folio is one page and the size only sets the count of writes),
//   and on a VM whose host takes freed memory back (virtio-balloon free page reporting, which
//   reports blocks of 2 MiB and up) large folios come from memory the host must fault in again,
//   small ones mostly from what was freed lately. 1 GiB written with dd after 5 s of rest,
//   system time, 3 runs each side by side: 8 KiB 0.58-0.64 s, 16 KiB 0.49-2.19 s, 64 KiB
//   2.40-3.24 s, 1 MiB 5.0-5.4 s (0.18 s when the memory was warm). The benchmark's downloadFile
//   with SHA-256 took 1.34-1.36 s in 8 KiB pieces, 3.0-3.2 s in 64 KiB (2026-12-05; a day
//   earlier the same VM had written 64 KiB pieces in 0.36-0.41 s: the cost follows the host's
//   memory). From node's thread pool each piece would be a hand-off of its own; here they are
//   plain synchronous writes on the writer's thread.
// The blocks are shared memory (SharedArrayBuffer), each sent to the threads once and then named
// by number; a block comes back to be filled again once both threads have acknowledged it. At
// most MAX_QUEUED wait: a slow disk or hash holds the socket back instead of filling memory.
// After a failure (a full disk) the writer writes nothing more; it acknowledges what is left, so
// the caller knows no write is still running when it closes the file. The threads' code is
// inline (eval) because the bins are bundled into single files (scripts/bundle-bins.mjs).
import { Worker } from 'node:worker_threads';
import type { DigestAlgorithm } from '../digest.js';

const MAX_QUEUED = 8;

const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const PIECE = 8 * 1024;
const hash = workerData.algorithm ? createHash(workerData.algorithm) : null;
const writes = workerData.writes;
const blocks = [];
let failed = false;
function feedFile(path, length) {
  const fd = fs.openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    let at = 0;
    while (at < length) {
      const n = fs.readSync(fd, buf, 0, Math.min(buf.length, length - at), at);
      if (n === 0) throw new Error(path + ' is shorter than ' + length + ' bytes');
      hash.update(buf.subarray(0, n));
      at += n;
    }
  } finally {
    fs.closeSync(fd);
  }
}
function writeBlock(fd, view, position) {
  for (let done = 0; done < view.length;) {
    done += fs.writeSync(fd, view, done, Math.min(PIECE, view.length - done), position + done);
  }
}
parentPort.on('message', (m) => {
  try {
    if (m.kind === 'block') {
      // A block's memory comes with its first use; later uses name it by number.
      if (m.memory) blocks[m.id] = new Uint8Array(m.memory);
      if (!failed) {
        const view = blocks[m.id].subarray(0, m.length);
        if (writes) writeBlock(m.fd, view, m.position);
        if (m.hash && hash) hash.update(view);
      }
      return parentPort.postMessage({ kind: 'ack', id: m.id });
    }
    if (m.kind === 'file') feedFile(m.path, m.length);
    else if (m.kind === 'end') return parentPort.postMessage({ kind: 'digest', hex: hash.digest('hex') });
    parentPort.postMessage({ kind: 'ack' });
  } catch (e) {
    failed = true;
    parentPort.postMessage({ kind: 'error', of: m.kind, id: m.id, message: String((e && e.message) || e), code: e && e.code });
  }
});
`;

type Reply = { kind: 'ack'; id?: number } | { kind: 'digest'; hex: string } | { kind: 'error'; of: string; id?: number; message: string; code?: string };

/** The writer and the hash (given an algorithm) of a download's blocks, on worker threads. */
export class BlockWorker {
  // Writes the blocks (and hashes them too when there is no hasher).
  private readonly writer: Worker;
  // Hashes the blocks while the writer writes them: one thread doing both took the sum of the
  // two times per block, two take the longer one (docs/benchmarks.md, issue 15).
  private readonly hasher: Worker | null;
  // Blocks sent and not yet given back by every thread they went to (the queue's length).
  private queued = 0;
  // Blocks the writer has not acknowledged: writes that may still run.
  private writing = 0;
  private writerStopped = false;
  // Per block sent: the acknowledgements still to come.
  private readonly owed = new Map<number, number>();
  private failure: Error | null = null;
  private wake: (() => void)[] = [];
  private pending: { resolve: (hex: string) => void; reject: (err: Error) => void } | null = null;
  // Shared blocks by the number the threads know them by.
  private readonly blocks: Buffer[] = [];
  private readonly ids = new WeakMap<SharedArrayBuffer, number>();
  /** Gets each written (and hashed) block back, to be filled again (write-body.ts keeps a few). */
  recycle: ((block: Buffer) => void) | null = null;

  /** `algorithm` null: blocks are written, never hashed (the benchmark's baseline). */
  constructor(readonly algorithm: DigestAlgorithm | null) {
    const split = algorithm !== null;
    this.writer = this.start('writer', { algorithm: split ? null : algorithm, writes: true });
    this.hasher = split ? this.start('hasher', { algorithm, writes: false }) : null;
  }

  private start(role: 'writer' | 'hasher', workerData: { algorithm: DigestAlgorithm | null; writes: boolean }): Worker {
    const worker = new Worker(WORKER_CODE, { eval: true, workerData });
    const writer = role === 'writer';
    worker.on('message', (m: Reply) => {
      if (m.kind === 'digest') this.pending?.resolve(m.hex);
      else if (m.kind === 'ack' || m.of !== 'end') {
        if (writer && m.id !== undefined) this.writing--;
        if (m.id === undefined) this.queued--;
        else this.settle(m.id);
      }
      if (m.kind === 'error') {
        if (writer) this.writerStopped = true;
        // A failed write keeps its errno code: a full disk is told apart (write-body.ts).
        this.fail(Object.assign(new Error(m.message), m.code ? { code: m.code } : {}));
      }
      this.wakeAll();
    });
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', () => {
      if (writer) this.writerStopped = true;
      this.fail(new Error(`the download's ${role} thread stopped`));
    });
    return worker;
  }

  // One thread is done with block `id`; once all are, it goes back to be filled again.
  private settle(id: number): void {
    const left = (this.owed.get(id) ?? 1) - 1;
    if (left > 0) {
      this.owed.set(id, left);
      return;
    }
    this.owed.delete(id);
    this.queued--;
    this.recycle?.(this.blocks[id]!);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.pending?.reject(this.failure);
    this.wakeAll();
  }

  private wakeAll(): void {
    const waiting = this.wake;
    this.wake = [];
    for (const w of waiting) w();
  }

  /** The first failure (a write's or the hash's), if any. */
  get failed(): Error | null {
    return this.failure;
  }

  /** Fewer blocks wait than the threads may hold. */
  get hasRoom(): boolean {
    return this.queued < MAX_QUEUED;
  }

  /** Settles when there is room for more blocks, or a thread failed. */
  async room(): Promise<void> {
    while (this.failure === null && this.queued >= MAX_QUEUED) await new Promise<void>((r) => this.wake.push(r));
  }

  /**
   * Settles when every block sent is written, or once the writer has failed: from then on it
   * writes nothing (it acknowledges the rest unwritten), and a writer that died writes nothing
   * either. Either way no write is left to land in the file, or in whatever file takes its
   * descriptor once the caller closes it. (A failure of the hasher alone does not end the wait:
   * the writer may still be writing.)
   */
  async idle(): Promise<void> {
    while (!this.writerStopped && this.writing > 0) await new Promise<void>((r) => this.wake.push(r));
  }

  /** Hashes the first `length` bytes of the file at `path` (what a resumed download has). */
  async feedFile(path: string, length: number): Promise<void> {
    if (length === 0 || this.algorithm === null) return;
    await this.room();
    if (this.failure) throw this.failure;
    this.queued++;
    (this.hasher ?? this.writer).postMessage({ kind: 'file', path, length });
  }

  /**
   * Writes `block`'s first `length` bytes to file descriptor `fd` at `position`, then hashes
   * them when `hash` (and the worker has an algorithm). The block is shared memory of its own
   * (sharedBlock), not to be changed until it comes back through `recycle`. Sent at once, in
   * order, even past the queue's bound: the caller stops reading when hasRoom is false.
   */
  write(block: Buffer, length: number, fd: number, position: number, hash: boolean): void {
    this.queued++;
    this.writing++;
    const memory = block.buffer as SharedArrayBuffer;
    let id = this.ids.get(memory);
    const first = id === undefined;
    if (id === undefined) {
      id = this.blocks.push(block) - 1;
      this.ids.set(memory, id);
    }
    const hashed = hash && this.algorithm !== null;
    const message = { kind: 'block', id, length, fd, position, ...(first && { memory }) };
    const toHasher = hashed && this.hasher !== null;
    this.owed.set(id, toHasher ? 2 : 1);
    this.writer.postMessage({ ...message, hash: hashed && !toHasher });
    if (toHasher) this.hasher!.postMessage({ ...message, hash: true });
  }

  /** The hex digest of everything hashed, once the worker has done it all. */
  async digest(): Promise<string> {
    if (this.failure) throw this.failure;
    const hex = new Promise<string>((resolve, reject) => {
      this.pending = { resolve, reject };
    });
    (this.hasher ?? this.writer).postMessage({ kind: 'end' });
    return hex;
  }

  /** Stops the worker (always, success or not). */
  async close(): Promise<void> {
    for (const worker of [this.writer, this.hasher]) {
      if (!worker) continue;
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  }
}

/** A block the worker can read while this thread fills the next one. */
export const sharedBlock = (size: number): Buffer => Buffer.from(new SharedArrayBuffer(size));
