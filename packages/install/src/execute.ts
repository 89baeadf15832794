// What rejviz-install does once its arguments are parsed: plan, then print the dry run, or write
// the seed volume and run virt-install once (its exit code passes through). A run that fails or
// is interrupted leaves nothing it made: the seed volume is deleted, and a domain virt-install
// defined before it stopped is removed (recognised by the run's --uuid).
import { checkpoint } from '@rejviz/core';
import type { CommandContext } from '@rejviz/cli';
import { undoOwnDomain } from './own-domain.js';
import { planInstall } from './plan.js';
import { dryRunText, installJson, resultText } from './print-plan.js';
import { createSeedVolume, seedWriterName } from './seed-volume.js';

/** Runs a parsed rejviz-install command line; returns the exit code. */
export async function execute(ctx: CommandContext): Promise<number> {
  const { plan, command, context, uuid } = await planInstall(ctx);
  for (const notice of plan.notices) ctx.notice(notice);
  for (const w of plan.warnings) ctx.notice(`warning: ${w}`);
  const json = ctx.options['--json'] === true;
  if (ctx.runner.dryRun) {
    ctx.stdout.write(json ? installJson(plan, command, true) : dryRunText(plan, command, await seedWriterName(ctx.env)));
    return 0;
  }
  await checkpoint('planned', ctx.env);
  const seed = plan.seed ? await createSeedVolume(ctx.runner, context.virshConnect, plan.seed, ctx.env) : null;
  if (seed) await checkpoint('seed-written', ctx.env);
  // Registered after the seed's undo, so it runs first: the domain goes before the volume it uses.
  const domain = undoOwnDomain(ctx.runner, context.virshConnect, plan.domain, uuid);
  const call = { tool: 'virt-install', args: plan.args };
  await ctx.hooks.beforeTool.promise(call, context);
  await checkpoint('tool-start', ctx.env);
  // Progress to stderr (stream: true), so stdout carries only the --json document.
  const result = await ctx.runner.run('virt-install', plan.args, { stream: true });
  await ctx.hooks.afterTool.promise(call, result, context);
  domain.dismiss();
  seed?.dismiss();
  ctx.stdout.write(json ? installJson(plan, command, false) : resultText(plan));
  return 0;
}
