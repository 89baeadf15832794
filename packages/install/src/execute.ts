// What rejviz-install does once its arguments are parsed: plan, then print the dry run, or write
// the seed volume and run virt-install once (its exit code passes through). A seed volume made
// for a run that fails or is interrupted is deleted again.
import type { CommandContext } from '@rejviz/cli';
import { planInstall } from './plan.js';
import { dryRunText, installJson, resultText } from './print-plan.js';
import { createSeedVolume, seedWriterName } from './seed-volume.js';

/** Runs a parsed rejviz-install command line; returns the exit code. */
export async function execute(ctx: CommandContext): Promise<number> {
  const { plan, command, context } = await planInstall(ctx);
  for (const notice of plan.notices) ctx.notice(notice);
  for (const w of plan.warnings) ctx.notice(`warning: ${w}`);
  const json = ctx.options['--json'] === true;
  if (ctx.runner.dryRun) {
    ctx.stdout.write(json ? installJson(plan, command, true) : dryRunText(plan, command, await seedWriterName(ctx.env)));
    return 0;
  }
  const removeSeed = plan.seed ? await createSeedVolume(ctx.runner, context.virshConnect, plan.seed, ctx.env) : null;
  let done = false;
  try {
    const call = { tool: 'virt-install', args: plan.args };
    await ctx.hooks.beforeTool.promise(call, context);
    // Progress to stderr (stream: true), so stdout carries only the --json document.
    const result = await ctx.runner.run('virt-install', plan.args, { stream: true });
    await ctx.hooks.afterTool.promise(call, result, context);
    done = true;
  } finally {
    if (!done && removeSeed) await removeSeed();
  }
  ctx.stdout.write(json ? installJson(plan, command, false) : resultText(plan));
  return 0;
}
