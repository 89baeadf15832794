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
  /** Where the value starts: the token, and the offset in it (after `--opt=`, `-o`; 0 for its own token). */
  valueAt?: { index: number; offset: number };
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
 * prefixes (argparse's allow_abbrev, and getopt_long's, which the guestfs tools use). Short flags
 * may be bundled as getopt and argparse allow: `-vx` is -v and -x, `-vo FILE` and `-voFILE` give
 * -o its value.
 */
export function readToolOptions(args: readonly string[], info: Arity, prefixes = false): ToolOptionUse[] {
  const withValue = new Set(info.optionsWithValue);
  const optional = new Set(info.optionsWithOptionalValue ?? []);
  const uses: ToolOptionUse[] = [];
  // The next token as the value of `name`, if the tool would take it as one.
  const takeNext = (name: string, i: number): boolean => {
    const next = args[i + 1];
    if (next === undefined) return false;
    // argparse never takes a token that looks like an option as a value (unless it has a space).
    const looksLikeOption = next.startsWith('-') && next !== '-' && !next.includes(' ');
    return withValue.has(name) || (optional.has(name) && !looksLikeOption);
  };
  for (let i = 0; i < args.length; i++) {
    const token = args[i] as string;
    if (token === '--') break;
    if (!token.startsWith('-') || token === '-') continue;
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const name = resolveName(eq < 0 ? token : token.slice(0, eq), info, prefixes);
      if (name === undefined) continue;
      if (eq >= 0) uses.push({ option: name, value: token.slice(eq + 1), indexes: [i], valueAt: { index: i, offset: eq + 1 } });
      else if (takeNext(name, i)) {
        uses.push({ option: name, value: args[i + 1] as string, indexes: [i, i + 1], valueAt: { index: i + 1, offset: 0 } });
        i++;
      } else uses.push({ option: name, value: null, indexes: [i] });
      continue;
    }
    // A short option, or a bundle of them: each character until one that takes a value.
    for (let at = 1; at < token.length; at++) {
      const name = resolveName(`-${token[at]}`, info, false);
      if (name === undefined) break;
      const rest = token.slice(at + 1);
      if (withValue.has(name) || optional.has(name)) {
        if (rest !== '') {
          // -oFILE, and argparse's -o=FILE
          const offset = at + 1 + (rest.startsWith('=') ? 1 : 0);
          uses.push({ option: name, value: token.slice(offset), indexes: [i], valueAt: { index: i, offset } });
        } else if (takeNext(name, i)) {
          uses.push({ option: name, value: args[i + 1] as string, indexes: [i, i + 1], valueAt: { index: i + 1, offset: 0 } });
          i++;
        } else uses.push({ option: name, value: null, indexes: [i] });
        break;
      }
      uses.push({ option: name, value: null, indexes: [i] });
    }
  }
  return uses;
}

/** Tokens that are no option and no option's value (the template, a domain ...); all after `--`. */
export function positionalArgs(args: readonly string[], uses: readonly ToolOptionUse[]): { value: string; index: number }[] {
  const taken = new Set(uses.flatMap((u) => u.indexes));
  const end = args.indexOf('--');
  return args.flatMap((value, index) => {
    if (end >= 0 && index >= end) return index > end ? [{ value, index }] : [];
    return taken.has(index) || (value.startsWith('-') && value !== '-') ? [] : [{ value, index }];
  });
}

/** `args` with the value of `use` replaced by `value`, in the spelling the user gave. */
export function withOptionValue(args: readonly string[], use: ToolOptionUse, value: string): string[] {
  if (use.valueAt === undefined) throw new Error(`Assertion failed: ${use.option} has no value to replace`);
  const copy = [...args];
  const { index, offset } = use.valueAt;
  copy[index] = `${(copy[index] as string).slice(0, offset)}${value}`;
  return copy;
}

/** The last value given to any of `names` (later options win in argparse), or undefined. */
export function lastOptionValue(uses: readonly ToolOptionUse[], names: readonly string[]): string | null | undefined {
  const hit = uses.findLast((use) => names.includes(use.option));
  return hit === undefined ? undefined : hit.value;
}
