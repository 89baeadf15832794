// The cloud images of the templates a plan uses, in the image cache: each pulled (verified, and
// downloaded only when its digest is not cached yet; --offline: the cache alone), once per image
// however many profiles name it. Their digests then make the templates' digests (plan-up.ts), and
// the builds copy them (build-template.ts).
import type { Services } from '@rejviz/core';
import { formatDigest, ImageError, pullImage, type PulledImage } from '@rejviz/images';
import type { UpPlan } from '../plan/plan-up.js';
import type { LabImageOptions } from './lab-image-options.js';

/** The images the plan's cloud-image templates are built from, by template profile. */
export async function pullLabImages(up: UpPlan, options: LabImageOptions, s: Services): Promise<Map<string, PulledImage>> {
  const pulled = new Map<string, PulledImage>();
  const once = new Map<string, PulledImage>();
  for (const step of up.plan.templates) {
    const image = up.lab.templates.find((t) => t.name === step.name)?.image;
    if (!image) continue;
    const key = `${image.spec.imageUrl}|${image.checksum ? formatDigest(image.checksum) : ''}|${image.insecureUnverified}`;
    let got = once.get(key);
    if (!got) {
      try {
        got = await pullImage(image.spec, {
          offline: options.offline === true, insecureUnverified: image.insecureUnverified, checksum: image.checksum,
          ...(options.progress && { progress: options.progress }), ...(options.cacheDir && { cacheDir: options.cacheDir }),
        }, s);
      } catch (e) {
        // The library names the flags; a lab file says the same with keys beside image:.
        if (e instanceof ImageError && e.failure === 'unverified') throw new ImageError(e.failure, `template ${step.name}: ${e.message} (in a lab file: checksum: or insecureUnverified: true beside image:)`);
        if (e instanceof ImageError) throw new ImageError(e.failure, `template ${step.name}: ${e.message}`);
        throw e;
      }
      once.set(key, got);
    }
    pulled.set(step.name, got);
  }
  return pulled;
}
