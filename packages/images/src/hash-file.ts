// The digest of a file on disk, streamed (images are gigabytes), optionally into a hash the
// caller goes on feeding: a resumed download hashes what it already has, then the rest.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Digest, DigestAlgorithm } from './digest.js';

/** Feeds the file's bytes (all, or the first `length`) into `hash`. */
export async function feedFile(hash: Hash, path: string, length?: number): Promise<void> {
  if (length === 0) return;
  const stream = createReadStream(path, length === undefined ? {} : { start: 0, end: length - 1 });
  for await (const chunk of stream) hash.update(chunk as Buffer);
}

/** The file's digest with `algorithm`. */
export async function hashFile(path: string, algorithm: DigestAlgorithm): Promise<Digest> {
  const hash = createHash(algorithm);
  await feedFile(hash, path);
  return { algorithm, hex: hash.digest('hex') };
}
