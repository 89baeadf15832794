// A template profile's playbooks, read when the lab file is: each path is taken from the lab
// file's directory and the file's bytes are hashed, so that the template's digest changes when a
// playbook is edited (and not when it is renamed or moved). What a playbook includes (roles,
// imported tasks, vars files) is not read: editing only those does not rebuild the template
// (docs/up.md#template-playbooks). A path that is not a readable file stops the plan here.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { shown } from '@rejviz/core';
import { labError } from './lab-error.js';
import type { LabSource } from './lab-source.js';
import type { TemplateEntry, TemplatePlaybook } from './lab-types.js';

function readPlaybook(path: string): Buffer | string {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `does not exist (${path})`;
    if (code === 'EISDIR') return `is not a file (${path})`;
    return `cannot be read (${(e as Error).message})`;
  }
}

/**
 * The playbooks of a profile chain (root first), each read and hashed; `dir` is what relative paths
 * are taken from. Without `read` (a lab loaded for its name only) none is read: sha256 is null.
 */
export function templatePlaybooks(source: LabSource, chain: readonly [string, TemplateEntry][], dir: string, read = true): TemplatePlaybook[] {
  return chain.flatMap(([profile, entry]) => (entry.playbooks ?? []).map((file, index): TemplatePlaybook => {
    const path = resolve(dir, file);
    if (!read) return { file, profile, index, path, sha256: null };
    const bytes = readPlaybook(path);
    if (typeof bytes === 'string') {
      throw labError(source, ['templates', profile, 'playbooks', index], `${shown(file)} ${bytes}`, `give the path of a playbook file, relative to ${dir}`);
    }
    return { file, profile, index, path, sha256: createHash('sha256').update(bytes).digest('hex') };
  }));
}
