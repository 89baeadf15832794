// What rejviz-builder does once its arguments are parsed: plan, then dry-run or build.
import { checkpoint, toolInfo } from '@rejviz/core';
import type { CommandContext } from '@rejviz/cli';
import { planBuild } from './plan.js';
import { dryRunJson, dryRunText } from '@rejviz/cli';
import { resultText } from './print-plan.js';
import { runBuild } from './run-build.js';
import { repositoryArgs } from './template-osinfo.js';

/** Runs a parsed rejviz-builder command line; returns the exit code. */
export async function execute(ctx: CommandContext): Promise<number> {
  const plan = await planBuild(ctx);
  if (plan.kind === 'proxy') return (await ctx.runner.run('virt-builder', plan.args, { stream: 'stdout', allowFailure: true })).exitCode;
  for (const w of plan.guest.warnings) ctx.notice(`warning: ${w}`);
  if (ctx.runner.dryRun) {
    ctx.stdout.write(ctx.options['--json'] ? dryRunJson(plan.command, plan.guest) : dryRunText('virt-builder', plan.command, plan.guest));
    return 0;
  }
  await checkpoint('planned', ctx.env);
  const withValue = new Set((await toolInfo(ctx.runner, 'virt-builder', ctx.env)).optionsWithValue);
  const manifest = await runBuild(plan, ctx, repositoryArgs(ctx.passthrough, withValue));
  ctx.stdout.write(ctx.options['--json'] ? `${JSON.stringify(manifest, null, 2)}\n` : resultText(manifest));
  return 0;
}
