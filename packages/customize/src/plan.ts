// The pure planner of rejviz-customize and rejviz-sysprep: the exact virt-customize/virt-sysprep
// command with the plugins' operations appended, and the files and NICs they add. The guest is
// inspected (one read-only appliance launch, cached for an unchanged image) only when a plugin
// asks for its facts, e.g. --nic-format auto.
import {
  cachedGuestFacts, checkOpsSupported, createPlanContext, emptyGuestPlan, refuseDebugWithSecrets, renderAround, showCommand, toolInfo, UsageError,
  type GuestFacts, type GuestPlan, type GuestTool, type PlanContext, type Services,
} from '@rejviz/core';
import { readGuestArgs } from './guest-args.js';
import type { GuestToolRequest } from './request.js';
import { sysprepOperationArgs } from './sysprep-operations.js';
import { resolveTarget, type Target } from './target.js';

export interface GuestRunPlan {
  tool: GuestTool;
  target: Target;
  args: string[];
  command: string;
  guest: GuestPlan;
  context: PlanContext;
  /** What inspection found, when it ran (and whether it came from the cache). */
  inspected: { facts: GuestFacts; cached: boolean } | null;
}

// The target given as fields becomes the tool's own arguments (-a per image with its --format,
// or -c/-d), after the arguments passed through; giving it both ways is an error.
function targetArgs(request: GuestToolRequest, fromArgs: boolean): string[] {
  const asFields = (request.images?.length ?? 0) > 0 || request.domain !== undefined;
  if (!asFields) return [];
  if (fromArgs) throw new UsageError('the guest is given twice: as a request field and in the tool arguments (-a/-d); give it once');
  if (request.domain !== undefined) return [...(request.uri ? ['-c', request.uri] : []), '-d', request.domain];
  return (request.images ?? []).flatMap((i) => ['--format', i.format ?? 'auto', '-a', i.path]);
}

/** Plans a virt-customize or virt-sysprep run. */
export async function planGuestRun(tool: 'virt-customize' | 'virt-sysprep', request: GuestToolRequest, services: Services): Promise<GuestRunPlan> {
  const info = await toolInfo(services.runner, tool, services.env);
  const given = [...(request.toolArgs ?? [])];
  const withValue = new Set(info.optionsWithValue);
  const fromArgs = readGuestArgs(given, withValue);
  const toolArgs = [...given, ...targetArgs(request, fromArgs.images.length > 0 || fromArgs.domain !== null)];
  const bin = tool === 'virt-sysprep' ? 'rejviz-sysprep' : 'rejviz-customize';
  const target = await resolveTarget(readGuestArgs(toolArgs, withValue), services.runner, services.cwd, bin);
  let inspection: Promise<{ facts: GuestFacts; cached: boolean }> | undefined;
  const inspect = () => (inspection ??= cachedGuestFacts(services.runner, target.disks, services.env));
  const { context, warnings } = createPlanContext(services, tool === 'virt-sysprep' ? 'sysprep' : 'customize', request.options ?? {}, {
    guestOsinfo: async () => (await inspect()).facts.os?.osinfo ?? null,
    guestFacts: async () => (await inspect()).facts,
  });
  const guest = await services.hooks.planGuest.promise(emptyGuestPlan(tool, null), context);
  guest.warnings.push(...warnings);
  checkOpsSupported(guest.ops, tool, info.version);
  if (guest.secretsFrom.length > 0) refuseDebugWithSecrets(tool, toolArgs, services.env, guest.secretsFrom.join(', '));
  const keep = tool === 'virt-sysprep' ? sysprepOperationArgs(toolArgs, guest.ops.length > 0, guest.sysprepDisable) : [];
  const args = renderAround(guest.ops, [...toolArgs, ...keep]);
  return { tool, target, args, command: showCommand(tool, args), guest, context, inspected: inspection ? await inspection : null };
}
