// What rejviz-builder adds to shell completion (docs/completion.md): the template names of the
// repositories virt-builder is configured with (or the line's --source ...), and --nic's syntax.
import { matching, type CommandCompletion, type Completion, type LineContext } from '@rejviz/cli/completion';
import { NIC_OPTION_VALUES } from '@rejviz/plugin-nic/option-values';
import { listTemplates } from './template-list.js';
import { repositoryArgs } from './template-osinfo.js';

// A remote repository's index is downloaded on every --list; a slow one must not hang the shell.
const LIST_TIMEOUT_MS = 5000;

async function templateNames(word: string, index: number, line: LineContext): Promise<Completion> {
  if (index > 0) return { candidates: [] }; // virt-builder builds one template
  const repoArgs = repositoryArgs(line.toolArgs, new Set(line.toolInfo?.optionsWithValue));
  const templates = await listTemplates(line.runner, repoArgs, { timeoutMs: LIST_TIMEOUT_MS }).catch(() => []);
  const shown = templates.filter((t) => !t.hidden).map((t) => ({ value: t['os-version'], ...(t['full-name'] && { description: t['full-name'] }) }));
  return { candidates: matching(shown, word) };
}

/** rejviz-builder's part of shell completion: --nic and --nic-format, and the template. */
export const builderCompletion: CommandCompletion = { values: NIC_OPTION_VALUES, positional: templateNames };
