// What rejviz-install does once its arguments are parsed: argv becomes an install request (the
// manifest read from its file or stdin while the planner's virsh queries run), the library plans
// it, then the bin prints the dry run or the library carries it out (virt-install's exit code
// passes through).
import { readImageManifest } from '@rejviz/core';
import type { CommandContext } from '@rejviz/cli';
import { planInstall } from './plan.js';
import { dryRunText, installJson, resultText } from './print-plan.js';
import type { InstallRequest } from './request.js';
import { runInstall } from './run-install.js';
import { seedWriterName } from './seed-volume.js';

/** The request the command line asks for. */
function requestFrom(ctx: CommandContext): InstallRequest {
  const file = ctx.options['--manifest'];
  if (typeof file !== 'string') return { toolArgs: ctx.passthrough, options: ctx.pluginOptions };
  const manifest = readImageManifest(file, ctx.cwd, process.stdin);
  manifest.catch(() => undefined); // awaited by the planner; this only keeps an early failure from being "unhandled"
  return { toolArgs: ctx.passthrough, options: ctx.pluginOptions, manifest, manifestName: file === '-' ? '(stdin)' : file };
}

/** Runs a parsed rejviz-install command line; returns the exit code. */
export async function execute(ctx: CommandContext): Promise<number> {
  const run = await planInstall(requestFrom(ctx), ctx.services);
  const { plan, command } = run;
  for (const notice of plan.notices) ctx.notice(notice);
  for (const w of plan.warnings) ctx.notice(`warning: ${w}`);
  const json = ctx.options['--json'] === true;
  if (ctx.runner.dryRun) {
    ctx.stdout.write(json ? installJson(plan, command, true) : dryRunText(plan, command, await seedWriterName(ctx.env, plan.seed?.files.map((f) => f.name))));
    return 0;
  }
  await runInstall(run, ctx.services);
  ctx.stdout.write(json ? installJson(plan, command, false) : resultText(plan));
  return 0;
}
