// The plan of a lab: for each template, build or keep; for each machine, create, keep, replace or
// remove, and why. A pure function of the resolved lab, its allocation and what libvirt holds:
// rejviz-up --dry-run prints it, rejviz-up carries it out, and a lab that is up plans no change.
import { ERROR_CODES, UsageError } from '@rejviz/core';
import type { AllocatedMachine } from '../allocate.js';
import type { TemplateImageInfo } from '../images/known-image.js';
import type { Lab } from '../lab-file/lab-types.js';
import { labPlaybooks } from '../lab-file/resolve-lab-plugins.js';
import type { MachineRecord } from '../libvirt/machine-metadata.js';
import { configChanges, digest, machineConfig, type MachineConfig } from './machine-config.js';

/** A domain on the connection and, when it belongs to a lab, its record. */
export interface ExistingDomain {
  name: string;
  record: MachineRecord | null;
}

export interface TemplateStep {
  name: string;
  digest: string;
  action: 'build' | 'keep';
  reason: string;
  /** A build's playbooks (absolute paths, in the order they run), when the profile has some. */
  playbooks?: string[];
  /** A cloud image template's image: its source, URL, and digest (null until it is pulled). */
  image?: TemplateImageInfo;
}

export interface MachineStep {
  /** The machine's name in the lab (db, www-1). */
  name: string;
  /** The libvirt domain: LAB_MACHINE. */
  domain: string;
  action: 'create' | 'keep' | 'replace' | 'remove';
  reasons: string[];
  /** What the machine is to be; null for a removal. */
  config: MachineConfig | null;
}

export interface LabPlan {
  lab: string;
  templates: TemplateStep[];
  machines: MachineStep[];
  /** How many steps change something (0: the lab is up as the file says). */
  changes: number;
  /** The lab's playbooks (absolute paths), when it has some: they run after a run that creates machines. */
  playbooks?: string[];
}

export interface PlanInput {
  allocation: readonly AllocatedMachine[];
  /** Every domain of the connection. */
  domains: readonly ExistingDomain[];
  /** The digest of each template profile (templateDigest). */
  templateDigests: ReadonlyMap<string, string>;
  /** The template digests whose images are in the cache already. */
  cachedTemplates: ReadonlySet<string>;
  /** What is known of each cloud image template's image, by profile. */
  images?: ReadonlyMap<string, TemplateImageInfo>;
}

/**
 * The domain name of a lab's machine: LAB_MACHINE. Lab and machine names have no '_', so the
 * name (and every volume named after it) says unambiguously which lab it belongs to: lab "web"
 * machine "db-1" and lab "web-db" machine "1" do not meet.
 */
export function domainName(lab: string, machine: string): string {
  return `${lab}_${machine}`;
}

/** Plans the lab against what exists. */
export function planLab(lab: Lab, input: PlanInput): LabPlan {
  const used = new Set(lab.machines.map((m) => m.template));
  const templates = lab.templates.filter((t) => used.has(t.name)).map((t): TemplateStep => {
    const d = input.templateDigests.get(t.name)!;
    const image = input.images?.get(t.name);
    const from = image ? { image } : {};
    if (image?.digest === null) {
      return { name: t.name, digest: d, action: 'build', reason: "the image's digest is known once it is pulled", ...from, ...(t.playbooks.length > 0 && { playbooks: t.playbooks.map((p) => p.path) }) };
    }
    return input.cachedTemplates.has(d)
      ? { name: t.name, digest: d, action: 'keep', reason: 'built before with the same content', ...from }
      : { name: t.name, digest: d, action: 'build', reason: 'no image with this content in the cache', ...from, ...(t.playbooks.length > 0 && { playbooks: t.playbooks.map((p) => p.path) }) };
  });

  const byName = new Map(input.domains.map((d) => [d.name, d]));
  const machines: MachineStep[] = lab.machines.map((machine, i) => {
    const domain = domainName(lab.name, machine.name);
    const config = machineConfig(lab, machine, input.allocation[i]!, input.templateDigests);
    const existing = byName.get(domain);
    if (!existing) return { name: machine.name, domain, action: 'create', reasons: ['new'], config };
    const record = existing.record;
    if (!record || record.lab !== lab.name || record.machine !== machine.name) {
      const whose = record ? `machine ${record.machine} of lab ${record.lab}` : 'no lab';
      throw new UsageError(`a domain named ${domain} exists and belongs to ${whose}; rename the machine or the lab, or remove that domain (virsh undefine ${domain})`, ERROR_CODES.CONFLICT);
    }
    if (!record.config) return { name: machine.name, domain, action: 'replace', reasons: ["its record in libvirt cannot be read"], config };
    if (digest(record.config) === digest(config)) return { name: machine.name, domain, action: 'keep', reasons: ['as the file says'], config };
    return { name: machine.name, domain, action: 'replace', reasons: configChanges(record.config, config), config };
  });

  // The lab's domains that the file no longer has (a machine removed, a count lowered).
  const wanted = new Set(machines.map((m) => m.domain));
  for (const d of input.domains) {
    if (d.record?.lab === lab.name && !wanted.has(d.name)) {
      machines.push({ name: d.record.machine, domain: d.name, action: 'remove', reasons: ['no longer in the lab file'], config: null });
    }
  }
  const changes = templates.filter((t) => t.action !== 'keep').length + machines.filter((m) => m.action !== 'keep').length;
  const playbooks = labPlaybooks(lab);
  return { lab: lab.name, templates, machines, changes, ...(playbooks.length > 0 && { playbooks }) };
}
