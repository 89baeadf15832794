// What rejviz-customize and rejviz-sysprep do once their arguments are parsed: plan, then print
// the dry run or run the tool once (its exit code passes through); private files the plugins made
// (secrets) are removed as soon as the tool has run (and, by core's cleanup registry, however the
// run ends).
import { rm } from 'node:fs/promises';
import { dryRunJson, dryRunText, nicLine, type CommandContext } from '@rejviz/cli';
import { checkpoint, describeStacks, imageInUse, ToolError } from '@rejviz/core';
import { planGuestRun, type GuestRunPlan } from './plan.js';
import { IN_USE } from './target.js';

function detected(plan: GuestRunPlan): Record<string, unknown> {
  return plan.inspected ? { detected: { ...plan.inspected.facts, cached: plan.inspected.cached } } : {};
}

/** Runs a parsed rejviz-customize/-sysprep command line; returns the exit code. */
export async function executeGuestTool(ctx: CommandContext, tool: 'virt-customize' | 'virt-sysprep'): Promise<number> {
  let plan: GuestRunPlan | undefined;
  try {
    plan = await planGuestRun(ctx, tool);
    for (const w of plan.guest.warnings) ctx.notice(`warning: ${w}`);
    if (plan.inspected) ctx.notice(`guest: ${describeStacks(plan.inspected.facts)}${plan.inspected.cached ? ' (cached)' : ''}`);
    if (ctx.runner.dryRun) {
      ctx.stdout.write(ctx.options['--json'] ? dryRunJson(plan.command, plan.guest, detected(plan)) : dryRunText(tool, plan.command, plan.guest));
      return 0;
    }
    await checkpoint('planned', ctx.env);
    const call = { tool, args: plan.args };
    await ctx.hooks.beforeTool.promise(call, plan.context);
    await checkpoint('tool-start', ctx.env);
    const { disks } = plan.target;
    const result = await ctx.runner.run(tool, plan.args, { stream: true }).catch(async (err: unknown) => {
      // Started at the same moment as another writer, the tool fails with libguestfs's "appliance
      // failed to start"; the real reason is the image lock, which only its debug log names.
      if (err instanceof ToolError) {
        for (const d of disks) if (await imageInUse(d.path)) ctx.notice(`note: ${d.path} ${IN_USE}`);
      }
      throw err;
    });
    await ctx.hooks.afterTool.promise(call, result, plan.context);
    const summary = { target: plan.target.label, nicFormat: plan.guest.nicFormat, nics: plan.guest.nics, command: plan.command };
    if (ctx.options['--json']) ctx.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      ctx.stdout.write(`${tool === 'virt-sysprep' ? 'sysprepped' : 'customized'} ${plan.target.label}\n`);
      if (plan.guest.nics.length > 0) ctx.stdout.write(`nics (${plan.guest.nicFormat}):\n${plan.guest.nics.map((n) => `  ${nicLine(n)}\n`).join('')}`);
    }
    return 0;
  } finally {
    if (plan) await Promise.all(plan.guest.cleanup.map((p) => rm(p, { recursive: true, force: true })));
  }
}
