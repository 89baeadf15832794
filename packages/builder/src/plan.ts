// The pure planner of rejviz-builder: from the passthrough arguments and the plugins' taps, the
// exact virt-builder command (one process, one appliance launch), the files it will write and
// the NICs. Nothing here changes the system; read-only queries go through the runner.
import { existsSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import {
  checkOpsSupported, emptyGuestPlan, quoteCommand, renderAround, toolInfo, UsageError,
  type GuestPlan, type PlanContext,
} from '@rejviz/core';
import type { CommandContext } from '@rejviz/cli';
import { defaultOutput, readBuilderArgs, withOutput } from './builder-args.js';
import { repositoryArgs, templateOsinfo } from './template-osinfo.js';

export type BuilderPlan =
  | { kind: 'proxy'; args: string[] }
  | {
      kind: 'build';
      template: string;
      /** Where the image ends up, and the temporary file beside it that virt-builder writes. */
      output: string;
      tempOutput: string;
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
  const parsed = readBuilderArgs(ctx.passthrough, withValue);
  const pluginGiven = Object.entries(ctx.options).find(([k, v]) => !COMMON.has(k) && v !== undefined && !(Array.isArray(v) && v.length === 0));
  if (parsed.nonBuildMode) {
    if (pluginGiven) throw new UsageError(`${pluginGiven[0]} cannot be used with virt-builder ${parsed.nonBuildMode} (it builds nothing); drop one of them`);
    return { kind: 'proxy', args: ctx.passthrough };
  }
  if (!parsed.template) throw new UsageError(`no template given; usage: ${ctx.binaryName} TEMPLATE [--nic SPEC]... [-o FILE] (see virt-builder --list)`);
  const format = parsed.format ?? 'raw';
  const output = resolve(ctx.cwd, parsed.output?.value || defaultOutput(parsed.template, parsed.format));
  if (!existsSync(dirname(output))) throw new UsageError(`-o ${output}: directory ${dirname(output)} does not exist; create it first`);
  if (existsSync(output) && ctx.options['--force'] !== true && !statSync(output).isBlockDevice()) {
    throw new UsageError(`-o ${output}: file exists; pass --force to replace it`);
  }
  const tempOutput = statSync(output, { throwIfNoEntry: false })?.isBlockDevice()
    ? output // a device cannot be renamed onto: write it in place
    : join(dirname(output), `.${basename(output)}.rejviz-${randomBytes(4).toString('hex')}.tmp`);

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
  const args = renderAround(guest.ops, withOutput(ctx.passthrough, parsed, tempOutput));
  return {
    kind: 'build', template: parsed.template, output, tempOutput, format, args,
    command: quoteCommand('virt-builder', args), guest, osinfo: osinfo ? await osinfo : guest.osinfo, context,
  };
}
