// The pure planner of rejviz-builder: from a build request and the plugins' taps, the exact
// virt-builder command (one process, one appliance launch), the files it will write and the NICs.
// Nothing here changes the system; read-only queries go through the runner.
import { resolve } from 'node:path';
import {
  checkOpsSupported, createPlanContext, emptyGuestPlan, refuseDebugWithSecrets, renderAround, showCommand, toolInfo, UsageError,
  type GuestPlan, type PlanContext, type Services,
} from '@rejviz/core';
import { defaultOutput, readBuilderArgs, withOutput } from './builder-args.js';
import { checkManifestPath, checkOutput, type OutputTarget } from './output-target.js';
import type { BuildRequest } from './request.js';
import { repositoryArgs, templateOsinfo } from './template-osinfo.js';

export interface BuildPlan {
  template: string;
  /** Where the image ends up, and the temporary file beside it that virt-builder writes. */
  output: OutputTarget;
  /** The manifest file, absolute; null without one. */
  manifestPath: string | null;
  format: string;
  force: boolean;
  args: string[];
  /** The command as it may be shown (secrets redacted). */
  command: string;
  guest: GuestPlan;
  osinfo: string | null;
  context: PlanContext;
  /** virt-builder's arguments that select repositories (for the template list). */
  repoArgs: string[];
}

// A field of the request and the same thing in the tool's own arguments must not disagree.
function agree(field: string, asked: string | undefined, inArgs: string | null | undefined): void {
  if (asked !== undefined && inArgs !== undefined && inArgs !== null && inArgs !== asked) {
    throw new UsageError(`${field} '${asked}' and the virt-builder arguments' '${inArgs}' disagree; give it once`);
  }
}

/** Plans a build. */
export async function planBuild(request: BuildRequest, services: Services): Promise<BuildPlan> {
  const info = await toolInfo(services.runner, 'virt-builder', services.env);
  const withValue = new Set(info.optionsWithValue);
  const given = [...(request.toolArgs ?? [])];
  const parsed = readBuilderArgs(given, info);
  agree('template', request.template, parsed.template);
  agree('output', request.output, parsed.output?.value);
  agree('format', request.format, parsed.format);
  const template = request.template ?? parsed.template;
  if (!template) throw new UsageError('no template given; usage: rejviz-builder TEMPLATE [--nic SPEC]... [-o FILE] (see virt-builder --list)');
  if (parsed.output && !parsed.output.value) throw new UsageError(`${parsed.output.option} needs a file name; e.g. -o vm.img`);
  // The fields the tool's arguments lack are added to them: the template first, --format after.
  const toolArgs = [...(parsed.template === null ? [template] : []), ...given, ...(request.format !== undefined && parsed.format === null ? ['--format', request.format] : [])];
  const format = request.format ?? parsed.format ?? 'raw';
  const force = request.force === true;
  const output = checkOutput(resolve(services.cwd, request.output ?? parsed.output?.value ?? defaultOutput(template, format === 'raw' ? null : format)), force);
  const manifestPath = request.manifest ? checkManifestPath(request.manifest, services.cwd, output.path, force) : null;

  const repoArgs = repositoryArgs(given, withValue);
  let osinfo: Promise<string | null> | undefined;
  const { context, warnings } = createPlanContext(services, 'builder', request.options ?? {}, {
    guestOsinfo: () => (osinfo ??= templateOsinfo(services.runner, template, repoArgs)),
  });
  const guest = await services.hooks.planGuest.promise(emptyGuestPlan('virt-builder', null), context);
  guest.warnings.push(...warnings);
  checkOpsSupported(guest.ops, 'virt-builder', info.version);
  if (guest.secretsFrom.length > 0) refuseDebugWithSecrets('virt-builder', given, services.env, guest.secretsFrom.join(', '));
  const outputUse = readBuilderArgs(toolArgs, info);
  const args = renderAround(guest.ops, withOutput(toolArgs, outputUse, output.temp));
  return {
    template, output, manifestPath, format, force, args,
    command: showCommand('virt-builder', args), guest, osinfo: osinfo ? await osinfo : guest.osinfo, context, repoArgs,
  };
}
