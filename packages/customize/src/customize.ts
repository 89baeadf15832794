// rejviz-customize and rejviz-sysprep as library calls: no argv, no child rejviz process
// (docs/api.md).
import { createServices, requestOptionValues, withCleanupScope, type Services } from '@rejviz/core';
import { guestToolPlugins } from './guest-tool-spec.js';
import { planGuestRun } from './plan.js';
import type { GuestToolRequest } from './request.js';
import { runGuestPlan, type GuestRunResult } from './run-guest-plan.js';

export { guestToolPlugins };

async function run(tool: 'virt-customize' | 'virt-sysprep', request: GuestToolRequest, services?: Services): Promise<GuestRunResult> {
  const s = services ?? (await createServices({ plugins: guestToolPlugins() }));
  return withCleanupScope(async () => {
    // The request's options are data (as in a lab file): typed here by the plugins' declarations.
    const options = await requestOptionValues(s.plugins, tool === 'virt-sysprep' ? 'sysprep' : 'customize', request.options, s.notice);
    const plan = await planGuestRun(tool, { ...request, options }, s);
    for (const w of plan.guest.warnings) s.notice(`warning: ${w}`);
    return runGuestPlan(plan, s);
  }, (line) => s.notice(`warning: ${line}`));
}

/** Changes an image (or a shut-off domain) with virt-customize and the plugins' operations. */
export function customize(request: GuestToolRequest, services?: Services): Promise<GuestRunResult> {
  return run('virt-customize', request, services);
}

/** Resets an image with virt-sysprep, then applies the plugins' operations in the same run. */
export function sysprep(request: GuestToolRequest, services?: Services): Promise<GuestRunResult> {
  return run('virt-sysprep', request, services);
}
