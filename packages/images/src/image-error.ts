// Why an image could not be had, as one line: an input error (exit 2) in the sense of
// docs/errors.md, since the image the user named is what is wrong (not found, altered, signed by
// the wrong key, unverifiable) or cannot be reached; nothing of it is left in the cache. `failure`
// says which, for callers and tests that branch on it.
import { ERROR_CODES, UsageError } from '@rejviz/core';

export type ImageFailure =
  /** The catalogue or a source the user named is not usable (unknown key, bad URL). */
  | 'source'
  /** The server answered an HTTP error (4xx at once, 5xx after the retries). */
  | 'http'
  /** The server could not be reached or kept failing (reset, refused, timed out, short body). */
  | 'network'
  /** The image's digest is not the one its checksum file (or --checksum) names. */
  | 'digest'
  /** The checksum file's signature is bad, missing, or by a key that is not pinned. */
  | 'signature'
  /** The signing key's material is nowhere to be found. */
  | 'key'
  /** The checksum file is unreadable or has no entry for the image. */
  | 'checksum'
  /** Nothing verifies the image and --insecure-unverified was not given. */
  | 'unverified'
  /** --offline and no usable cache entry. */
  | 'offline'
  /** The file is not a disk image rejviz accepts (format, backing file). */
  | 'image'
  /** No space left on the cache's file system. */
  | 'disk-full';

export class ImageError extends UsageError {
  constructor(readonly failure: ImageFailure, message: string) {
    super(message, ERROR_CODES.INPUT);
    this.name = 'ImageError';
  }
}
