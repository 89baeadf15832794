// The lab-wide plugin sections (the lab file's top-level `plugins:`), with the top-level
// `playbooks:` resolved into plugin-ansible's section as absolute paths. Each playbook is checked
// to be a file now: a wrong path stops the plan, not a run that has already created machines.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { shown } from '@rejviz/core';
import { labError } from './lab-error.js';
import type { LabSource } from './lab-source.js';
import type { Lab, LabFileData } from './lab-types.js';

/** plugin-ansible's section name, which runs the playbooks (plugins/plugin-ansible/src/ansible-settings.ts). */
export const ANSIBLE_SECTION = 'ansible';

function fileProblem(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? undefined : `is not a file (${path})`;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? `does not exist (${path})` : `cannot be read (${(e as Error).message})`;
  }
}

/** The lab-wide sections; `dir` is what relative playbook paths are taken from (the lab file's directory). */
export function resolveLabPlugins(source: LabSource, data: LabFileData, dir: string, checkFiles = true): Record<string, Record<string, unknown>> {
  const plugins = structuredClone(data.plugins ?? {});
  if (data.playbooks === undefined) return plugins;
  if (plugins[ANSIBLE_SECTION]?.playbooks !== undefined) {
    throw labError(source, ['plugins', ANSIBLE_SECTION, 'playbooks'], 'the playbooks are named here and in the top-level playbooks:', 'name them once, in playbooks: (paths relative to the lab file)');
  }
  const playbooks = data.playbooks.map((path, i) => {
    const absolute = resolve(dir, path);
    const problem = checkFiles ? fileProblem(absolute) : undefined;
    if (problem !== undefined) throw labError(source, ['playbooks', i], `${shown(path)} ${problem}`, `give the path of a playbook file, relative to ${dir}`);
    return absolute;
  });
  return { ...plugins, [ANSIBLE_SECTION]: { ...plugins[ANSIBLE_SECTION], playbooks } };
}

/** The lab's playbooks (absolute paths, in order), as the plan lists them. */
export function labPlaybooks(lab: Pick<Lab, 'plugins'>): string[] {
  const playbooks = lab.plugins[ANSIBLE_SECTION]?.playbooks;
  return Array.isArray(playbooks) ? playbooks.filter((p): p is string => typeof p === 'string') : [];
}
