// The checksum files distributions publish (docs/images.md#checksum-files): GNU coreutils lines
// `HASH  name` / `HASH *name` (also one space: openSUSE's), BSD/--tag lines
// `SHA256 (name) = HASH` with `#` comments (Fedora, CentOS, Rocky), and a bare hex digest
// (Alpine's `<image>.sha512`). Only SHA-256 and SHA-512 count; other lines are skipped. A
// clearsigned file is refused here: only the text gpgv verified may be parsed (verify-signature.ts),
// never lines around the signed block.
import { ImageError } from '../image-error.js';
import { algorithmForLength, type DigestAlgorithm } from '../digest.js';

export interface ChecksumEntry {
  /** The file the line is about; null for a bare digest (the file is the image's own). */
  name: string | null;
  algorithm: DigestAlgorithm;
  hex: string;
  line: number;
}

const BSD = /^(SHA-?256|SHA-?512)\s*\((.*)\)\s*=\s*([0-9a-fA-F]+)$/i;
// coreutils: two spaces (text mode) or space-star (binary mode); a single space occurs too.
const GNU = /^([0-9a-fA-F]{64}|[0-9a-fA-F]{128}) [ *]?(.+)$/;
const BARE = /^([0-9a-fA-F]{64}|[0-9a-fA-F]{128})$/;

function bsdEntry(m: RegExpExecArray, line: number, file: string): ChecksumEntry {
  const algorithm = m[1]!.replace('-', '').toLowerCase() as DigestAlgorithm;
  if (algorithmForLength(m[3]!.length) !== algorithm) {
    throw new ImageError('checksum', `checksum file ${file}, line ${line}: a ${m[1]} line with ${m[3]!.length} hex digits; the file is damaged`);
  }
  return { name: m[2]!, algorithm, hex: m[3]!.toLowerCase(), line };
}

/** The SHA-256/SHA-512 entries of a checksum file's text; `file` (its URL) names it in errors. */
export function parseChecksumFile(text: string, file: string): ChecksumEntry[] {
  if (text.includes('-----BEGIN PGP SIGNED MESSAGE-----')) {
    throw new ImageError('checksum', `checksum file ${file} is clearsigned; it is read only once its signature is verified`);
  }
  const lines = text.split(/\r?\n/);
  const content = lines.map((l, i) => ({ text: l.trim(), line: i + 1 })).filter((l) => l.text !== '' && !l.text.startsWith('#'));
  const bare = content.length === 1 ? BARE.exec(content[0]!.text) : null;
  if (bare) return [{ name: null, algorithm: algorithmForLength(bare[1]!.length)!, hex: bare[1]!.toLowerCase(), line: content[0]!.line }];
  const entries: ChecksumEntry[] = [];
  for (const { text: l, line } of content) {
    const bsd = BSD.exec(l);
    if (bsd) {
      entries.push(bsdEntry(bsd, line, file));
      continue;
    }
    const gnu = GNU.exec(l);
    if (gnu) entries.push({ name: gnu[2]!, algorithm: algorithmForLength(gnu[1]!.length)!, hex: gnu[1]!.toLowerCase(), line });
  }
  if (entries.length === 0) throw new ImageError('checksum', `checksum file ${file} has no SHA-256 or SHA-512 line; is it a checksum file?`);
  return entries;
}
