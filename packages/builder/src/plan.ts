// The pure planner of rejviz-builder: from the passthrough arguments and the plugins' taps, the
// exact virt-builder command (one process, one appliance launch), the files it will write and
// the NICs. Nothing here changes the system; read-only queries go through the runner.
import { resolve } from 'node:path';
import {
  checkOpsSupported, emptyGuestPlan, refuseDebugWithSecrets, renderAround, showCommand, toolInfo, UsageError,
  type GuestPlan, type PlanContext,
} from '@rejviz/core';
import type { CommandContext } from '@rejviz/cli';
import { defaultOutput, readBuilderArgs, withOutput } from './builder-args.js';
import { checkManifestPath, checkOutput, type OutputTarget } from './output-target.js';
import { repositoryArgs, templateOsinfo } from './template-osinfo.js';

export type BuilderPlan =
  | { kind: 'proxy'; args: string[] }
  | {
      kind: 'build';
      template: string;
      /** Where the image ends up, and the temporary file beside it that virt-builder writes. */
      output: OutputTarget;
      /** --manifest, absolute; null without it. */
      manifestPath: string | null;
      format: string;
      args: string[];
      command: string;
      guest: GuestPlan;
      osinfo: string | null;
      context: PlanContext;
    };

const COMMON = new Set(['--json', '--dry-run', '--verbose', '--plugin', '--manifest', '--force']);

/** Plans a rejviz-builder run. */
export async function planBuild(ctx: CommandContext): Promise<BuilderPlan> {
  const info = await toolInfo(ctx.runner, 'virt-builder', ctx.env);
  const withValue = new Set(info.optionsWithValue);
  const parsed = readBuilderArgs(ctx.passthrough, info);
  const pluginGiven = Object.entries(ctx.options).find(([k, v]) => !COMMON.has(k) && v !== undefined && !(Array.isArray(v) && v.length === 0));
  if (parsed.nonBuildMode) {
    if (pluginGiven) throw new UsageError(`${pluginGiven[0]} cannot be used with virt-builder ${parsed.nonBuildMode} (it builds nothing); drop one of them`);
    return { kind: 'proxy', args: ctx.passthrough };
  }
  if (!parsed.template) throw new UsageError(`no template given; usage: ${ctx.binaryName} TEMPLATE [--nic SPEC]... [-o FILE] (see virt-builder --list)`);
  const format = parsed.format ?? 'raw';
  if (parsed.output && !parsed.output.value) throw new UsageError(`${parsed.output.option} needs a file name; e.g. -o vm.img`);
  const force = ctx.options['--force'] === true;
  const output = checkOutput(resolve(ctx.cwd, parsed.output?.value || defaultOutput(parsed.template, parsed.format)), force);
  const manifestOption = ctx.options['--manifest'];
  const manifestPath = typeof manifestOption === 'string' ? checkManifestPath(manifestOption, ctx.cwd, output.path, force) : null;

  let osinfo: Promise<string | null> | undefined;
  const warnings: string[] = [];
  const context: PlanContext = {
    command: ctx.command, options: ctx.options, runner: ctx.runner, env: ctx.env, cwd: ctx.cwd,
    guestOsinfo: () => (osinfo ??= templateOsinfo(ctx.runner, parsed.template!, repositoryArgs(ctx.passthrough, withValue))),
    warn: (text) => warnings.push(text),
  };
  const guest = await ctx.hooks.planGuest.promise(emptyGuestPlan('virt-builder', null), context);
  guest.warnings.push(...warnings);
  checkOpsSupported(guest.ops, 'virt-builder', info.version);
  if (guest.secretsFrom.length > 0) refuseDebugWithSecrets('virt-builder', ctx.passthrough, ctx.env, guest.secretsFrom.join(', '));
  const args = renderAround(guest.ops, withOutput(ctx.passthrough, parsed, output.temp));
  return {
    kind: 'build', template: parsed.template, output, manifestPath, format, args,
    command: showCommand('virt-builder', args), guest, osinfo: osinfo ? await osinfo : guest.osinfo, context,
  };
}
