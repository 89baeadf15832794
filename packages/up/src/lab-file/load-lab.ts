// A lab file, from text to a resolved Lab: YAML (with positions), ${NAME} expansion, the JSON
// Schema, then the checks a schema cannot make (references, inheritance, sizes, addresses,
// uniqueness). The first problem is thrown as a LabFileError naming file, line and column.
import type { LibvirtNetwork } from '@rejviz/core/libvirt-xml';
import { expandVars } from './expand-vars.js';
import { parseLabSource } from './lab-source.js';
import type { Lab, LabFileData } from './lab-types.js';
import { resolveMachines } from './resolve-machines.js';
import { resolveNetworks } from './resolve-networks.js';
import { resolveTemplate } from './resolve-templates.js';
import { checkLabSchema } from './schema-errors.js';

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
}

/** Reads, checks and resolves a lab file. */
export async function loadLab(input: LabInput): Promise<Lab> {
  const { source, data: raw } = parseLabSource(input.file, input.text);
  const data = expandVars(source, raw, { vars: input.vars ?? {}, env: input.env ?? {} });
  await checkLabSchema(source, data);
  const lab = data as LabFileData;
  const networks = resolveNetworks(source, lab, input.libvirtNetworks);
  // Every profile resolves, also one no machine uses: a broken profile is an error now, not when a machine first uses it.
  const templates = Object.keys(lab.templates ?? {}).map((name) => resolveTemplate(source, lab, name));
  const machines = resolveMachines(source, lab, networks);
  return { name: lab.name, templates, networks, machines };
}
