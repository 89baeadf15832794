// The image catalogue as catalogue.json holds it (checked by catalogue-schema.ts and
// catalogue-rules.ts). Facts and their public sources: docs/images.md#the-catalogue.
import type { DigestAlgorithm } from '../digest.js';

/** Where a signing key's material may be read: a local file (a Debian package's) or a URL. */
export type KeySource = { file: string; package?: string } | { url: string };

export interface CatalogueKey {
  /** The owner's user id, for messages. */
  name: string;
  /** The primary key's full fingerprint: 40 uppercase hex digits, no spaces. */
  fingerprint: string;
  /** Tried in order; a file or URL may hold other keys too: only this fingerprint is kept. */
  sources: KeySource[];
}

/** How the checksum file is signed: not at all, a detached file beside it, or inline. */
export type SignatureSpec =
  | { kind: 'none'; note: string }
  | { kind: 'detached'; url: string }
  | { kind: 'clearsigned' };

export interface ChecksumSpec {
  /** URL pattern of the checksum file. */
  url: string;
  /** The algorithm whose entry is used. */
  algorithm: DigestAlgorithm;
  /**
   * The file is the image's own (`<image>.sha256`): its one entry is the image's even when it
   * names another file (openSUSE's alias names the build file).
   */
  perImage: boolean;
}

export interface CatalogueEntry {
  description: string;
  /** The osinfo short id, for virt-install --osinfo. */
  osinfo: string;
  /** URL pattern of the image; `{arch}` becomes the distribution's word for the architecture. */
  image: string;
  /** rejviz's architecture name (uname -m) -> the distribution's word in URLs. */
  arches: Record<string, string>;
  /** The image's format once decompressed. */
  format: 'qcow2' | 'raw';
  /** True when the URL is an alias whose content changes (latest, current): stored by digest. */
  alias: boolean;
  checksum: ChecksumSpec;
  signature: SignatureSpec;
  /** The keys whose signature is accepted (empty when nothing is signed). */
  keys: CatalogueKey[];
  /**
   * Where the release's files move at its end of life (Fedora's go to archives.fedoraproject.org):
   * when the server answers 404 for a file, every URL that starts with `from` is tried again
   * with `to` in its place.
   */
  archive?: { from: string; to: string };
}

export interface Catalogue {
  version: 1;
  entries: Record<string, CatalogueEntry>;
}
