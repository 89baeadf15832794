// rejviz-install as a library call: a domain whose NICs carry the image's MACs, from a manifest in
// memory, with no argv and no child rejviz process (docs/api.md).
import { createServices, requestOptionValues, withCleanupScope, type Services } from '@rejviz/core';
import { cloudInitPlugin } from '@rejviz/plugin-cloud-init/plugin';
import { macMatchPlugin } from '@rejviz/plugin-mac-match/plugin';
import { planInstall, type InstallRun } from './plan.js';
import type { InstallRequest } from './request.js';
import { runInstall } from './run-install.js';

/** The plugins rejviz-install has built in (MAC matching, cloud-init seeds). */
export function installPlugins() {
  return [macMatchPlugin(), cloudInitPlugin()];
}

/** Defines and starts the domain a request asks for; returns the plan it carried out. */
export async function install(request: InstallRequest, services?: Services): Promise<InstallRun> {
  const s = services ?? (await createServices({ plugins: installPlugins() }));
  return withCleanupScope(async () => {
    // The request's options are data (as in a lab file): typed here by the plugins' declarations.
    const options = await requestOptionValues(s.plugins, 'install', request.options, s.notice);
    const run = await planInstall({ ...request, options }, s);
    for (const notice of run.plan.notices) s.notice(notice);
    for (const w of run.plan.warnings) s.notice(`warning: ${w}`);
    await runInstall(run, s);
    return run;
  }, (line) => s.notice(`warning: ${line}`));
}
