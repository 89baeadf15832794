// --help text of a bin, made from the same option declarations the parser uses (so help cannot
// drift from the options), plus the command's description, details and examples.
import type { PluginOption } from '@rejviz/core';

export interface HelpSpec {
  binaryName: string;
  synopsis: string;
  description: string;
  details?: string;
  examples: readonly (readonly [string, string])[];
  tool: string | null;
}

function wrap(text: string, width: number, indent: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

/** The full --help text. */
export function helpText(spec: HelpSpec, options: readonly PluginOption[]): string {
  const label = (o: PluginOption) => `${o.name}${o.type === 'boolean' ? '' : ` ${o.arg ?? 'VALUE'}`}`;
  const col = Math.max(...options.map((o) => label(o).length)) + 2;
  const out = [`${spec.binaryName}: ${spec.description}`, '', `Usage: ${spec.synopsis}`, '', 'Options:'];
  for (const o of options) {
    const first = `  ${label(o).padEnd(col)}`;
    const desc = wrap(o.description, 96 - first.length, ' '.repeat(first.length)).trimStart();
    out.push(`${first}${desc}${o.type === 'array' ? ' (repeatable)' : ''}`);
  }
  if (spec.tool) out.push(`  (every other option and argument goes to ${spec.tool} untouched, in order; see ${spec.tool} --help)`);
  if (spec.details) out.push('', wrap(spec.details, 96, ''));
  if (spec.examples.length > 0) {
    out.push('', 'Examples:');
    for (const [what, cmd] of spec.examples) out.push(`  # ${what}`, `  ${cmd}`, '');
    out.pop();
  }
  return `${out.join('\n')}\n`;
}
