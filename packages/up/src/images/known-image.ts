// What is known of a template's cloud image without fetching anything: the digest of the pull
// this run made, else the digest pinned by checksum:, else the newest cache entry of the same
// source, else nothing yet (the plan says the digest is known once the image is pulled). This is
// what plan and --dry-run show, and what a template's digest is made of (machine-config.ts).
import { formatDigest, listEntries, type PulledImage, type TrustLevel } from '@rejviz/images';
import type { LabImage } from '../lab-file/lab-types.js';

export interface TemplateImageInfo {
  /** The catalogue key or URL, as the lab file names it. */
  source: string;
  url: string;
  /** "sha512:HEX" of the downloaded file; null until it is pulled. */
  digest: string | null;
  /** Where the digest comes from. */
  known: 'pulled' | 'checksum' | 'cache' | 'after-pull';
  /** How far it was (or, pinned, will be) verified; null when not known yet. */
  level: TrustLevel | null;
}

/** The image's info from `pulled` or, without it, from the lab file and the cache in `cacheDir`. */
export async function knownImage(image: LabImage, pulled: PulledImage | undefined, cacheDir: string): Promise<TemplateImageInfo> {
  const base = { source: image.source, url: image.spec.imageUrl };
  if (pulled) return { ...base, digest: formatDigest(pulled.entry.record.digest), known: 'pulled', level: pulled.entry.record.verification.level };
  if (image.checksum) return { ...base, digest: formatDigest(image.checksum), known: 'checksum', level: 'pinned' };
  const cached = (await listEntries(cacheDir)).find((e) => e.record.source === image.source || e.record.url === image.spec.imageUrl);
  if (cached) return { ...base, digest: formatDigest(cached.record.digest), known: 'cache', level: cached.record.verification.level };
  return { ...base, digest: null, known: 'after-pull', level: null };
}
