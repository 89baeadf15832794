// A template profile built once into the pool: rejviz-builder's library builds the base
// template with the profile's packages, scripts and size (one appliance launch; for a cloud image,
// build-from-image.ts copies the pulled image and customizes it instead), its playbooks run
// in a VM booted from the image (provision/provision-template.ts), rejviz-sysprep's library resets
// it (unless sysprep: false; always when playbooks ran) and only then is it renamed to its cache
// name, which holds its content digest: a failed or interrupted build never leaves an image that
// looks cached.
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createServices, onCleanup, onPath, ToolMissingError, type LibvirtConnection, type OptionValues, type Services } from '@rejviz/core';
import { build, builderPlugins } from '@rejviz/builder';
import { cloudInitFastBootPlugin } from '@rejviz/plugin-cloud-init';
import { guestToolPlugins, sysprep } from '@rejviz/customize';
import type { LabTemplate } from '../lab-file/lab-types.js';
import { connectionUri, templateVolumeName, virshRun, withPool } from '../libvirt/pool.js';
import { provisionTemplate } from '../provision/provision-template.js';
import { saveHostnameArgs, templateSysprepArgs, type Provisioned } from '../provision/template-sysprep-args.js';
import { phase, type ProgressListener } from './progress.js';
import { buildFromImage, imageOsinfo } from './build-from-image.js';
import { formatDigest, type PulledImage } from '@rejviz/images';
import { writeTemplateRecord, type TemplateSourceRecord } from '../state/template-sources.js';

export interface TemplateBuild {
  template: LabTemplate;
  digest: string;
  pool: string;
  poolPath: string;
  connection: LibvirtConnection;
  /** Further virt-builder arguments for every template (e.g. --no-network, --smp 2). */
  buildArgs: readonly string[];
  /** Ports on 127.0.0.1 other domains' management NICs forward (the build VM takes another). */
  takenPorts?: Set<number>;
  /** Told when the provision phase (the playbooks' VM) starts and ends. */
  progress?: { listener: ProgressListener; lab: string };
  /** A cloud image template's pulled image (build-from-image.ts); absent: virt-builder builds it from its base. */
  pulled?: PulledImage;
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
  const { template } = job;
  const playbooks = template.playbooks.length > 0;
  // Before anything is built: without ansible-playbook the build would fail only after its boot.
  if (playbooks && (await onPath('ansible-playbook', services.env)) === null) {
    throw new ToolMissingError('ansible-playbook', `template ${template.name} has playbooks: apt-get install ansible-core`);
  }
  const volume = templateVolumeName(template.name, job.digest);
  // For the record written once the image is in place (asked before the build, not after it).
  const uri = await connectionUri(services.runner, job.connection);
  const temporary = join(job.poolPath, `.${volume}.${process.pid}.tmp`);
  const undo = onCleanup(`template image being built ${temporary}`, () => rm(temporary, { force: true }));
  const like = { env: services.env, cwd: services.cwd, notice: services.notice };
  let osinfo: string | null;
  if (job.pulled) {
    await buildFromImage({ template, pulled: job.pulled, output: temporary, extraArgs: playbooks ? saveHostnameArgs() : [], options: buildOptions(template) }, services);
    osinfo = imageOsinfo(template);
  } else {
    const { manifest } = await build(
      { template: template.base, output: temporary, format: 'qcow2', toolArgs: [...job.buildArgs, ...templateBuildArgs(template), ...(playbooks ? saveHostnameArgs() : [])], options: buildOptions(template) },
      // cloudInit.fastBoot: plugin-cloud-init appends its change to the build (fast-boot.ts).
      await createServices({ ...like, plugins: [...builderPlugins(), ...(template.cloudInitFastBoot ? [cloudInitFastBootPlugin()] : [])] }),
    );
    osinfo = manifest.osinfo;
  }
  let provisioned: Provisioned | null = null;
  if (playbooks) {
    const at = { lab: job.progress?.lab ?? '', machine: null, template: template.name };
    provisioned = await phase(job.progress?.listener, at, 'provision', () => provisionTemplate({
      template, digest: job.digest, image: temporary, osinfo, pool: job.pool, connection: job.connection, ...(job.takenPorts && { takenPorts: job.takenPorts }),
    }, services));
  }
  const sysprepArgs = templateSysprepArgs(template.sysprep, provisioned);
  if (sysprepArgs !== null) {
    await sysprep({ images: [{ path: temporary, format: 'qcow2' }], toolArgs: sysprepArgs }, await createServices({ ...like, plugins: guestToolPlugins() }));
  }
  await rename(temporary, join(job.poolPath, volume));
  undo.dismiss();
  // What it was built from, for images prune (the cloud images templates use) and status.
  await writeTemplateRecord(services.env, { uri, pool: job.pool, volume, profile: template.name, builtAt: new Date().toISOString(), from: sourceRecord(job) });
  await withPool(job.pool, () => virshRun(services.runner, job.connection, ['pool-refresh', job.pool]));
  return { volume, osinfo };
}

function sourceRecord(job: TemplateBuild): TemplateSourceRecord {
  const { template, pulled } = job;
  if (!pulled || !template.image) return { kind: 'virt-builder', template: template.base };
  return { kind: 'image', source: template.image.source, url: pulled.entry.record.url, digest: formatDigest(pulled.entry.record.digest), level: pulled.entry.record.verification.level };
}
