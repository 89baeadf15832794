// What rejviz-builder does once its arguments are parsed: argv becomes a build request (or a plain
// virt-builder proxy run, for --list and the like), then the library plans and runs it.
import { toolInfo, UsageError } from '@rejviz/core';
import { dryRunJson, dryRunText, type CommandContext } from '@rejviz/cli';
import { readBuilderArgs } from './builder-args.js';
import { planBuild } from './plan.js';
import { resultText } from './print-plan.js';
import type { BuildRequest } from './request.js';
import { runBuild } from './run-build.js';

/** Runs a parsed rejviz-builder command line; returns the exit code. */
export async function execute(ctx: CommandContext): Promise<number> {
  const info = await toolInfo(ctx.runner, 'virt-builder', ctx.env);
  const mode = readBuilderArgs(ctx.passthrough, info).nonBuildMode;
  if (mode) {
    if (ctx.firstPluginOption) throw new UsageError(`${ctx.firstPluginOption} cannot be used with virt-builder ${mode} (it builds nothing); drop one of them`);
    return (await ctx.runner.run('virt-builder', ctx.passthrough, { stream: 'stdout', allowFailure: true })).exitCode;
  }
  const manifest = ctx.options['--manifest'];
  const request: BuildRequest = {
    toolArgs: ctx.passthrough, force: ctx.options['--force'] === true, manifest: typeof manifest === 'string' ? manifest : null, options: ctx.pluginOptions,
  };
  const plan = await planBuild(request, ctx.services);
  for (const w of plan.guest.warnings) ctx.notice(`warning: ${w}`);
  if (ctx.runner.dryRun) {
    ctx.stdout.write(ctx.options['--json'] ? dryRunJson(plan.command, plan.guest) : dryRunText('virt-builder', plan.command, plan.guest));
    return 0;
  }
  const result = await runBuild(plan, ctx.services);
  ctx.stdout.write(ctx.options['--json'] ? `${JSON.stringify(result, null, 2)}\n` : resultText(result));
  return 0;
}
