// The template images a lab's plan needs, in its pool: those cached already (found by profile and
// content digest in the volume name) are kept, the others built once (buildTemplate). upLab and
// rejviz-up gen both go through here, so a lab brought up by make uses the very image rejviz-up
// would have used.
import { type LibvirtConnection, type Runner, type Services } from '@rejviz/core';
import { listTemplates } from '@rejviz/builder';
import { templateVolumeName, templateVolumes } from '../libvirt/pool.js';
import type { UpPlan } from '../plan/plan-up.js';
import type { TemplateStep } from '../plan/plan-lab.js';
import { buildTemplate } from './build-template.js';
import { imageOsinfo } from './build-from-image.js';
import { phase, type ProgressListener } from './progress.js';

/** A template profile's image in the pool, and the OS it holds (osinfo) when known. */
export interface TemplateImageRef {
  volume: string;
  osinfo: string | null;
}

/** The digests of `templates` whose images are in the pool (it holds a digest's first 12 hex digits). */
export async function cachedTemplateDigests(runner: Runner, connection: LibvirtConnection, pool: string, templates: readonly TemplateStep[]): Promise<Set<string>> {
  const cached = await templateVolumes(runner, connection, pool);
  return new Set(templates.filter((t) => cached.some((c) => c.profile === t.name && t.digest.startsWith(c.digest12))).map((t) => t.digest));
}

export interface EnsureTemplates {
  pool: string;
  poolPath: string;
  connection: LibvirtConnection;
  /** Further virt-builder arguments for every template build. */
  buildArgs: readonly string[];
  /** Told when each build starts and ends. */
  progress?: ProgressListener;
}

/** Each template profile of the plan as an image in the pool, building those it plans to build (none for a skipped one). */
export async function ensureTemplates(up: UpPlan, job: EnsureTemplates, s: Services): Promise<{ images: Map<string, TemplateImageRef>; built: string[] }> {
  const images = new Map<string, TemplateImageRef>();
  const built: string[] = [];
  const index = await listTemplates(s.runner, []).catch(() => []);
  for (const step of up.plan.templates) {
    // No machine is made from it this run: nothing asks for its image.
    if (step.action === 'skip') continue;
    const template = up.lab.templates.find((t) => t.name === step.name)!;
    if (step.action === 'keep') {
      const osinfo = template.image ? imageOsinfo(template) : index.find((e) => e['os-version'] === template.base)?.osinfo ?? null;
      images.set(step.name, { volume: templateVolumeName(step.name, step.digest), osinfo });
      continue;
    }
    if (!job.progress) s.notice(`lab ${up.lab.name}: building template ${step.name} (${template.image ? `image ${template.base}` : template.base})`);
    const pulled = up.pulled.get(step.name);
    if (template.image && !pulled) throw new Error(`Assertion failed: template ${step.name}'s image was not pulled before its build`);
    const build = () => buildTemplate({
      template, digest: step.digest, pool: job.pool, poolPath: job.poolPath, connection: job.connection, buildArgs: job.buildArgs, ...(pulled && { pulled }),
      // A build VM's ssh port is none of the host's domains' (up.managementPorts).
      takenPorts: new Set(Object.values(up.managementPorts)),
      ...(job.progress && { progress: { listener: job.progress, lab: up.lab.name } }),
    }, s);
    images.set(step.name, await phase(job.progress, { lab: up.lab.name, machine: null, template: step.name }, 'template', build));
    built.push(step.name);
  }
  return { images, built };
}
