// The first step of every run that builds templates (upLab, gen): the cloud images of the plan's
// templates are pinned (state/image-pins.ts) before they are pulled, and stay pinned until the
// caller releases them, so that an `images prune` between the pull and the template build never
// removes a cache entry the run counts on. A cloud-image template's digest is its image's, so the
// plan is made again with the pulled digests.
import { access } from 'node:fs/promises';
import type { Services } from '@rejviz/core';
import type { PulledImage } from '@rejviz/images';
import { pullLabImages } from '../images/pull-lab-images.js';
import { planUp, type UpPlan, type UpRequest } from '../plan/plan-up.js';
import { pinImages } from '../state/image-pins.js';
import { withTemplatesLock, type TemplatePins } from '../state/template-pins.js';

export interface PinnedPull {
  pulled: Map<string, PulledImage>;
  /** `pre`, or the plan made again with the pulled images' digests. */
  plan: UpPlan;
  /** Released by the caller once its templates are built (or it failed). */
  imagePins: TemplatePins;
}

/** Pins and pulls the cloud images `pre` names; on a failure the pins are released before it is thrown. */
export async function pinAndPullImages(pre: UpPlan, request: UpRequest, s: Services): Promise<PinnedPull> {
  const pins: TemplatePins[] = [await withTemplatesLock(s.env, () => pinImages(s.env, imageSources(pre)), s.notice)];
  const imagePins: TemplatePins = { release: async () => void (await Promise.all(pins.map((p) => p.release()))) };
  try {
    const pulled = await pullPinned(pre, request, s, pins);
    const plan = pulled.size > 0 ? await planUp({ ...request, pulled, cachedTemplates: new Set() }, s) : pre;
    return { pulled, plan, imagePins };
  } catch (e) {
    await imagePins.release();
    throw e;
  }
}

// The pull finds a cached image by its digest, so the entry it returns may have been cached under
// another source or URL than the ones pinned, and a prune could take it before the build copies
// it. So its key is pinned too, under the lock prune decides under; an entry that a prune took
// in between (it is gone once the pin is there) is pulled once more.
async function pullPinned(pre: UpPlan, request: UpRequest, s: Services, pins: TemplatePins[]): Promise<Map<string, PulledImage>> {
  for (let attempt = 1; ; attempt++) {
    const pulled = await pullLabImages(pre, request.images ?? {}, s);
    if (pulled.size === 0) return pulled;
    const entries = [...pulled.values()].map((p) => ({ source: p.entry.record.source, url: p.entry.record.url, key: p.entry.key }));
    pins.push(await withTemplatesLock(s.env, () => pinImages(s.env, entries), s.notice));
    const gone = await Promise.all([...pulled.values()].map((p) => access(p.path).then(() => false, () => true)));
    if (!gone.includes(true) || attempt === 2) return pulled;
  }
}

/** The cloud images a plan's templates are built from. */
function imageSources(up: UpPlan): { source: string; url: string }[] {
  return up.plan.templates.flatMap((t) => (t.image ? [{ source: t.image.source, url: t.image.url }] : []));
}
