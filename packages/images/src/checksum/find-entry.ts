// The image's line in a parsed checksum file. By file name; in a file that is the image's own
// (`<image>.sha256`) its only entry counts whatever name it gives, since an alias's checksum names
// the build file behind it (openSUSE/MirrorCache#528). Two different digests for one name are
// refused: which one the publisher meant cannot be told.
import { ImageError } from '../image-error.js';
import type { Digest, DigestAlgorithm } from '../digest.js';
import type { ChecksumEntry } from './parse-checksum-file.js';

export interface EntryQuery {
  /** The image's file name. */
  name: string;
  /** Only this algorithm's entries; null: SHA-512 if there is one, else SHA-256. */
  algorithm: DigestAlgorithm | null;
  perImage: boolean;
  /** The checksum file's URL, for messages. */
  file: string;
}

function pick(entries: ChecksumEntry[], query: EntryQuery): ChecksumEntry[] {
  const named = entries.filter((e) => e.name === query.name || e.name === `./${query.name}`);
  if (named.length > 0) return named;
  const bare = entries.filter((e) => e.name === null);
  if (bare.length > 0) return bare;
  const names = new Set(entries.map((e) => e.name));
  return query.perImage && names.size === 1 ? entries : [];
}

/** The image's expected digest per the checksum file; an error naming the file and the entry. */
export function findChecksumEntry(entries: ChecksumEntry[], query: EntryQuery): Digest {
  const usable = query.algorithm === null ? entries : entries.filter((e) => e.algorithm === query.algorithm);
  const found = pick(usable, query);
  if (found.length === 0) {
    const what = query.algorithm === null ? '' : ` ${query.algorithm}`;
    const listed = [...new Set(usable.map((e) => e.name ?? '(bare digest)'))];
    const shown = listed.length > 4 ? `${listed.slice(0, 4).join(', ')} and ${listed.length - 4} more` : listed.join(', ') || 'nothing';
    throw new ImageError('checksum', `checksum file ${query.file} has no${what} entry for ${query.name} (it lists ${shown}); check the image URL or the checksum file`);
  }
  const strongest = found.some((e) => e.algorithm === 'sha512') ? found.filter((e) => e.algorithm === 'sha512') : found;
  const digests = new Set(strongest.map((e) => e.hex));
  if (digests.size > 1) {
    throw new ImageError('checksum', `checksum file ${query.file} gives ${digests.size} different digests for ${query.name} (lines ${strongest.map((e) => e.line).join(', ')}); refusing to guess`);
  }
  return { algorithm: strongest[0]!.algorithm, hex: strongest[0]!.hex };
}
