// Separates rejviz's own options from the wrapped tool's arguments, keeping the tool's in order
// and untouched. The tool's options that take a value (from its --help) keep that value with
// them, so a value is never mistaken for a rejviz option. After `--` everything is the tool's.
import type { PluginOption } from '@rejviz/core';

export interface SplitArgs {
  /** rejviz's tokens, for clipanion. */
  ours: string[];
  /** The wrapped tool's tokens, in the order given. */
  passthrough: string[];
}

/**
 * Splits argv into rejviz options and wrapped-tool arguments. `toolOptionalValue` names the tool's
 * options whose value may be left out (argparse `--opt [VALUE]`): where rejviz has a flag of the
 * same name (rejviz-install's --cloud-init), `--opt=VALUE` and `--opt K=V` are the tool's form, so
 * they go to the tool (whose planner can then say why it is refused) instead of failing to parse.
 */
export function splitArgs(
  argv: readonly string[], ours: readonly Pick<PluginOption, 'name' | 'type'>[], toolOptionsWithValue: ReadonlySet<string>,
  toolOptionalValue: ReadonlySet<string> = new Set(),
): SplitArgs {
  const byName = new Map(ours.map((o) => [o.name, o]));
  const out: SplitArgs = { ours: [], passthrough: [] };
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i]!;
    if (tok === '--') {
      out.passthrough.push(...argv.slice(i + 1));
      break;
    }
    const eq = tok.startsWith('--') ? tok.indexOf('=') : -1;
    const name = eq > 0 ? tok.slice(0, eq) : tok;
    const own = byName.get(name) ?? (name === '--help' || name === '-h' ? { name, type: 'boolean' as const } : undefined);
    const next = argv[i + 1];
    const toolForm = own?.type === 'boolean' && toolOptionalValue.has(name) && (eq > 0 || (next !== undefined && !next.startsWith('-') && next.includes('=')));
    if (own && !toolForm) {
      // A value-taking option given as "--opt value": the next token is its value, whatever it is.
      // clipanion gets it joined as "--opt=value": given apart, it reads a value starting with "-"
      // as another option and fails with "Not enough arguments".
      if (own.type !== 'boolean' && eq < 0 && i + 1 < argv.length) out.ours.push(`${tok}=${argv[++i]!}`);
      else out.ours.push(tok);
      continue;
    }
    out.passthrough.push(tok);
    if (eq < 0 && (toolOptionsWithValue.has(tok) || toolForm) && i + 1 < argv.length) out.passthrough.push(argv[++i]!);
  }
  return out;
}
