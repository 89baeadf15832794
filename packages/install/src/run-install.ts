// Carries out an install plan: the seed volume (if any), then virt-install once between the hooks.
// A run that fails or is interrupted leaves nothing it made: the seed volume is deleted, and a
// domain virt-install defined before it stopped is removed (recognised by the run's --uuid).
import { checkpoint, runPlannedTool, type Services } from '@rejviz/core';
import { undoOwnDomain } from './own-domain.js';
import type { InstallRun } from './plan.js';
import { createSeedVolume } from './seed-volume.js';

/** Writes the seed and runs virt-install; its exit code passes through as a ToolError. */
export async function runInstall(run: InstallRun, services: Services): Promise<void> {
  const { plan, context, uuid } = run;
  await checkpoint('planned', services.env);
  const seed = plan.seed ? await createSeedVolume(services.runner, context.virshConnect, plan.seed, services.env) : null;
  if (seed) await checkpoint('seed-written', services.env);
  // Registered after the seed's undo, so it runs first: the domain goes before the volume it uses.
  const domain = undoOwnDomain(services.runner, context.virshConnect, plan.domain, uuid);
  await runPlannedTool(services, context, 'virt-install', plan.args);
  domain.dismiss();
  seed?.dismiss();
}
