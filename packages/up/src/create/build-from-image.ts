// The first steps of a cloud image template, in place of virt-builder: the pulled image (read-only
// in the image cache) is copied whole into the template's work image (a copy, not an overlay: the
// cache may be pruned while the template lives on), grown to the profile's size, and the profile's
// customization is applied by rejviz-customize's library: virt-customize with the same arguments
// virt-builder would have had (packages, scripts, commands) and the builder plugins' operations,
// in one appliance launch. Sysprep and playbooks follow as for any template (build-template.ts).
import { createServices, UsageError, type OptionValues, type Services } from '@rejviz/core';
import { customize, guestToolPlugins } from '@rejviz/customize';
import { imageInfo, type PulledImage } from '@rejviz/images';
import { cloudInitFastBootPlugin } from '@rejviz/plugin-cloud-init';
import type { LabTemplate } from '../lab-file/lab-types.js';

/**
 * The OS a cloud image holds, for virt-install: the catalogue's, else (a URL names no OS) a
 * generic recent Linux that every osinfo-db since 2022 knows (virt-install --osinfo list).
 */
export function imageOsinfo(t: LabTemplate): string | null {
  return t.image ? t.image.spec.osinfo ?? 'linux2022' : null;
}

/** virt-customize arguments for what the profile applies at build time (virt-builder's, without --size). */
export function templateCustomizeArgs(t: LabTemplate): string[] {
  return [
    ...(t.buildNetwork ? [] : ['--no-network']),
    ...(t.packages.length > 0 ? ['--install', t.packages.join(',')] : []),
    ...t.run.flatMap((script) => ['--run', script]),
    ...t.runCommand.flatMap((command) => ['--run-command', command]),
    ...t.firstbootCommand.flatMap((command) => ['--firstboot-command', command]),
  ];
}

export interface ImageBuild {
  template: LabTemplate;
  pulled: PulledImage;
  /** The template's work image to write. */
  output: string;
  /** Further virt-customize arguments after the profile's (the playbooks' hostname keeper). */
  extraArgs: readonly string[];
  options: OptionValues;
}

/** Copies, sizes and customizes the image into `job.output`. */
export async function buildFromImage(job: ImageBuild, services: Services): Promise<void> {
  const { template } = job;
  await services.runner.run('qemu-img', ['convert', '-q', '-f', 'qcow2', '-O', 'qcow2', job.pulled.path, job.output]);
  if (template.sizeMiB !== null) {
    const bytes = (await imageInfo(services.runner, job.output)).virtualSize;
    // qemu-img grows the disk only; the guest's root partition and file system grow at first boot
    // (cloud-init's growpart and resize_rootfs, on in every distribution's cloud image).
    if (template.sizeMiB * 1024 ** 2 < bytes) {
      throw new UsageError(`template ${template.name}: size ${template.sizeMiB}M is smaller than its image ${template.base} (${Math.ceil(bytes / 1024 ** 2)}M); give at least that, or drop size:`);
    }
    if (template.sizeMiB * 1024 ** 2 > bytes) await services.runner.run('qemu-img', ['resize', '-q', '-f', 'qcow2', job.output, `${template.sizeMiB}M`]);
  }
  const args = [...templateCustomizeArgs(template), ...job.extraArgs];
  // cloudInit.fastBoot (on unless the profile says not): plugin-cloud-init's trim, as a
  // virt-builder template gets it (build-template.ts), since the template's digest holds it.
  const fastBoot = template.cloudInitFastBoot ? [cloudInitFastBootPlugin()] : [];
  // Nothing to apply: no appliance launch.
  if (args.every((a) => a === '--no-network') && Object.keys(job.options).length === 0 && fastBoot.length === 0) return;
  const like = { env: services.env, cwd: services.cwd, notice: services.notice };
  await customize({ images: [{ path: job.output, format: 'qcow2' }], toolArgs: args, options: job.options }, await createServices({ ...like, plugins: [...guestToolPlugins(), ...fastBoot] }));
}
