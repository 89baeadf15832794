// The first step of every run that builds templates (upLab, gen): the cloud images of the plan's
// templates are pinned (state/image-pins.ts) before they are pulled, and stay pinned until the
// caller releases them, so that an `images prune` between the pull and the template build never
// removes a cache entry the run counts on. A cloud-image template's digest is its image's, so the
// plan is made again with the pulled digests.
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
  const imagePins = await withTemplatesLock(s.env, () => pinImages(s.env, imageSources(pre)), s.notice);
  try {
    const pulled = await pullLabImages(pre, request.images ?? {}, s);
    const plan = pulled.size > 0 ? await planUp({ ...request, pulled, cachedTemplates: new Set() }, s) : pre;
    return { pulled, plan, imagePins };
  } catch (e) {
    await imagePins.release();
    throw e;
  }
}

/** The cloud images a plan's templates are built from. */
function imageSources(up: UpPlan): { source: string; url: string }[] {
  return up.plan.templates.flatMap((t) => (t.image ? [{ source: t.image.source, url: t.image.url }] : []));
}
