// A template profile built once into the pool: rejviz-builder's library builds the base
// template with the profile's packages, scripts and size (one appliance launch), rejviz-sysprep's
// resets it (unless sysprep: false), and only then is it renamed to its cache name, which holds
// its content digest: a failed or interrupted build never leaves an image that looks cached.
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createServices, onCleanup, type LibvirtConnection, type OptionValues, type Services } from '@rejviz/core';
import { build, builderPlugins } from '@rejviz/builder';
import { guestToolPlugins, sysprep } from '@rejviz/customize';
import type { LabTemplate } from '../lab-file/lab-types.js';
import { templateVolumeName, virshRun, withPool } from '../libvirt/pool.js';

export interface TemplateBuild {
  template: LabTemplate;
  digest: string;
  pool: string;
  poolPath: string;
  connection: LibvirtConnection;
  /** Further virt-builder arguments for every template (e.g. --no-network, --smp 2). */
  buildArgs: readonly string[];
}

/** virt-builder arguments for what the profile applies at build time. */
export function templateBuildArgs(t: LabTemplate): string[] {
  return [
    ...(t.buildNetwork ? [] : ['--no-network']),
    ...(t.sizeMiB !== null ? ['--size', `${t.sizeMiB}M`] : []),
    ...(t.packages.length > 0 ? ['--install', t.packages.join(',')] : []),
    ...t.run.flatMap((script) => ['--run', script]),
    ...t.runCommand.flatMap((command) => ['--run-command', command]),
    ...t.firstbootCommand.flatMap((command) => ['--firstboot-command', command]),
  ];
}

/** The builder plugins' options from the profile's buildPlugins sections (keys are unique across plugins). */
function buildOptions(t: LabTemplate): OptionValues {
  return Object.assign({}, ...Object.values(t.buildPlugins)) as OptionValues;
}

/** Builds the template into the pool; returns its volume name and the OS it holds (osinfo). */
export async function buildTemplate(job: TemplateBuild, services: Services): Promise<{ volume: string; osinfo: string | null }> {
  const volume = templateVolumeName(job.template.name, job.digest);
  const temporary = join(job.poolPath, `.${volume}.${process.pid}.tmp`);
  const undo = onCleanup(`template image being built ${temporary}`, () => rm(temporary, { force: true }));
  const like = { env: services.env, cwd: services.cwd, notice: services.notice };
  const { manifest } = await build(
    { template: job.template.base, output: temporary, format: 'qcow2', toolArgs: [...job.buildArgs, ...templateBuildArgs(job.template)], options: buildOptions(job.template) },
    await createServices({ ...like, plugins: builderPlugins() }),
  );
  if (job.template.sysprep !== null) {
    const operations = job.template.sysprep.length > 0 ? ['--operations', job.template.sysprep.join(',')] : [];
    await sysprep({ images: [{ path: temporary, format: 'qcow2' }], toolArgs: operations }, await createServices({ ...like, plugins: guestToolPlugins() }));
  }
  await rename(temporary, join(job.poolPath, volume));
  undo.dismiss();
  await withPool(job.pool, () => virshRun(services.runner, job.connection, ['pool-refresh', job.pool]));
  return { volume, osinfo: manifest.osinfo };
}
