// Reads chosen options out of a wrapped tool's argv the way the tool's own parser will, so rejviz
// agrees with it about which token is which: exact names, `--opt=value`, `-xVALUE`, and (for
// argparse tools such as virt-install) unambiguous prefixes of long options (`--net` is
// `--network`). Values of every other value-taking option are skipped, so `--metadata
// description=--disk` is never mistaken for a --disk.
import type { ToolInfo } from './tool-info.js';

/** One use of an option in argv. */
export interface ToolOptionUse {
  /** The option's full name as the tool's help lists it (e.g. '--network' for '--net'). */
  option: string;
  /** The value; null for a flag or an optional value left out. */
  value: string | null;
  /** The argv positions it occupies (the option, and its value when given apart). */
  indexes: number[];
}

type Arity = Pick<ToolInfo, 'options' | 'optionsWithValue' | 'optionsWithOptionalValue'>;

function resolveName(name: string, info: Arity, prefixes: boolean): string | undefined {
  if (info.options.includes(name)) return name;
  if (!prefixes || !name.startsWith('--') || name.length < 3) return undefined;
  const hits = info.options.filter((o) => o.startsWith('--') && o.startsWith(name));
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * Every option use in `args`, in order, up to `--`. `prefixes` allows unambiguous long-option
 * prefixes (argparse's allow_abbrev, on in virt-install).
 */
export function readToolOptions(args: readonly string[], info: Arity, prefixes = false): ToolOptionUse[] {
  const withValue = new Set(info.optionsWithValue);
  const optional = new Set(info.optionsWithOptionalValue ?? []);
  const uses: ToolOptionUse[] = [];
  for (let i = 0; i < args.length; i++) {
    const token = args[i] as string;
    if (token === '--') break;
    if (!token.startsWith('-') || token === '-') continue;
    let name: string | undefined;
    let attached: string | undefined;
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      name = resolveName(eq < 0 ? token : token.slice(0, eq), info, prefixes);
      if (eq >= 0) attached = token.slice(eq + 1);
    } else {
      name = resolveName(token.slice(0, 2), info, false);
      if (token.length > 2) attached = token.slice(2).replace(/^=/, '');
    }
    if (name === undefined) continue;
    const indexes = [i];
    let value: string | null = attached ?? null;
    const next = args[i + 1];
    if (attached === undefined && next !== undefined) {
      // argparse never takes a token that looks like an option as a value (unless it has a space).
      const looksLikeOption = next.startsWith('-') && next !== '-' && !next.includes(' ');
      if (withValue.has(name) || (optional.has(name) && !looksLikeOption)) {
        value = next;
        indexes.push(++i);
      }
    }
    uses.push({ option: name, value, indexes });
  }
  return uses;
}

/** The last value given to any of `names` (later options win in argparse), or undefined. */
export function lastOptionValue(uses: readonly ToolOptionUse[], names: readonly string[]): string | null | undefined {
  const hit = uses.findLast((use) => names.includes(use.option));
  return hit === undefined ? undefined : hit.value;
}
