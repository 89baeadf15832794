// The download's hash, computed on a worker thread: on the main thread SHA-256 cost about 1.1 s
// and SHA-512 2.2 s of CPU per GiB in line with the transfer (docs/benchmarks.md, issue 15),
// which a loopback download pays in wall time. The worker gets each written buffer by transfer
// (no copy) and sends it back with its acknowledgement, to be filled again; at most MAX_QUEUED
// buffers wait for it, so a slow hash holds the download back instead of filling memory. The
// worker's code is inline (eval) because the bins are bundled into single files
// (scripts/bundle-bins.mjs).
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
parentPort.on('message', (m) => {
  try {
    if (m.kind === 'data') {
      hash.update(new Uint8Array(m.buffer, 0, m.length));
      // The buffer goes back for the next block (transferred again: no copy, no new memory).
      return parentPort.postMessage({ kind: 'ack', buffer: m.buffer }, [m.buffer]);
    }
    if (m.kind === 'file') feedFile(m.path, m.length);
    else if (m.kind === 'end') return parentPort.postMessage({ kind: 'digest', hex: hash.digest('hex') });
    parentPort.postMessage({ kind: 'ack' });
  } catch (e) {
    parentPort.postMessage({ kind: 'error', message: String((e && e.message) || e) });
  }
});
`;

type Reply = { kind: 'ack'; buffer?: ArrayBuffer } | { kind: 'digest'; hex: string } | { kind: 'error'; message: string };

/** A hash of `algorithm` fed from the main thread, computed on a worker. */
export class HashWorker {
  private readonly worker: Worker;
  private queued = 0;
  private failure: Error | null = null;
  private wake: (() => void)[] = [];
  private pending: { resolve: (hex: string) => void; reject: (err: Error) => void } | null = null;
  /** Gets each hashed buffer back, to fill again (write-body.ts keeps a few instead of allocating 1 MiB per block). */
  recycle: ((buffer: Buffer) => void) | null = null;

  constructor(algorithm: DigestAlgorithm) {
    this.worker = new Worker(WORKER_CODE, { eval: true, workerData: { algorithm } });
    this.worker.on('message', (m: Reply) => {
      if (m.kind === 'ack') {
        this.queued--;
        if (m.buffer) this.recycle?.(Buffer.from(m.buffer));
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
   * Hashes `buffer`'s first `length` bytes. The buffer must own its whole ArrayBuffer
   * (Buffer.allocUnsafeSlow): it is transferred, and unusable here afterwards; once hashed it
   * comes back through `recycle`.
   */
  async update(buffer: Buffer, length: number): Promise<void> {
    await this.room();
    this.queued++;
    this.worker.postMessage({ kind: 'data', buffer: buffer.buffer, length }, [buffer.buffer as ArrayBuffer]);
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
