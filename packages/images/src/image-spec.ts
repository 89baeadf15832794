// What to fetch for an image source the user named (a catalogue key or a URL), with every URL
// filled in: the input of pullImage. Pure: nothing is fetched here, so --dry-run and planning
// can show it.
import { posix } from 'node:path';
import { UsageError } from '@rejviz/core';
import type { Catalogue, CatalogueKey, SignatureSpec } from './catalogue/catalogue-types.js';
import type { DigestAlgorithm } from './digest.js';

export interface ChecksumSource {
  url: string;
  /** The algorithm whose entry counts; null: the strongest the file has. */
  algorithm: DigestAlgorithm | null;
  /** The file is the image's own: its one entry is the image's, whatever name it gives. */
  perImage: boolean;
}

export interface ImageSpec {
  /** As the user wrote it (a catalogue key or the URL): the name offline lookups match. */
  source: string;
  imageUrl: string;
  /** The image's file name, as checksum files name it. */
  fileName: string;
  /** The checksum file; null for a URL source without one: looked for beside the image. */
  checksum: ChecksumSource | null;
  signature: SignatureSpec;
  keys: CatalogueKey[];
  osinfo: string | null;
  /** The same files where the release moves at its end of life (the catalogue's archive): tried after a 404. */
  archived?: ImageSpec;
}

export interface UrlSourceOptions {
  /** The checksum file's URL; without it, the usual names beside the image are tried. */
  checksumUrl?: string;
  /** How the checksum file is signed, and by whom (keys: pinned fingerprints and their files). */
  signature?: SignatureSpec;
  keys?: CatalogueKey[];
}

const SCHEMES = new Set(['https:', 'http:', 'file:']);

/** rejviz's name (uname -m) for this host's architecture. */
export function hostArch(): string {
  return ({ x64: 'x86_64', arm64: 'aarch64', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' } as Record<string, string>)[process.arch] ?? process.arch;
}

/** Whether `text` is an image URL (as opposed to a catalogue key). */
export function isImageUrl(text: string): boolean {
  return /^(https?|file):\/\//.test(text);
}

function checkUrl(url: string, what: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`${what} '${url}': not a URL; give an https://, http:// or file:///ABSOLUTE/PATH URL`);
  }
  if (!SCHEMES.has(parsed.protocol)) throw new UsageError(`${what} '${url}': unsupported scheme ${parsed.protocol}; use https://, http:// or file://`);
  if (parsed.protocol === 'file:' && parsed.host !== '') throw new UsageError(`${what} '${url}': a file URL names a local path; write file:///ABSOLUTE/PATH`);
  // The URL is shown in messages and kept in the cache's records: no secret may ride in it.
  if (parsed.username !== '' || parsed.password !== '') throw new UsageError(`${what} ${parsed.protocol}//${parsed.host}${parsed.pathname}: credentials in a URL would be shown and recorded; use a URL without user:password@`);
  return parsed;
}

const fileNameOf = (url: URL) => (url.pathname.endsWith('/') ? '' : decodeURIComponent(posix.basename(url.pathname)));

/** The spec of a URL source. */
export function urlImageSpec(url: string, options: UrlSourceOptions = {}): ImageSpec {
  const parsed = checkUrl(url, 'image URL');
  const fileName = fileNameOf(parsed);
  if (fileName === '') throw new UsageError(`image URL '${url}': names a directory; give the image file's URL`);
  if (options.checksumUrl !== undefined) checkUrl(options.checksumUrl, 'checksum URL');
  const signature = options.signature ?? { kind: 'none', note: 'no signature given for this URL' };
  if (signature.kind === 'detached') checkUrl(signature.url, 'signature URL');
  const keys = options.keys ?? [];
  if (signature.kind !== 'none' && keys.length === 0) throw new UsageError(`image URL '${url}': a signature needs the signing key's fingerprint; pin one`);
  return {
    source: url,
    imageUrl: url,
    fileName,
    checksum: options.checksumUrl === undefined ? null : { url: options.checksumUrl, algorithm: null, perImage: options.checksumUrl.startsWith(`${url}.`) },
    signature,
    keys,
    osinfo: null,
  };
}

/** The spec of catalogue entry `key` for `arch` (default: this host's). */
export function catalogueImageSpec(catalogue: Catalogue, key: string, arch = hostArch()): ImageSpec {
  const entry = catalogue.entries[key];
  if (!entry) {
    throw new UsageError(`image source '${key}': not a catalogue key or an https://, http:// or file:// URL; known keys: ${Object.keys(catalogue.entries).join(', ')}`);
  }
  const word = entry.arches[arch];
  if (word === undefined) throw new UsageError(`image source '${key}': no image for architecture ${arch} (the catalogue has ${Object.keys(entry.arches).join(', ')})`);
  const fill = (pattern: string) => pattern.replaceAll('{arch}', word);
  const imageUrl = fill(entry.image);
  const signature: SignatureSpec = entry.signature.kind === 'detached' ? { kind: 'detached', url: fill(entry.signature.url) } : entry.signature;
  const spec: ImageSpec = {
    source: key,
    imageUrl,
    fileName: fileNameOf(new URL(imageUrl)),
    checksum: { ...entry.checksum, url: fill(entry.checksum.url) },
    signature,
    keys: entry.keys,
    osinfo: entry.osinfo,
  };
  if (!entry.archive) return spec;
  const { from, to } = entry.archive;
  const moved = (url: string) => (url.startsWith(from) ? to + url.slice(from.length) : url);
  return {
    ...spec,
    archived: {
      ...spec,
      imageUrl: moved(spec.imageUrl),
      checksum: { ...spec.checksum!, url: moved(spec.checksum!.url) },
      signature: signature.kind === 'detached' ? { kind: 'detached', url: moved(signature.url) } : signature,
    },
  };
}

/** The spec of a source as the user wrote it: a URL, else a catalogue key. */
export function imageSpec(source: string, catalogue: Catalogue, options: UrlSourceOptions & { arch?: string } = {}): ImageSpec {
  return isImageUrl(source) ? urlImageSpec(source, options) : catalogueImageSpec(catalogue, source, options.arch);
}
