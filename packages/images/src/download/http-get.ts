// One GET of an image source's URL: http(s) through our lean client (http-client.ts; following up
// to 5 redirects, none from https to http), or a local file for file:// URLs, both from a byte
// offset. The caller reads the body; this module only opens it. No shell, no curl: nothing
// spawns here.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { InterruptedError, receivedSignal, stopSignal } from '@rejviz/core';
import { ImageError } from '../image-error.js';
import { contentLength, ProtocolError, rawGet, type RawResponse } from './http-client.js';
import { isTransientNetworkError, TransientError } from './retry.js';

export interface GetRequest {
  url: string;
  /** Ask for the bytes from here on (Range: bytes=N-). */
  offset?: number;
  /** If-Range: the validator (ETag or Last-Modified) of the bytes already here. */
  ifRange?: string;
  /** Fails when no byte arrives for this long (connecting, waiting, or mid-body). */
  timeoutMs: number;
}

export interface ContentRange {
  start: number;
  end: number;
  total: number | null;
}

export interface GetResponse {
  status: number;
  etag: string | null;
  lastModified: string | null;
  /** Content-Length of this response's body, when given. */
  length: number | null;
  range: ContentRange | null;
  body: Readable;
  /** http(s) only: takes the body by pushing it into a sink instead (http-client.ts), one copy less. */
  receive?: RawResponse['receive'];
  /** After redirects. */
  finalUrl: string;
  /** Every hop was https. */
  allHttps: boolean;
}

const MAX_REDIRECTS = 5;

function parseContentRange(value: string | undefined): ContentRange | null {
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value ?? '');
  return m ? { start: Number(m[1]), end: Number(m[2]), total: m[3] === '*' ? null : Number(m[3]) } : null;
}

async function getFile(req: GetRequest): Promise<GetResponse> {
  const path = fileURLToPath(req.url);
  const st = await stat(path).catch((e: NodeJS.ErrnoException) => {
    throw new ImageError('http', `cannot read ${req.url}: ${e.code === 'ENOENT' ? 'no such file' : e.code ?? e.message}`);
  });
  if (!st.isFile()) throw new ImageError('http', `${req.url} is not a regular file`);
  const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
  const offset = req.offset ?? 0;
  const partial = offset > 0 && (req.ifRange === undefined || req.ifRange === etag);
  if (partial && offset >= st.size) return { status: 416, etag, lastModified: null, length: 0, range: null, body: Readable.from([]), finalUrl: req.url, allHttps: false };
  const start = partial ? offset : 0;
  return {
    status: partial ? 206 : 200,
    etag,
    lastModified: st.mtime.toUTCString(),
    length: st.size - start,
    range: partial ? { start, end: st.size - 1, total: st.size } : null,
    body: createReadStream(path, { start }),
    finalUrl: req.url,
    allHttps: false,
  };
}

// The requests in flight, all cut by one listener on the stop signal (one per request would pile
// up listeners on core's one AbortSignal when many downloads run at once).
const active = new Set<(err: Error) => void>();
let listening = false;
const stopped = () => Object.assign(new Error('stopped'), { name: 'AbortError' });

function track(cut: (err: Error) => void): () => void {
  if (!listening) {
    listening = true;
    stopSignal.addEventListener('abort', () => {
      for (const each of active) each(stopped());
    }, { once: true });
  }
  active.add(cut);
  return () => active.delete(cut);
}

function requestOnce(url: URL, req: GetRequest): Promise<RawResponse> {
  const headers: Record<string, string> = { 'User-Agent': 'rejviz-images', 'Accept-Encoding': 'identity' };
  if (req.offset) headers.Range = `bytes=${req.offset}-`;
  if (req.offset && req.ifRange) headers['If-Range'] = req.ifRange;
  if (receivedSignal() !== null) return Promise.reject(stopped());
  return rawGet(url, { headers, timeoutMs: req.timeoutMs, track });
}

// What a system error code means for a download, in words (the code stays, for searching it).
function networkReason(e: NodeJS.ErrnoException, url: string): string {
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    host = url;
  }
  switch (e.code) {
    case 'ECONNREFUSED': return 'connection refused';
    case 'ECONNRESET': return 'connection reset by the server (ECONNRESET)';
    case 'ETIMEDOUT': return `timed out (${e.message})`;
    case 'ENOTFOUND': return `the host name ${host} is not known (ENOTFOUND); check the URL`;
    case 'EAI_AGAIN': return `the host name ${host} cannot be resolved now (EAI_AGAIN: no DNS answer); check the network`;
    case 'EHOSTUNREACH': case 'ENETUNREACH': return `no route to ${host} (${e.code}); check the network`;
    default: return e.code ?? e.message;
  }
}

/** Turns a failure to get a response into the error the download's retries understand. */
export function networkError(err: unknown, url: string): Error {
  if (receivedSignal() !== null || (err as Error).name === 'AbortError') return new InterruptedError(`the download of ${url}`, receivedSignal() ?? 'SIGINT');
  const e = err as NodeJS.ErrnoException;
  // The server's answer was not HTTP as this client reads it: what was wrong is the message.
  if (err instanceof ProtocolError) return new ImageError('network', `cannot fetch ${url}: the server's answer is not valid HTTP/1.1 (${err.message})`);
  const reason = networkReason(e, url);
  if (isTransientNetworkError(err)) return new TransientError(`${url}: ${reason}`);
  // TLS is never turned off: a certificate the system does not trust fails here, with its reason.
  if (/CERT|SSL|TLS/.test(e.code ?? '')) return new ImageError('network', `cannot fetch ${url}: its TLS certificate is not trusted (${e.code}); use a mirror with a valid certificate`);
  return new ImageError('network', `cannot fetch ${url}: ${reason}`);
}

/** Opens a GET of `req.url`; the body is the caller's to consume or destroy. */
export async function openGet(req: GetRequest): Promise<GetResponse> {
  if (req.url.startsWith('file:')) return getFile(req);
  let url = new URL(req.url);
  let allHttps = url.protocol === 'https:';
  for (let hop = 0; ; hop++) {
    // Credentials in a URL would be printed in every message that names it, and are not sent.
    if (url.username || url.password) throw new ImageError('http', `${url.protocol}//${url.host}${url.pathname}: a user name or password in the URL is not supported; use a URL without one`);
    const res = await requestOnce(url, req).catch((e) => {
      throw networkError(e, url.href);
    });
    const { status, headers } = res;
    const location = headers.get('location');
    if (status >= 300 && status < 400 && status !== 304 && location) {
      res.destroy();
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new ImageError('http', `${url.href} redirects to ${JSON.stringify(location.slice(0, 200))}, which is not a URL`);
      }
      if (hop >= MAX_REDIRECTS) throw new ImageError('http', `${req.url}: more than ${MAX_REDIRECTS} redirects`);
      if (url.protocol === 'https:' && next.protocol !== 'https:') throw new ImageError('http', `${url.href} redirects to ${next.href}: refusing to leave https`);
      url = next;
      allHttps &&= url.protocol === 'https:';
      continue;
    }
    // The idle timeout (http-client.ts) keeps watching the body; a stalled server fails the read.
    const chunked = /chunked/i.test(headers.get('transfer-encoding') ?? '');
    const length = chunked || headers.get('content-length') === undefined ? null : contentLength(headers.get('content-length')!);
    return {
      status,
      etag: headers.get('etag') ?? null,
      lastModified: headers.get('last-modified') ?? null,
      length: Number.isFinite(length) ? length : null,
      range: parseContentRange(headers.get('content-range')),
      body: res.body,
      receive: res.receive,
      finalUrl: url.href,
      allHttps,
    };
  }
}

/** The error of an HTTP error status: 5xx, 408 and 429 are retried, other 4xx fail at once. */
export function httpStatusError(status: number, url: string): Error {
  const message = `${url} answered HTTP ${status}${status === 404 ? ' (not found)' : ''}`;
  if (status >= 500 || status === 408 || status === 429) return new TransientError(message, 'http');
  return Object.assign(new ImageError('http', `${message}; check the URL`), { status });
}

/** Whether `error` is the server saying the file is not there (404, 410): what moves to an archive. */
export function isGone(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return error instanceof ImageError && error.failure === 'http' && (status === 404 || status === 410);
}
