// A small HTTP mirror for the image tests: node's http server (https with a test certificate when
// given one) on 127.0.0.1 only (never another address: README, network safety), serving the files
// of one directory with ETag, Last-Modified, Range and If-Range, and faults on demand, queued per
// path: each request of the path takes the next fault, then it is served normally again. It
// counts the body bytes it sends per request, so a test can prove that a download resumed instead
// of starting again.
import { open, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';

export type MirrorFault =
  /** Answer with this status and no body. */
  | { kind: 'status'; status: number }
  /** Promise the whole body, send `after` bytes, then cut the connection. */
  | { kind: 'drop'; after: number }
  /** Say Content-Length is `extra` bytes more than the file, send the file, then close. */
  | { kind: 'wrong-length'; extra: number }
  /** Send the body `chunk` bytes at a time, `delayMs` apart. */
  | { kind: 'slow'; chunk: number; delayMs: number }
  /** Send `after` bytes, then nothing more (the client must time out). */
  | { kind: 'stall'; after: number }
  /** Answer a range request with the whole file (200), as servers without Range support do. */
  | { kind: 'ignore-range' }
  /** Redirect (302) to this URL. */
  | { kind: 'redirect'; to: string }
  /** Send the body chunked, without Content-Length: the client cannot know its size up front. */
  | { kind: 'no-length' };

export interface MirrorRequest {
  path: string;
  method: string;
  range: string | null;
  ifRange: string | null;
  status: number;
  /** Body bytes sent. */
  bytes: number;
  fault: MirrorFault['kind'] | null;
}

export interface ImageMirror {
  port: number;
  /** The URL of a path under the mirror's directory ("dir/file.qcow2"). */
  url(path: string): string;
  /** Queues faults for the next requests of `path`. */
  fault(path: string, ...faults: MirrorFault[]): void;
  /** Every request so far, in order. */
  readonly requests: readonly MirrorRequest[];
  /** The requests of one path. */
  requestsFor(path: string): MirrorRequest[];
  /** Body bytes sent for one path, over all its requests. */
  bytesServed(path: string): number;
  /** Stops listening and cuts open connections; safe to call twice. */
  stop(): Promise<void>;
}

interface Plan {
  start: number;
  end: number;
  status: number;
  headers: Record<string, string>;
}

function plan(req: IncomingMessage, size: number, etag: string, lastModified: string, fault: MirrorFault | undefined): Plan {
  const base = { etag, 'last-modified': lastModified, 'accept-ranges': 'bytes', 'content-type': 'application/octet-stream' };
  const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  const ifRange = req.headers['if-range'];
  const honour = m && fault?.kind !== 'ignore-range' && (ifRange === undefined || ifRange === etag || ifRange === lastModified);
  if (!honour) return { start: 0, end: size - 1, status: 200, headers: base };
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(size - 1, Number(m[2]));
  if (start >= size || start > end) return { start: 0, end: -1, status: 416, headers: { ...base, 'content-range': `bytes */${size}` } };
  return { start, end, status: 206, headers: { ...base, 'content-range': `bytes ${start}-${end}/${size}` } };
}

// Buffers a body is read into, in turn; each is read into again once the socket has taken it.
const SEND_BUFFERS = 4;

/**
 * Sends `limit` bytes of `file` from `start`, in 1 MiB reads into a few reused buffers (a fresh
 * buffer per read, as a read stream makes, cost the mirror a page fault per 4 KiB: its CPU per
 * GiB is what the benchmark's clients compete with, docs/benchmarks.md). False when the client
 * went away.
 */
async function sendBody(res: ServerResponse, file: string, start: number, limit: number, fault: MirrorFault | undefined, record: MirrorRequest): Promise<boolean> {
  const chunkSize = fault?.kind === 'slow' ? fault.chunk : 1024 * 1024;
  const buffers = Array.from({ length: SEND_BUFFERS }, () => Buffer.allocUnsafeSlow(chunkSize));
  const taken: (Promise<void> | undefined)[] = [];
  const gone = new Promise<void>((resolve) => res.once('close', resolve));
  const handle = await open(file, 'r');
  try {
    for (let at = 0, i = 0; at < limit; i = (i + 1) % SEND_BUFFERS) {
      // The buffer's last write must be in the kernel before it is read into again.
      if (taken[i]) await Promise.race([taken[i], gone]);
      if (res.destroyed) return false;
      const { bytesRead } = await handle.read(buffers[i]!, 0, Math.min(chunkSize, limit - at), start + at);
      if (bytesRead === 0) break;
      at += bytesRead;
      record.bytes += bytesRead;
      taken[i] = new Promise<void>((resolve) => res.write(buffers[i]!.subarray(0, bytesRead), () => resolve()));
      if (res.writableNeedDrain) await Promise.race([new Promise((resolve) => res.once('drain', resolve)), gone]);
      if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    }
    await Promise.race([Promise.all(taken), gone]);
    return !res.destroyed;
  } finally {
    await handle.close();
  }
}

export interface MirrorOptions {
  root: string;
  /** Serve https with this key and certificate (PEM), e.g. a self-signed one for 127.0.0.1. */
  tls?: { key: string; cert: string };
}

/** Starts a mirror of `root` on 127.0.0.1 (a free port); the test stops it (t.teardown). */
export async function startImageMirror(options: MirrorOptions): Promise<ImageMirror> {
  const requests: MirrorRequest[] = [];
  const faults = new Map<string, MirrorFault[]>();

  async function serve(req: IncomingMessage, res: ServerResponse, record: MirrorRequest): Promise<void> {
    const fault = faults.get(record.path)?.shift();
    record.fault = fault?.kind ?? null;
    const file = normalize(join(options.root, record.path));
    const st = await stat(file).catch(() => null);
    if (!file.startsWith(options.root + sep) || st === null || !st.isFile() || (req.method !== 'GET' && req.method !== 'HEAD')) {
      record.status = st === null || !st.isFile() ? 404 : 405;
      res.writeHead(record.status, { 'content-length': '0' }).end();
      return;
    }
    if (fault?.kind === 'status' || fault?.kind === 'redirect') {
      record.status = fault.kind === 'status' ? fault.status : 302;
      res.writeHead(record.status, { 'content-length': '0', ...(fault.kind === 'redirect' && { location: fault.to }) }).end();
      return;
    }
    const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    const p = plan(req, st.size, etag, st.mtime.toUTCString(), fault);
    const length = p.end - p.start + 1;
    record.status = p.status;
    const declared = fault?.kind === 'wrong-length' ? length + fault.extra : length;
    res.writeHead(p.status, { ...p.headers, ...(fault?.kind !== 'no-length' && { 'content-length': String(Math.max(0, declared)) }) });
    if (req.method === 'HEAD' || length <= 0) {
      res.end();
      return;
    }
    const limit = fault?.kind === 'drop' || fault?.kind === 'stall' ? Math.min(length, fault.after) : length;
    const sent = await sendBody(res, file, p.start, limit, fault, record);
    if (!sent) return;
    if (fault?.kind === 'drop' || fault?.kind === 'wrong-length') {
      // Cut a moment after the last byte: a client drops what it had not read yet when the
      // connection goes (node's does), and the test wants "received" to be what was sent.
      await new Promise((resolve) => setTimeout(resolve, 50));
      res.destroy();
      return;
    }
    if (fault?.kind === 'stall') return;
    res.end();
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://mirror').pathname).replace(/^\/+/, '');
    const record: MirrorRequest = {
      path, method: req.method ?? 'GET', range: req.headers.range ?? null, ifRange: (req.headers['if-range'] as string | undefined) ?? null,
      status: 0, bytes: 0, fault: null,
    };
    requests.push(record);
    serve(req, res, record).catch(() => res.destroy());
  };
  const server = options.tls ? createTlsServer(options.tls, handler) : createServer(handler);
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  let stopped = false;
  return {
    port,
    url: (path) => `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/${path.split('/').map(encodeURIComponent).join('/')}`,
    fault(path, ...more) {
      faults.set(path, [...(faults.get(path) ?? []), ...more]);
    },
    requests,
    requestsFor: (path) => requests.filter((r) => r.path === path),
    bytesServed: (path) => requests.filter((r) => r.path === path).reduce((n, r) => n + r.bytes, 0),
    async stop() {
      if (stopped) return;
      stopped = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
