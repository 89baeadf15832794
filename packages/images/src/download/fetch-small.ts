// A small file whole, in memory: a checksum file, a signature, a public key. Retried like a
// download; a size cap keeps a wrong URL (the image itself) from filling memory.
import { ImageError } from '../image-error.js';
import { httpStatusError, networkError, openGet } from './http-get.js';
import { TransientError, withRetries, type RetryPolicy } from './retry.js';

export interface SmallFile {
  bytes: Buffer;
  finalUrl: string;
  /** Fetched over https only (redirects included). */
  allHttps: boolean;
}

export interface FetchSmallOptions {
  retry: RetryPolicy;
  timeoutMs: number;
  /** Default 4 MiB. */
  maxBytes?: number;
  /** A 404 (or a missing file) returns null instead of failing: a file that may not exist. */
  optional?: boolean;
}

async function fetchOnce(url: string, options: FetchSmallOptions): Promise<SmallFile | null> {
  const res = await openGet({ url, timeoutMs: options.timeoutMs }).catch((e) => {
    if (options.optional && e instanceof ImageError && url.startsWith('file:')) return null;
    throw e;
  });
  if (res === null) return null;
  if (res.status === 404 && options.optional) {
    res.body.destroy();
    return null;
  }
  if (res.status !== 200) {
    res.body.destroy();
    throw httpStatusError(res.status, url);
  }
  const max = options.maxBytes ?? 4 * 1024 * 1024;
  if (res.length !== null && res.length > max) {
    res.body.destroy();
    throw new ImageError('checksum', `${url} is ${res.length} bytes; a checksum file, signature or key is at most ${max}: is it the right URL?`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > max) {
        res.body.destroy();
        throw new ImageError('checksum', `${url} is over ${max} bytes; a checksum file, signature or key is smaller: is it the right URL?`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (e) {
    if (e instanceof ImageError) throw e;
    throw networkError(e, url);
  }
  if (res.length !== null && size !== res.length) throw new TransientError(`${url}: got ${size} bytes, Content-Length said ${res.length}`);
  return { bytes: Buffer.concat(chunks), finalUrl: res.finalUrl, allHttps: res.allHttps };
}

/** Fetches `url` whole (null: optional and absent). */
export function fetchSmall(url: string, options: FetchSmallOptions & { optional: true }): Promise<SmallFile | null>;
export function fetchSmall(url: string, options: FetchSmallOptions): Promise<SmallFile>;
export function fetchSmall(url: string, options: FetchSmallOptions): Promise<SmallFile | null> {
  return withRetries(`fetching ${url}`, options.retry, () => fetchOnce(url, options));
}
