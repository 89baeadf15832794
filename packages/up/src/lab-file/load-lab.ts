// A lab file, from text to a resolved Lab: YAML (with positions), ${NAME} expansion, the JSON
// Schema, then the checks a schema cannot make (references, inheritance, sizes, addresses,
// uniqueness). The first problem is thrown as a LabFileError naming file, line and column.
import { dirname } from 'node:path';
import type { LibvirtNetwork } from '@rejviz/core/libvirt-xml';
import { expandVars } from './expand-vars.js';
import { parseLabSource } from './lab-source.js';
import type { Lab, LabFileData } from './lab-types.js';
import { resolveLabPlugins } from './resolve-lab-plugins.js';
import { resolveMachines } from './resolve-machines.js';
import { resolveNetworks } from './resolve-networks.js';
import { resolveTemplate } from './resolve-templates.js';
import { checkLabSchema } from './schema-errors.js';
import { needsCatalogue } from './template-source.js';
import { labCatalogue } from '../images/lab-catalogue.js';

export interface LabInput {
  /** The file's name as messages show it (rejviz.yaml, or - for stdin). */
  file: string;
  text: string;
  /** --var NAME=VALUE, strongest. */
  vars?: Readonly<Record<string, string>>;
  /** The environment, for ${NAME} not given with --var. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Every libvirt network (virsh net-dumpxml), when known: existing networks are checked against them. */
  libvirtNetworks?: readonly LibvirtNetwork[];
  /** The file's absolute path ('-' for stdin): relative paths in it (playbooks:) are taken from its directory. */
  path?: string;
  /** Where relative paths are taken from without a path (stdin); default: the process's. */
  cwd?: string;
  /** false: the files it names (playbooks:) are not checked to exist (destroy needs only the lab's name). */
  checkFiles?: boolean;
}

/** Reads, checks and resolves a lab file. */
export async function loadLab(input: LabInput): Promise<Lab> {
  const { source, data: raw } = parseLabSource(input.file, input.text);
  const data = expandVars(source, raw, { vars: input.vars ?? {}, env: input.env ?? {} });
  await checkLabSchema(source, data);
  const lab = data as LabFileData;
  const networks = resolveNetworks(source, lab, input.libvirtNetworks);
  const dir = input.path !== undefined && input.path !== '-' ? dirname(input.path) : input.cwd ?? process.cwd();
  // Every profile resolves, also one no machine uses: a broken profile is an error now, not when a machine first uses it.
  // The image catalogue is read only when a profile names a catalogue key (REJVIZ_IMAGE_CATALOGUE, else the built-in one).
  const catalogue = needsCatalogue(lab.templates ?? {}) ? await labCatalogue(input.env ?? {}) : null;
  const templates = Object.keys(lab.templates ?? {}).map((name) => resolveTemplate(source, lab, name, dir, input.checkFiles ?? true, catalogue));
  const machines = resolveMachines(source, lab, networks);
  const plugins = resolveLabPlugins(source, lab, dir, input.checkFiles ?? true);
  return { name: lab.name, templates, networks, machines, plugins };
}
