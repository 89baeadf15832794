// The osinfo of a virt-builder template, from virt-builder's template list (template-list.ts) with
// the user's repository options.
import { UsageError, type Runner } from '@rejviz/core';
import { listTemplates } from './template-list.js';

// Options that select or verify repositories: --list must see the same templates as the build.
const REPO_OPTIONS = new Set(['--source', '--fingerprint', '--gpg', '--curl', '--cache', '--no-cache', '--no-check-signature', '--no-check-signatures', '--check-signature', '--check-signatures']);

/** The passthrough tokens that select repositories, for the --list query. */
export function repositoryArgs(args: readonly string[], optionsWithValue: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const tok = args[i]!;
    const name = tok.startsWith('--') && tok.includes('=') ? tok.slice(0, tok.indexOf('=')) : tok;
    const takesValue = !tok.includes('=') && optionsWithValue.has(tok);
    if (REPO_OPTIONS.has(name)) out.push(...(takesValue ? [tok, args[i + 1] ?? ''] : [tok]));
    if (takesValue) i++;
  }
  return out;
}

/** osinfo of TEMPLATE; a template virt-builder does not list is a usage error. */
export async function templateOsinfo(runner: Runner, template: string, repoArgs: readonly string[]): Promise<string | null> {
  const templates = await listTemplates(runner, repoArgs);
  const entry = templates.find((t) => t['os-version'] === template);
  if (!entry) {
    const known = templates.map((t) => t['os-version']).join(', ');
    throw new UsageError(`template '${template}' is not in virt-builder --list (known: ${known || 'none'}); check the name or the repository`);
  }
  return entry.osinfo ?? null;
}
