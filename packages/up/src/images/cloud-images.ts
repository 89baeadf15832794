// rejviz-up images --cloud: the cloud images in the image cache (docs/images.md#the-cache), each
// with its source, URL, digest, how far it was verified, and the cached template images built
// from it (state/template-sources.ts, for templates whose volume is still in an active pool).
import { createServices, libvirtConnection, type Services } from '@rejviz/core';
import { formatDigest, imageCacheDir, listEntries, type CacheEntry, type Verification } from '@rejviz/images';
import { connectionUri } from '../libvirt/pool.js';
import { readTemplateRecords, type TemplateRecord } from '../state/template-sources.js';
import { readTemplateImages } from './template-images.js';

export interface CloudImage {
  /** The entry's directory name: ALGORITHM-HEX. */
  key: string;
  /** The catalogue key or URL it was pulled as, and the URL it came from. */
  source: string;
  url: string;
  /** The downloaded file's digest, "sha512:HEX". */
  digest: string;
  /** The cached qcow2 and its size in bytes. */
  path: string;
  size: number;
  fetchedAt: string;
  /** level: signed, pinned, https-checksum or unverified. */
  verification: Verification;
  /** The cached template images built from it, as POOL/VOLUME. */
  templates: string[];
}

export interface CloudImageRequest {
  uri?: string | null;
  /** Default $XDG_CACHE_HOME/rejviz/images. */
  cacheDir?: string;
}

/** The records of template images still in an active pool of the connection. */
export async function liveTemplateRecords(uri: string | null | undefined, s: Services): Promise<TemplateRecord[]> {
  const records = await readTemplateRecords(s.env);
  if (records.length === 0) return [];
  const present = new Set((await readTemplateImages({ uri: uri ?? null, volumeUsersOnly: true }, s)).images.map((i) => `${i.pool}/${i.volume}`));
  return records.filter((r) => present.has(`${r.pool}/${r.volume}`));
}

/**
 * The records whose templates keep their cloud images in prune: all but those whose template is
 * known to be gone, i.e. a record of this connection (or one from before records named one), in a
 * pool just listed, whose volume is not there or is in `gone` (pruned in this run). A template on
 * another connection, or in a pool that could not be listed, keeps its image.
 */
export async function keepingTemplateRecords(uri: string | null | undefined, s: Services, gone: ReadonlySet<string>): Promise<TemplateRecord[]> {
  const records = await readTemplateRecords(s.env);
  if (records.length === 0) return [];
  const connection = libvirtConnection(uri ?? null);
  const [{ images, listed }, here] = [await readTemplateImages({ uri: uri ?? null, volumeUsersOnly: true }, s), await connectionUri(s.runner, connection)];
  const present = new Set(images.map((i) => `${i.pool}/${i.volume}`));
  return records.filter((r) => {
    const key = `${r.pool}/${r.volume}`;
    const ours = (r.uri ?? here) === here;
    return !(ours && (gone.has(key) || (listed.has(r.pool) && !present.has(key))));
  });
}

/** An entry as listed, with the templates of `records` built from it. */
export function cloudImage(entry: CacheEntry, records: readonly TemplateRecord[]): CloudImage {
  const digest = formatDigest(entry.record.digest);
  return {
    key: entry.key, source: entry.record.source, url: entry.record.url, digest, path: entry.image, size: entry.record.size,
    fetchedAt: entry.record.fetchedAt, verification: entry.record.verification,
    templates: records.filter((r) => r.from.kind === 'image' && r.from.digest === digest).map((r) => `${r.pool}/${r.volume}`).sort(),
  };
}

/** Every cloud image in the cache, newest first. */
export async function listCloudImages(request: CloudImageRequest = {}, services?: Services): Promise<CloudImage[]> {
  const s = services ?? (await createServices());
  const entries = await listEntries(request.cacheDir ?? imageCacheDir(s.env));
  if (entries.length === 0) return [];
  const records = await liveTemplateRecords(request.uri, s);
  return entries.map((e) => cloudImage(e, records));
}
