// One HTTP/1.1 GET on a connection of its own (node:net, or node:tls with the system's CAs and
// NODE_EXTRA_CA_CERTS; certificate and host name checks always on, whatever
// NODE_TLS_REJECT_UNAUTHORIZED says), its body a Readable.
// Why not node:http: an image is gigabytes, and node's client costs about 2.5 times curl's CPU
// per byte (docs/benchmarks.md, issue 15): a fresh 64 KiB buffer per socket read, then its
// parser and stream events per chunk. Here the socket reads into one reused 1 MiB buffer
// (net.Socket's onread), so a read takes whatever the kernel has, and each chunk is copied once
// into the body, or not at all when a sink offers the room to read into (write-body.ts); the
// socket is paused while the body's reader is behind (back-pressure).
// What a download needs and nothing more: GET, Connection: close, Content-Length or chunked or
// until close; no keep-alive, no compression (Accept-Encoding: identity), no proxy.
import net from 'node:net';
import tls from 'node:tls';
import { Readable } from 'node:stream';
import type { ChunkSink } from './write-body.js';

export interface RawResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Map<string, string>;
  body: Readable;
  /**
   * The other way to take the body (instead of reading `body`): its bytes are pushed into the
   * sink straight from the socket's read buffer; settles when the body has ended or failed.
   */
  receive(sink: ChunkSink): Promise<void>;
  /** Closes the connection (the body is not wanted, or no longer). */
  destroy(err?: Error): void;
}

const READ_BUFFER = 1 << 20;
const MAX_HEAD = 64 * 1024;
const BODY_AHEAD = 4 << 20;

/** A response whose head could not be read as HTTP/1.x. */
export class ProtocolError extends Error {
  readonly code = 'EPROTO';
}

function requestHead(url: URL, headers: Record<string, string>): string {
  const lines = [`GET ${url.pathname || '/'}${url.search} HTTP/1.1`, `Host: ${url.host}`, 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) {
    if (/[\r\n]/.test(name + value)) throw new Error(`header ${name} has a line break`);
    lines.push(`${name}: ${value}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

// A header name is a token (RFC 9110 section 5.6.2): no spaces, no separators.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function parseHead(head: string): { status: number; headers: Map<string, string> } {
  const [statusLine = '', ...lines] = head.split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(statusLine);
  if (!m) throw new ProtocolError(`not an HTTP/1.x response: ${JSON.stringify(statusLine.slice(0, 80))}`);
  const fields: [string, string][] = [];
  for (const line of lines) {
    // A folded line (obs-fold) continues the field before it, joined by a space (RFC 9112 section 5.2).
    if (/^[ \t]/.test(line)) {
      const last = fields.at(-1);
      if (!last) throw new ProtocolError(`a malformed response header: ${JSON.stringify(line.slice(0, 80))}`);
      last[1] = `${last[1]} ${line.trim()}`.trim();
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (!TOKEN.test(name)) throw new ProtocolError(`a malformed response header: ${JSON.stringify(line.slice(0, 80))}`);
    fields.push([name.toLowerCase(), line.slice(colon + 1).trim()]);
  }
  const headers = new Map<string, string>();
  for (const [name, value] of fields) headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  return { status: Number(m[1]), headers };
}

/** The body's length from Content-Length: one number, or the same one repeated (RFC 9110 section 8.6). */
export function contentLength(text: string): number {
  const values = [...new Set(text.split(',').map((v) => v.trim()))];
  const n = values.length === 1 && /^\d{1,16}$/.test(values[0]!) ? Number(values[0]) : NaN;
  if (!Number.isSafeInteger(n)) throw new ProtocolError(`a malformed Content-Length: ${text.slice(0, 80)}`);
  return n;
}

// Body framing (RFC 9112 section 6.3): chunked wins over Content-Length; without either the body
// ends when the server closes.
type Framing = { kind: 'length'; left: number } | { kind: 'close' } | { kind: 'chunked' };

/**
 * Chunked transfer coding, fed in pieces: hands on the data and says when the last chunk (and its
 * trailers) has gone by. Chunk extensions and trailers are read and ignored.
 */
class ChunkedDecoder {
  private state: 'size' | 'data' | 'data-crlf' | 'trailer' | 'done' = 'size';
  private line = '';
  private left = 0;

  /** Feeds buf[start, end); returns false once the body is complete. */
  feed(buf: Buffer, start: number, end: number, out: (from: number, to: number) => void): boolean {
    let i = start;
    while (i < end && this.state !== 'done') {
      if (this.state === 'data') {
        const n = Math.min(this.left, end - i);
        out(i, i + n);
        i += n;
        this.left -= n;
        if (this.left === 0) this.state = 'data-crlf';
        continue;
      }
      const nl = buf.indexOf(10, i);
      const stop = nl < 0 || nl >= end ? end : nl;
      this.line += buf.toString('latin1', i, stop);
      if (this.line.length > 4096) throw new ProtocolError('a chunked body line over 4 KiB');
      i = stop;
      if (nl < 0 || nl >= end) break;
      i = nl + 1;
      const line = this.line.replace(/\r$/, '');
      this.line = '';
      if (this.state === 'size') {
        // At most 13 hex digits (2^52): a size past that is no image's, and would lose precision.
        const m = /^([0-9a-fA-F]{1,13})[ \t]*(?:;.*)?$/.exec(line.trim());
        if (!m) throw new ProtocolError(`a malformed chunk size: ${JSON.stringify(line.slice(0, 40))}`);
        this.left = parseInt(m[1]!, 16);
        this.state = this.left === 0 ? 'trailer' : 'data';
      } else if (this.state === 'data-crlf') {
        if (line !== '') throw new ProtocolError('a chunk longer than its size');
        this.state = 'size';
      } else if (line === '') {
        this.state = 'done';
      }
    }
    return this.state !== 'done';
  }
}

export interface GetOptions {
  headers: Record<string, string>;
  /** Fails when no byte arrives for this long (connecting, waiting, or mid-body). */
  timeoutMs: number;
  /**
   * Called at once with a function that cuts the request at any point (connecting, waiting for
   * the head, mid-body); returns the function to call once the connection has closed.
   */
  track?: (cut: (err: Error) => void) => () => void;
}

/** Sends a GET to `url` (http: or https:); resolves once the response head is in. */
export function rawGet(url: URL, options: GetOptions): Promise<RawResponse> {
  const https = url.protocol === 'https:';
  if (!https && url.protocol !== 'http:') return Promise.reject(new Error(`not an http(s) URL: ${url.href}`));
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port || (https ? 443 : 80));
  let request: string;
  try {
    request = requestHead(url, options.headers);
  } catch (err) {
    return Promise.reject(err as Error);
  }

  return new Promise((resolve, reject) => {
    let settled = false;
    let headBytes: Buffer[] = [];
    let headSize = 0;
    let framing: Framing | null = null;
    let chunked: ChunkedDecoder | null = null;
    let ended = false;
    // How the body is taken: not yet (the socket is paused after the head), as the Readable
    // `body`, or pushed into a sink (receive).
    let mode: 'none' | 'stream' | 'sink' = 'none';
    let sink: ChunkSink | null = null;
    let sinkDone: { resolve: () => void; reject: (err: Error) => void } | null = null;
    let failure: Error | null = null;
    // Body bytes that came in the head's last read, kept until the body is taken.
    let early: Buffer | null = null;
    let closedEarly = false;
    // The body's reader (or the disk) is behind: the socket stays paused until it catches up.
    let behind = false;
    let onClosed = () => {};
    const take = (how: 'stream' | 'sink') => {
      if (mode !== 'none') return false;
      mode = how;
      if (early) {
        const bytes = early;
        early = null;
        try {
          onBody(bytes, 0, bytes.length);
        } catch (err) {
          fail(err as Error);
        }
      }
      if (closedEarly) onClosed();
      else if (!ended && !failure && !behind) go();
      return true;
    };
    const body = new Readable({
      // Room for a few reads ahead, so the socket is not paused and resumed around every read.
      highWaterMark: BODY_AHEAD,
      // The reader wants more: read from the socket again.
      read: () => {
        behind = false;
        if (!take('stream')) go();
      },
      destroy: (err, callback) => {
        socket.destroy();
        callback(err);
      },
    });
    // A failure reaches whoever reads the body (for await, pipeline); a body nobody reads (an
    // error status, a redirect) must not turn it into an uncaught exception.
    body.on('error', () => {});
    // The idle timeout is the server's: while this side holds the socket paused (the body not
    // taken yet, or its reader or the disk behind), it does not run.
    const hold = () => {
      socket.pause();
      socket.setTimeout(0);
    };
    const go = () => {
      socket.setTimeout(options.timeoutMs);
      socket.resume();
    };
    const fail = (err: Error) => {
      if (!settled) {
        settled = true;
        socket.destroy();
        reject(err);
        return;
      }
      socket.destroy();
      if (ended || failure) return;
      failure = err;
      if (mode === 'sink') sinkDone?.reject(err);
      else if (!body.destroyed) body.destroy(err);
    };
    const finish = () => {
      if (ended) return;
      ended = true;
      socket.destroy();
      if (mode === 'sink') sinkDone?.resolve();
      else body.push(null);
    };
    // Hands buf[from, to) on (the read buffer is reused by the next read): into the sink, or a
    // copy into the Readable.
    const deliver = (buf: Buffer, from: number, to: number) => {
      if (to <= from) return;
      if (mode === 'sink') {
        if (!sink!.write(buf, from, to)) {
          behind = true;
          hold();
          void sink!.drained().then(() => {
            behind = false;
            if (!ended && !failure) go();
          });
        }
        return;
      }
      const chunk = Buffer.allocUnsafe(to - from);
      buf.copy(chunk, 0, from, to);
      if (!body.push(chunk)) {
        behind = true;
        hold();
      }
    };
    const onBody = (buf: Buffer, start: number, end: number) => {
      if (ended || !framing) return;
      if (mode === 'none') {
        early = early ? Buffer.concat([early, buf.subarray(start, end)]) : Buffer.from(buf.subarray(start, end));
        return;
      }
      if (framing.kind === 'length') {
        const n = Math.min(framing.left, end - start);
        deliver(buf, start, start + n);
        framing.left -= n;
        if (framing.left === 0) finish();
      } else if (framing.kind === 'chunked') {
        if (!chunked!.feed(buf, start, end, (from, to) => deliver(buf, from, to))) finish();
      } else {
        deliver(buf, start, end);
      }
    };
    const receive = (into: ChunkSink): Promise<void> => {
      if (mode !== 'none') return Promise.reject(new Error('the body is already being read'));
      if (failure) return Promise.reject(failure);
      sink = into;
      const done = new Promise<void>((resolve, rejectBody) => {
        sinkDone = { resolve, reject: rejectBody };
      });
      if (ended) {
        // An empty body (Content-Length: 0) ended with the head.
        mode = 'sink';
        return Promise.resolve();
      }
      take('sink');
      return done;
    };
    const onHead = (buf: Buffer, n: number) => {
      headBytes.push(Buffer.from(buf.subarray(0, n)));
      headSize += n;
      let all = Buffer.concat(headBytes, headSize);
      let at = all.indexOf('\r\n\r\n');
      let status = 0;
      let headers = new Map<string, string>();
      for (;;) {
        if (at < 0 || at > MAX_HEAD) {
          if (at > MAX_HEAD || all.length > MAX_HEAD) throw new ProtocolError(`a response head over ${MAX_HEAD} bytes`);
          headBytes = [all];
          headSize = all.length;
          return;
        }
        ({ status, headers } = parseHead(all.toString('latin1', 0, at)));
        if (status >= 200 || status < 100) break;
        if (status === 101) throw new ProtocolError('the server switched protocols (101) instead of answering the GET');
        // An interim response (100 Continue, 103 Early Hints): the final one follows (RFC 9110 section 15.2).
        all = all.subarray(at + 4);
        at = all.indexOf('\r\n\r\n');
      }
      headBytes = [];
      headSize = 0;
      const te = headers.get('transfer-encoding');
      const length = headers.get('content-length');
      if (te !== undefined && te.trim().toLowerCase() !== 'identity') {
        // Only chunked alone: a coding before it (gzip, chunked) would be written as the image.
        if (te.trim().toLowerCase() !== 'chunked') throw new ProtocolError(`a transfer coding this client does not decode: ${te}`);
        framing = { kind: 'chunked' };
        chunked = new ChunkedDecoder();
      } else if (length !== undefined) {
        framing = { kind: 'length', left: contentLength(length) };
      } else {
        framing = { kind: 'close' };
      }
      settled = true;
      // Nothing more is read until the body is taken (a redirect or an error status never is).
      hold();
      resolve({ status, headers, body, receive, destroy: (err) => (err ? body.destroy(err) : body.destroy()) });
      if (framing.kind === 'length' && framing.left === 0) finish();
      else onBody(all, at + 4, all.length);
    };
    const readBuffer = Buffer.allocUnsafe(READ_BUFFER);
    const onread = {
      // Where the next read goes (node asks after each read). Once a sink takes a body framed
      // by length or by close, the room it offers: the free end of the block it fills
      // (write-body.ts), so the kernel copies the bytes straight there and the sink keeps them
      // where they are. The one copy left in user space cost about 0.2 s of CPU per GiB
      // (docs/benchmarks.md, issue 15). A chunked body's size lines would land among the data,
      // so it keeps the reused buffer and its copy.
      buffer: () => {
        const room = mode === 'sink' && framing?.kind !== 'chunked' && !ended && !failure ? sink?.room?.() : undefined;
        // An empty buffer would read nothing, which node takes for the end of the stream.
        return room && room.length > 0 ? room : readBuffer;
      },
      callback: (n: number, buf: Buffer) => {
        try {
          if (!settled) onHead(buf, n);
          else onBody(buf, 0, n);
        } catch (err) {
          fail(err as Error);
        }
        return true;
      },
    };
    const socket: net.Socket = https
      // tls.connect takes onread as net.connect does (node's docs); @types/node does not list it.
      ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, rejectUnauthorized: true, ALPNProtocols: ['http/1.1'], onread } as tls.ConnectionOptions)
      : net.connect({ host, port, onread });
    socket.once(https ? 'secureConnect' : 'connect', () => socket.write(request));
    socket.on('timeout', () => fail(Object.assign(new Error(`no data for ${options.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    socket.setTimeout(options.timeoutMs);
    socket.on('error', fail);
    // The server's close ends a close-delimited body and cuts any other; with the body not yet
    // taken, the bytes kept from the head's read come first (take() calls this again).
    onClosed = () => {
      if (!settled) fail(Object.assign(new Error('the connection closed before the server answered'), { code: 'ECONNRESET' }));
      else if (mode === 'none') closedEarly = true;
      else if (!ended && framing?.kind === 'close') finish();
      else if (!ended) fail(Object.assign(new Error('the connection closed before the body ended'), { code: 'ECONNRESET' }));
    };
    socket.on('end', onClosed);
    socket.on('close', onClosed);
    if (options.track) {
      const untrack = options.track(fail);
      socket.once('close', untrack);
    }
  });
}
