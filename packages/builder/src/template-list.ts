// virt-builder's template list, `virt-builder --list --list-format json` with the user's
// repository options (a read-only query, no appliance; it runs even under --dry-run): the osinfo
// of the template being built (template-osinfo.ts) and the names shell completion offers.
import type { Runner } from '@rejviz/core';

/** One template as virt-builder lists it. */
export interface TemplateEntry {
  'os-version': string;
  'full-name'?: string;
  osinfo?: string;
  arch?: string;
  hidden?: boolean;
}

/** The templates of the repositories `repoArgs` select (virt-builder's configured ones without any). */
export async function listTemplates(runner: Runner, repoArgs: readonly string[], options: { timeoutMs?: number } = {}): Promise<TemplateEntry[]> {
  const res = await runner.run('virt-builder', ['--list', '--list-format', 'json', ...repoArgs], { readOnly: true, timeoutMs: options.timeoutMs });
  return (JSON.parse(res.stdout) as { templates: TemplateEntry[] }).templates;
}
