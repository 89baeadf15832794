// rejviz-up images pull SOURCE: one cloud image into the image cache ahead of time, verified as a
// lab's pull would be (uvtool's sync, vagrant box add, kcli download image), so that a later lab
// or run can start --offline, or without waiting for the download. The source is a catalogue key
// or a URL, with --checksum and --insecure-unverified as for run.
import { createServices, type Services } from '@rejviz/core';
import { formatDigest, imageSpec, isImageUrl, parseDigest, pullImage, type ProgressRenderer } from '@rejviz/images';
import type { CloudImage } from './cloud-images.js';
import { labCatalogue } from './lab-catalogue.js';

export interface PullCloudImageRequest {
  /** A catalogue key or an https://, http:// or file:// URL. */
  source: string;
  /** --checksum sha256:HEX: the image's digest pinned by hand. */
  checksum?: string;
  /** --insecure-unverified: take an image nothing verifies (recorded as unverified). */
  insecureUnverified?: boolean;
  /** Default $XDG_CACHE_HOME/rejviz/images. */
  cacheDir?: string;
  progress?: ProgressRenderer;
}

export interface PulledCloudImage extends Omit<CloudImage, 'templates'> {
  /** It was in the cache already (checked, not downloaded). */
  fromCache: boolean;
}

/** Pulls `source` into the image cache; what the cache now holds for it. */
export async function pullCloudImage(request: PullCloudImageRequest, services?: Services): Promise<PulledCloudImage> {
  const s = services ?? (await createServices());
  const catalogue = isImageUrl(request.source) ? { version: 1 as const, entries: {} } : await labCatalogue(s.env);
  const spec = imageSpec(request.source, catalogue);
  const checksum = request.checksum === undefined ? null : parseDigest(request.checksum, '--checksum');
  const got = await pullImage(spec, {
    insecureUnverified: request.insecureUnverified === true, checksum,
    ...(request.progress && { progress: request.progress }), ...(request.cacheDir && { cacheDir: request.cacheDir }),
  }, s);
  const r = got.entry.record;
  return {
    key: got.entry.key, source: r.source, url: r.url, digest: formatDigest(r.digest), path: got.path, size: r.size,
    fetchedAt: r.fetchedAt, verification: r.verification, fromCache: got.fromCache,
  };
}
