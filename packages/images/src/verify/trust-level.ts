// How far an image was verified, and what a source needs by default (docs/images.md#trust-levels).
//   signed          the checksum file's signature was verified by gpgv, made by a key whose full
//                   fingerprint the catalogue (or the caller) pins; the image's digest matched it
//   pinned          the user gave the digest (--checksum sha256:HEX) and the image matched it
//   https-checksum  an unsigned checksum file fetched over https only (every redirect too) from
//                   the publisher named in the catalogue or URL; the digest matched. This trusts
//                   the server's TLS certificate, nothing more: the level of distributions that
//                   sign nothing (Debian, CentOS Stream, Rocky 9)
//   unverified      none of the above (no checksum file, or one over http:// or file:// without a
//                   signature); a digest that was given is still checked
// A source that publishes a signature needs `signed`; one that signs nothing needs
// `https-checksum`; `pinned` satisfies both. --insecure-unverified accepts anything, and the
// level is recorded as reached, so status and images can say "unverified".
import type { SignatureSpec } from '../catalogue/catalogue-types.js';

export type TrustLevel = 'signed' | 'pinned' | 'https-checksum' | 'unverified';

const RANK: Readonly<Record<TrustLevel, number>> = { signed: 3, pinned: 3, 'https-checksum': 2, unverified: 0 };

/** What an image's verification found, as the cache records it. */
export interface Verification {
  level: TrustLevel;
  /** The checksum file the digest came from (null when pinned or unverified without one). */
  checksumUrl: string | null;
  /** The primary key fingerprint that signed the checksum file. */
  signer: string | null;
}

/** The level a source must reach unless --insecure-unverified. */
export function requiredLevel(signature: SignatureSpec): TrustLevel {
  return signature.kind === 'none' ? 'https-checksum' : 'signed';
}

/** Whether `reached` is enough for a source needing `required`. */
export function meetsLevel(reached: TrustLevel, required: TrustLevel, insecureUnverified: boolean): boolean {
  return insecureUnverified || RANK[reached] >= RANK[required];
}

/** Whether `a` verifies more than `b`. */
export function strongerThan(a: TrustLevel, b: TrustLevel): boolean {
  return RANK[a] > RANK[b];
}

/** One phrase for messages and listings. */
export function describeVerification(v: Verification): string {
  switch (v.level) {
    case 'signed':
      return `signed by ${v.signer} (${v.checksumUrl})`;
    case 'pinned':
      return 'digest pinned by hand';
    case 'https-checksum':
      return `unsigned checksum over https (${v.checksumUrl})`;
    case 'unverified':
      return v.checksumUrl === null ? 'unverified' : `unverified (unsigned checksum file ${v.checksumUrl} not fetched over https)`;
  }
}
