// rejviz-builder as a library call: build(request) plans and runs one build and returns the image
// manifest, with no argv and no child rejviz process (docs/api.md).
import { createServices, requestOptionValues, withCleanupScope, type ImageManifest, type Services } from '@rejviz/core';
import { nicPlugin } from '@rejviz/plugin-nic/plugin';
import { rhsmPlugin } from '@rejviz/plugin-rhsm/plugin';
import { planBuild, type BuildPlan } from './plan.js';
import type { BuildRequest } from './request.js';
import { runBuild } from './run-build.js';

/** The plugins rejviz-builder has built in (--nic, --rhsm-*). */
export function builderPlugins() {
  return [nicPlugin(), rhsmPlugin()];
}

/**
 * Builds the image a request asks for and returns its manifest (and the plan). Without services,
 * the built-in plugins, this process's env and cwd are used. Whatever the run made and did not
 * publish is removed before the promise settles, also when it rejects.
 */
export async function build(request: BuildRequest, services?: Services): Promise<{ manifest: ImageManifest; plan: BuildPlan }> {
  const s = services ?? (await createServices({ plugins: builderPlugins() }));
  return withCleanupScope(async () => {
    // The request's options are data (as in a lab file): typed here by the plugins' declarations.
    const options = await requestOptionValues(s.plugins, 'builder', request.options, s.notice);
    const plan = await planBuild({ ...request, options }, s);
    for (const w of plan.guest.warnings) s.notice(`warning: ${w}`);
    return { manifest: await runBuild(plan, s), plan };
  }, (line) => s.notice(`warning: ${line}`));
}
