// Carries out a build plan: exactly one virt-builder process writing a temporary file beside the
// output; then the image and its manifest are published together, without replacing anything
// that appeared at their paths meanwhile unless the request said force. However the run ends
// before that (the tool fails, a stop signal, a conflict) the temporary files are removed (core's
// cleanup registry), so nothing is ever left at the output paths; the tool's exit code passes
// through.
import { rm, writeFile } from 'node:fs/promises';
import { checkpoint, onCleanup, publishFiles, runPlannedTool, type Cleanup, type ImageManifest, type Publication, type Services } from '@rejviz/core';
import type { BuildPlan } from './plan.js';
import { tempBeside } from './output-target.js';
import { templateOsinfo } from './template-osinfo.js';

function removeOnFailure(what: string, path: string): Cleanup {
  return onCleanup(`${what} ${path}`, () => rm(path, { force: true }));
}

/** Runs virt-builder for the plan, publishes the image (and manifest) and returns the manifest. */
export async function runBuild(plan: BuildPlan, services: Services): Promise<ImageManifest> {
  await checkpoint('planned', services.env);
  // A device is written in place: there is nothing to remove, and nothing else to publish.
  const temps = plan.output.kind === 'file' ? [removeOnFailure('temporary image', plan.output.temp)] : [];
  // Secrets are not needed once the tool has run, whatever its outcome.
  await runPlannedTool(services, plan.context, 'virt-builder', plan.args, plan.guest.cleanup);
  await checkpoint('publish', services.env);
  const osinfo = plan.osinfo ?? (await templateOsinfo(services.runner, plan.template, plan.repoArgs).catch(() => null));
  const draft: ImageManifest = {
    image: plan.output.path, format: plan.format, template: plan.template, osinfo,
    nicFormat: plan.guest.nicFormat, nics: plan.guest.nics, command: plan.command,
  };
  const manifest = await services.hooks.imageManifest.promise(draft, plan.context);
  const files: Publication[] = plan.output.kind === 'file' ? [{ temp: plan.output.temp, path: plan.output.path, replace: plan.force, option: '-o' }] : [];
  if (plan.manifestPath !== null) {
    const temp = tempBeside(plan.manifestPath);
    temps.push(removeOnFailure('temporary manifest', temp));
    await writeFile(temp, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
    files.push({ temp, path: plan.manifestPath, replace: plan.force, option: '--manifest' });
    await checkpoint('manifest', services.env);
  }
  // One synchronous step: a signal can come before it (all is removed) or after (all is there).
  publishFiles(files);
  for (const t of temps) t.dismiss();
  return manifest;
}
