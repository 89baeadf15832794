// The download's hash, computed on a worker thread: on the main thread SHA-256 cost about 1.1 s
// and SHA-512 2.2 s of CPU per GiB in line with the transfer (docs/benchmarks.md, issue 15),
// which a loopback download pays in wall time. The blocks it hashes are shared memory
// (SharedArrayBuffer), each sent to the worker once and then named by number: the worker hashes
// a block while the main thread's write of the same block is in the kernel, instead of after it
// (a transferred buffer can be used by one thread only). Each block comes back by number with its
// acknowledgement, to be filled again once its write is done too; at most MAX_QUEUED blocks wait
// for the worker, so a slow hash holds the download back instead of filling memory. The worker's
// code is inline (eval) because the bins are bundled into single files (scripts/bundle-bins.mjs).
import { Worker } from 'node:worker_threads';
import type { DigestAlgorithm } from '../digest.js';

const MAX_QUEUED = 8;

const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const hash = createHash(workerData.algorithm);
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
const blocks = [];
parentPort.on('message', (m) => {
  try {
    if (m.kind === 'data') {
      // A block's memory comes with its first use; later uses name it by number.
      if (m.memory) blocks[m.id] = new Uint8Array(m.memory);
      hash.update(blocks[m.id].subarray(0, m.length));
      return parentPort.postMessage({ kind: 'ack', id: m.id });
    }
    if (m.kind === 'file') feedFile(m.path, m.length);
    else if (m.kind === 'end') return parentPort.postMessage({ kind: 'digest', hex: hash.digest('hex') });
    parentPort.postMessage({ kind: 'ack' });
  } catch (e) {
    parentPort.postMessage({ kind: 'error', message: String((e && e.message) || e) });
  }
});
`;

type Reply = { kind: 'ack'; id?: number } | { kind: 'digest'; hex: string } | { kind: 'error'; message: string };

/** A hash of `algorithm` fed from the main thread, computed on a worker. */
export class HashWorker {
  private readonly worker: Worker;
  private queued = 0;
  private failure: Error | null = null;
  private wake: (() => void)[] = [];
  private pending: { resolve: (hex: string) => void; reject: (err: Error) => void } | null = null;
  /** Gets each hashed block back (write-body.ts fills it again once its write is done too). */
  recycle: ((block: Buffer) => void) | null = null;
  // Shared blocks by the number the worker knows them by.
  private readonly blocks: Buffer[] = [];
  private readonly ids = new WeakMap<SharedArrayBuffer, number>();

  constructor(algorithm: DigestAlgorithm) {
    this.worker = new Worker(WORKER_CODE, { eval: true, workerData: { algorithm } });
    this.worker.on('message', (m: Reply) => {
      if (m.kind === 'ack') {
        this.queued--;
        if (m.id !== undefined) this.recycle?.(this.blocks[m.id]!);
      }
      else if (m.kind === 'digest') this.pending?.resolve(m.hex);
      else this.fail(new Error(`hashing the download: ${m.message}`));
      this.wakeAll();
    });
    this.worker.on('error', (err) => this.fail(err));
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

  private async room(): Promise<void> {
    while (this.failure === null && this.queued >= MAX_QUEUED) await new Promise<void>((r) => this.wake.push(r));
    if (this.failure) throw this.failure;
  }

  /** Hashes the first `length` bytes of the file at `path` (what a resumed download has). */
  async feedFile(path: string, length: number): Promise<void> {
    if (length === 0) return;
    await this.room();
    this.queued++;
    this.worker.postMessage({ kind: 'file', path, length });
  }

  /**
   * Hashes `block`'s first `length` bytes: a block over a SharedArrayBuffer of its own
   * (sharedBlock), not changed until it comes back through `recycle`. Meanwhile it may be read
   * (written to a file) on this side.
   */
  async update(block: Buffer, length: number): Promise<void> {
    await this.room();
    this.queued++;
    const memory = block.buffer as SharedArrayBuffer;
    let id = this.ids.get(memory);
    if (id === undefined) {
      id = this.blocks.push(block) - 1;
      this.ids.set(memory, id);
      this.worker.postMessage({ kind: 'data', id, length, memory });
    } else {
      this.worker.postMessage({ kind: 'data', id, length });
    }
  }

  /** The hex digest of everything fed, once the worker has hashed it all. */
  async digest(): Promise<string> {
    if (this.failure) throw this.failure;
    const hex = new Promise<string>((resolve, reject) => {
      this.pending = { resolve, reject };
    });
    this.worker.postMessage({ kind: 'end' });
    return hex;
  }

  /** Stops the worker (always, success or not). */
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** A block the hash worker can read while this thread writes it to a file (update). */
export const sharedBlock = (size: number): Buffer => Buffer.from(new SharedArrayBuffer(size));
