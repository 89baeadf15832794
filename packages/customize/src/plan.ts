// The pure planner of rejviz-customize and rejviz-sysprep: the exact virt-customize/virt-sysprep
// command with the plugins' operations appended, and the files and NICs they add. The guest is
// inspected (one read-only appliance launch, cached for an unchanged image) only when a plugin
// asks for its facts, e.g. --nic-format auto.
import { cachedGuestFacts, checkOpsSupported, emptyGuestPlan, refuseDebugWithSecrets, renderAround, showCommand, toolInfo, type GuestFacts, type GuestPlan, type GuestTool, type PlanContext } from '@rejviz/core';
import type { CommandContext } from '@rejviz/cli';
import { readGuestArgs } from './guest-args.js';
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

/** Plans a virt-customize or virt-sysprep run. */
export async function planGuestRun(ctx: CommandContext, tool: 'virt-customize' | 'virt-sysprep'): Promise<GuestRunPlan> {
  const info = await toolInfo(ctx.runner, tool, ctx.env);
  const guestArgs = readGuestArgs(ctx.passthrough, new Set(info.optionsWithValue));
  const target = await resolveTarget(guestArgs, ctx.runner, ctx.cwd, ctx.binaryName);
  let inspection: Promise<{ facts: GuestFacts; cached: boolean }> | undefined;
  const inspect = () => (inspection ??= cachedGuestFacts(ctx.runner, target.disks, ctx.env));
  const warnings: string[] = [];
  const context: PlanContext = {
    command: ctx.command, options: ctx.options, runner: ctx.runner, env: ctx.env, cwd: ctx.cwd,
    guestOsinfo: async () => (await inspect()).facts.os?.osinfo ?? null,
    guestFacts: async () => (await inspect()).facts,
    warn: (text) => warnings.push(text),
  };
  const guest = await ctx.hooks.planGuest.promise(emptyGuestPlan(tool, null), context);
  guest.warnings.push(...warnings);
  checkOpsSupported(guest.ops, tool, info.version);
  if (guest.secretsFrom.length > 0) refuseDebugWithSecrets(tool, ctx.passthrough, ctx.env, guest.secretsFrom.join(', '));
  const keep = tool === 'virt-sysprep' ? sysprepOperationArgs(ctx.passthrough, guest.ops.length > 0, guest.sysprepDisable) : [];
  const args = renderAround(guest.ops, [...ctx.passthrough, ...keep]);
  return { tool, target, args, command: showCommand(tool, args), guest, context, inspected: inspection ? await inspection : null };
}
