// The command line's say over a lab's cloud images: --offline and --insecure-unverified for every
// image of the run, --checksum for its one cloud-image template (a lab with several writes
// checksum: beside each image: instead). Applied to the resolved lab once, so the plan, the pulls
// and the builds all see the same settings.
import { UsageError } from '@rejviz/core';
import { parseDigest, type ProgressRenderer } from '@rejviz/images';
import type { Lab } from '../lab-file/lab-types.js';

export interface LabImageOptions {
  /** --offline: the image cache only; no URL is resolved. */
  offline?: boolean;
  /** --insecure-unverified: take images nothing verifies (each is shown as unverified). */
  insecureUnverified?: boolean;
  /** --checksum sha256:HEX: the digest of the lab's one cloud image. */
  checksum?: string;
  /** Where a pull's progress goes (progressRendererFor(stderr)); none: no progress. */
  progress?: ProgressRenderer;
  /** The image cache (default: $XDG_CACHE_HOME/rejviz/images). */
  cacheDir?: string;
}

/** The lab with the options applied to its templates' images; a misplaced --checksum is a one-line error. */
export function applyImageOptions(lab: Lab, options: LabImageOptions = {}): Lab {
  const imaged = lab.templates.filter((t) => t.image !== null);
  let checksum = null;
  if (options.checksum !== undefined) {
    checksum = parseDigest(options.checksum, '--checksum');
    if (imaged.length !== 1) {
      throw new UsageError(`--checksum ${options.checksum}: the lab has ${imaged.length} cloud-image templates; --checksum pins the digest of one, so write checksum: beside each image: in the lab file instead`);
    }
  }
  if (imaged.length === 0 || (checksum === null && !options.insecureUnverified)) return lab;
  return {
    ...lab,
    templates: lab.templates.map((t) => (t.image === null ? t : {
      ...t,
      image: {
        ...t.image, checksum: checksum ?? t.image.checksum, insecureUnverified: t.image.insecureUnverified || options.insecureUnverified === true,
        // One run's pin is no change to the profile (machine-config.ts's templateProfileDigest).
        ...(checksum !== null && { checksumInFile: t.image.checksum }),
      },
    })),
  };
}
