// The small JSON record beside each cached image (entry.json): where it came from, its digest as
// the checksum file (or --checksum) named it, the digest of the stored qcow2 (they differ when the
// download was compressed or raw), and how far it was verified. Read defensively: a record that
// does not parse makes its entry invalid, never a crash.
import { algorithmForLength, type Digest } from '../digest.js';
import type { TrustLevel, Verification } from '../verify/trust-level.js';

export interface CacheRecord {
  version: 1;
  /** What the user named: a catalogue key or the URL. */
  source: string;
  url: string;
  /** The downloaded file's digest: the entry's key. */
  digest: Digest;
  /** The stored image's digest, checked before each use. */
  imageDigest: Digest;
  /** The stored image's size in bytes. */
  size: number;
  /** The format the download had before it became qcow2 (after decompression). */
  sourceFormat: string;
  compression: string;
  verification: Verification;
  /** ISO time of the download. */
  fetchedAt: string;
  /**
   * The image file as it was when its digest was last found right (usable-entry.ts): a file with
   * the same inode, size, mtime and ctime has not been written through the file system since, so
   * it is not hashed again. Absent until a check; ignored when malformed.
   */
  checked?: FileIdentity;
}

/** What stat says of a file, enough to tell that nothing wrote to it; `at`: when (epoch ms). */
export interface FileIdentity {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  at: number;
}

function isFileIdentity(v: unknown): v is FileIdentity {
  const f = v as FileIdentity;
  return typeof f === 'object' && f !== null && ['ino', 'size', 'mtimeMs', 'ctimeMs', 'at'].every((k) => typeof (f as unknown as Record<string, unknown>)[k] === 'number');
}

const LEVELS: readonly TrustLevel[] = ['signed', 'pinned', 'https-checksum', 'unverified'];

function isDigest(v: unknown): v is Digest {
  const d = v as Digest;
  return typeof d === 'object' && d !== null && typeof d.hex === 'string' && /^[0-9a-f]+$/.test(d.hex) && algorithmForLength(d.hex.length) === d.algorithm;
}

/** The record in `text`, or null when it is not one. */
export function parseCacheRecord(text: string): CacheRecord | null {
  let r: CacheRecord;
  try {
    r = JSON.parse(text) as CacheRecord;
  } catch {
    return null;
  }
  const ok = typeof r === 'object' && r !== null && r.version === 1 && typeof r.source === 'string' && typeof r.url === 'string'
    && isDigest(r.digest) && isDigest(r.imageDigest) && Number.isInteger(r.size) && typeof r.fetchedAt === 'string'
    && typeof r.verification === 'object' && r.verification !== null && LEVELS.includes(r.verification.level);
  if (!ok) return null;
  if (r.checked !== undefined && !isFileIdentity(r.checked)) delete r.checked;
  return r;
}
