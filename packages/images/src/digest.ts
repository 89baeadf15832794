// An image digest: algorithm and lowercase hex, written "sha256:HEX" (the form --checksum takes
// and the cache records). Only SHA-256 and SHA-512: what the distributions publish
// (docs/images.md#checksum-files).
import { UsageError } from '@rejviz/core';

export type DigestAlgorithm = 'sha256' | 'sha512';

export interface Digest {
  algorithm: DigestAlgorithm;
  hex: string;
}

export const HEX_LENGTH: Readonly<Record<DigestAlgorithm, number>> = { sha256: 64, sha512: 128 };

/** "sha256:HEX". */
export function formatDigest(digest: Digest): string {
  return `${digest.algorithm}:${digest.hex}`;
}

/** The algorithm whose hex digests have this length, if any. */
export function algorithmForLength(length: number): DigestAlgorithm | null {
  return length === 64 ? 'sha256' : length === 128 ? 'sha512' : null;
}

/** Parses "sha256:HEX" / "sha512:HEX"; `what` names the option or key in the one-line error. */
export function parseDigest(text: string, what = '--checksum'): Digest {
  const m = /^(sha256|sha512):([0-9a-fA-F]+)$/.exec(text.trim());
  const algorithm = m?.[1] as DigestAlgorithm | undefined;
  if (!m || !algorithm || m[2]!.length !== HEX_LENGTH[algorithm]) {
    throw new UsageError(`${what} '${text}': expected sha256:<64 hex digits> or sha512:<128 hex digits>`);
  }
  return { algorithm, hex: m[2]!.toLowerCase() };
}

/** Same algorithm, same bytes. */
export function sameDigest(a: Digest, b: Digest): boolean {
  return a.algorithm === b.algorithm && a.hex === b.hex;
}

/** The first 12 hex digits, for messages ("sha512:0123456789ab…"). */
export function shortDigest(digest: Digest): string {
  return `${digest.algorithm}:${digest.hex.slice(0, 12)}…`;
}
