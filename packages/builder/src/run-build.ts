// Carries out a build plan: exactly one virt-builder process writing a temporary file beside the
// output, renamed into place only on success. On failure or Ctrl-C the temporary file is removed,
// so nothing is ever left at the output path; the tool's exit code passes through.
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ImageManifest } from '@rejviz/core';
import type { CommandContext } from '@rejviz/cli';
import type { BuilderPlan } from './plan.js';
import { templateOsinfo } from './template-osinfo.js';

type Build = Extract<BuilderPlan, { kind: 'build' }>;

/** Runs virt-builder for the plan and returns the image manifest. */
export async function runBuild(plan: Build, ctx: CommandContext, repoArgs: string[]): Promise<ImageManifest> {
  const call = { tool: 'virt-builder', args: plan.args };
  try {
    await ctx.hooks.beforeTool.promise(call, plan.context);
    const result = await ctx.runner.run('virt-builder', plan.args, { stream: true });
    if (plan.tempOutput !== plan.output) await rename(plan.tempOutput, plan.output);
    await ctx.hooks.afterTool.promise(call, result, plan.context);
  } catch (err) {
    if (plan.tempOutput !== plan.output) await rm(plan.tempOutput, { force: true });
    throw err;
  } finally {
    await Promise.all(plan.guest.cleanup.map((p) => rm(p, { recursive: true, force: true })));
  }
  const osinfo = plan.osinfo ?? (await templateOsinfo(ctx.runner, plan.template, repoArgs).catch(() => null));
  const manifest: ImageManifest = {
    image: plan.output, format: plan.format, template: plan.template, osinfo,
    nicFormat: plan.guest.nicFormat, nics: plan.guest.nics, command: plan.command,
  };
  return ctx.hooks.imageManifest.promise(manifest, plan.context);
}

/** Writes a manifest file atomically (an existing file is replaced only by a complete one). */
export async function writeManifest(path: string, manifest: ImageManifest): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(tmp, path);
}
