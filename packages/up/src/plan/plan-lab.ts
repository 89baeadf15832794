// The plan of a lab: for each template, build or keep; for each machine, create, keep, replace or
// remove, and why. A pure function of the resolved lab, its allocation and what libvirt holds:
// rejviz-up --dry-run prints it, rejviz-up carries it out, and a lab that is up plans no change.
import { ERROR_CODES, UsageError } from '@rejviz/core';
import type { AllocatedMachine } from '../allocate.js';
import type { TemplateImageInfo } from '../images/known-image.js';
import type { Lab } from '../lab-file/lab-types.js';
import { labPlaybooks } from '../lab-file/resolve-lab-plugins.js';
import type { MachineRecord } from '../libvirt/machine-metadata.js';
import { configChanges, machineConfig, onlyBaseChanged, sameConfig, type MachineConfig } from './machine-config.js';

/** A domain on the connection and, when it belongs to a lab, its record. */
export interface ExistingDomain {
  name: string;
  record: MachineRecord | null;
}

export interface TemplateStep {
  name: string;
  digest: string;
  /** skip: not cached, and no machine is created on it this run (its machines keep an older base). */
  action: 'build' | 'keep' | 'skip';
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
  /** What the machine is to be (for a kept one, what it is); null for a removal. */
  config: MachineConfig | null;
  /** Kept although its template's base has changed since it was made (onlyBaseChanged). */
  outdated?: true;
  /**
   * Kept as the file says, but its record names its template otherwise (no templateProfile: a
   * record from before it existed; or the same image under another key, URL or one run's
   * --checksum): up writes the record again, so that a later new base is told from a change.
   */
  refresh?: true;
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
  /** Replace the machines whose template has only a new base (default: keep them as they are). */
  replaceOutdated?: boolean;
  /** Virt-builder template profiles whose base's repository entry cannot be read this run (keyed by name only). */
  unknownBases?: ReadonlySet<string>;
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
    if (sameConfig(record.config, config)) {
      return { name: machine.name, domain, action: 'keep', reasons: ['as the file says'], config, ...(record.config.templateProfile !== config.templateProfile && { refresh: true as const }) };
    }
    // A new revision of the base template, or a republished image, is not a change the user made:
    // the machine (its disk, what was done on it) stays as it is, on the template image it was
    // made from, until asked (testcloud, lvlab and Vagrant leave existing machines alone too).
    if (onlyBaseChanged(record.config, config)) {
      // The repository's index cannot be read (nor a copy of it): the base is not known to be new.
      if (input.unknownBases?.has(machine.template)) {
        return { name: machine.name, domain, action: 'keep', reasons: [`template ${machine.template}'s base cannot be read from its repository now; kept as it is`], config: record.config };
      }
      // Not pulled yet (a plan, with nothing in the image cache): whether the image changed is not known.
      if (input.images?.get(machine.template)?.digest === null) {
        return { name: machine.name, domain, action: 'keep', reasons: [`template ${machine.template}'s image is known once it is pulled; ${input.replaceOutdated ? 'replaced if it changed (--replace-outdated)' : 'kept either way (--replace-outdated replaces it if the image changed)'}`], config: record.config };
      }
      if (!input.replaceOutdated) {
        return { name: machine.name, domain, action: 'keep', reasons: [`template ${machine.template} has a new base since it was made; kept as it is (--replace-outdated replaces it)`], config: record.config, outdated: true };
      }
    }
    return { name: machine.name, domain, action: 'replace', reasons: configChanges(record.config, config), config };
  });

  // The templates the lab's machines use; one not cached that no machine is created on now (its
  // machines are kept on an older base) is not built: that waits for a machine that needs it.
  const used = new Set(lab.machines.map((m) => m.template));
  const needed = new Set(machines.filter((m) => m.action === 'create' || m.action === 'replace').map((m) => m.config!.template));
  const templates = lab.templates.filter((t) => used.has(t.name)).map((t): TemplateStep => {
    const d = input.templateDigests.get(t.name)!;
    const image = input.images?.get(t.name);
    const from = image ? { image } : {};
    const build = (reason: string): TemplateStep => needed.has(t.name)
      ? { name: t.name, digest: d, action: 'build', reason, ...from, ...(t.playbooks.length > 0 && { playbooks: t.playbooks.map((p) => p.path) }) }
      : { name: t.name, digest: d, action: 'skip', reason: `${reason}; no machine is made from it now`, ...from };
    if (image?.digest === null) return build("the image's digest is known once it is pulled");
    return input.cachedTemplates.has(d)
      ? { name: t.name, digest: d, action: 'keep', reason: 'built before with the same content', ...from }
      : build('no image with this content in the cache');
  });

  // The lab's domains that the file no longer has (a machine removed, a count lowered).
  const wanted = new Set(machines.map((m) => m.domain));
  for (const d of input.domains) {
    if (d.record?.lab === lab.name && !wanted.has(d.name)) {
      machines.push({ name: d.record.machine, domain: d.name, action: 'remove', reasons: ['no longer in the lab file'], config: null });
    }
  }
  const changes = templates.filter((t) => t.action === 'build').length + machines.filter((m) => m.action !== 'keep').length;
  const playbooks = labPlaybooks(lab);
  return { lab: lab.name, templates, machines, changes, ...(playbooks.length > 0 && { playbooks }) };
}
