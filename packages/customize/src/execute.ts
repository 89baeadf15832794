// What rejviz-customize and rejviz-sysprep do once their arguments are parsed: argv becomes a
// request, the library plans it, then the bin prints the dry run or the library runs the tool
// once (its exit code passes through).
import { dryRunJson, dryRunText, nicLine, type CommandContext } from '@rejviz/cli';
import { describeStacks } from '@rejviz/core';
import { planGuestRun, type GuestRunPlan } from './plan.js';
import { runGuestPlan } from './run-guest-plan.js';

function detected(plan: GuestRunPlan): Record<string, unknown> {
  return plan.inspected ? { detected: { ...plan.inspected.facts, cached: plan.inspected.cached } } : {};
}

/** Runs a parsed rejviz-customize/-sysprep command line; returns the exit code. */
export async function executeGuestTool(ctx: CommandContext, tool: 'virt-customize' | 'virt-sysprep'): Promise<number> {
  const plan = await planGuestRun(tool, { toolArgs: ctx.passthrough, options: ctx.pluginOptions }, ctx.services);
  for (const w of plan.guest.warnings) ctx.notice(`warning: ${w}`);
  if (plan.inspected) ctx.notice(`guest: ${describeStacks(plan.inspected.facts)}${plan.inspected.cached ? ' (cached)' : ''}`);
  if (ctx.runner.dryRun) {
    ctx.stdout.write(ctx.options['--json'] ? dryRunJson(plan.command, plan.guest, detected(plan)) : dryRunText(tool, plan.command, plan.guest));
    return 0;
  }
  const summary = await runGuestPlan(plan, ctx.services);
  if (ctx.options['--json']) ctx.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    ctx.stdout.write(`${tool === 'virt-sysprep' ? 'sysprepped' : 'customized'} ${summary.target}\n`);
    if (summary.nics.length > 0) ctx.stdout.write(`nics (${summary.nicFormat}):\n${summary.nics.map((n) => `  ${nicLine(n)}\n`).join('')}`);
  }
  return 0;
}
