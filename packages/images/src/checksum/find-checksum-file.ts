// For an image URL given without its checksum file: the names distributions use beside an image
// (docs/images.md#checksum-files), tried in order until one has an entry for the image. A missing
// file (404) is no error here; when none fits, the image has no checksum file.
import type { ChecksumSource, ImageSpec } from '../image-spec.js';

/** The candidate checksum files of `spec`'s image, most specific first. */
export function checksumCandidates(spec: ImageSpec): ChecksumSource[] {
  const dir = new URL('.', spec.imageUrl).href;
  const own = ['sha256', 'sha512', 'SHA256SUM', 'CHECKSUM'].map((ext) => ({ url: `${spec.imageUrl}.${ext}`, algorithm: null, perImage: true }));
  const shared = ['SHA256SUMS', 'SHA512SUMS', 'CHECKSUM'].map((name) => ({ url: `${dir}${name}`, algorithm: null, perImage: false }));
  return [...own, ...shared];
}
