// Carries out a customize or sysprep plan: the tool runs once between the hooks (core's
// runPlannedTool); the plugins' private files go as soon as it has run.
import { checkpoint, imageInUse, runPlannedTool, ToolError, type ManifestNic, type Services } from '@rejviz/core';
import type { GuestRunPlan } from './plan.js';
import { IN_USE } from './target.js';

/** What a finished customize or sysprep run did (the --json document of the bins). */
export interface GuestRunResult {
  target: string;
  nicFormat: string | null;
  nics: ManifestNic[];
  command: string;
}

/** Runs the plan's tool; its exit code passes through as a ToolError. */
export async function runGuestPlan(plan: GuestRunPlan, services: Services): Promise<GuestRunResult> {
  await checkpoint('planned', services.env);
  try {
    await runPlannedTool(services, plan.context, plan.tool, plan.args, plan.guest.cleanup);
  } catch (err) {
    // Started at the same moment as another writer, the tool fails with libguestfs's "appliance
    // failed to start"; the real reason is the image lock, which only its debug log names.
    if (err instanceof ToolError) {
      for (const d of plan.target.disks) if (await imageInUse(d.path)) services.notice(`note: ${d.path} ${IN_USE}`);
    }
    throw err;
  }
  return { target: plan.target.label, nicFormat: plan.guest.nicFormat, nics: plan.guest.nics, command: plan.command };
}
