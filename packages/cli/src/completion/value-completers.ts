// The small completers commands and plugins combine: file names, a fixed list of words, nothing,
// and KEY=VALUE lists (`--nic name=eth0,ipaddr=...`).
import type { Candidate, Completion, ValueCompleter } from './types.js';

/** Candidates among `words` that start with `word`. */
export function matching(words: readonly (string | Candidate)[], word: string): Candidate[] {
  return words.map((w) => (typeof w === 'string' ? { value: w } : w)).filter((c) => c.value.startsWith(word));
}

/** The value is a file name: the shell completes it. */
export const fileNames: ValueCompleter = () => ({ candidates: [], files: true });

/** Nothing to offer (a new name, a number, a URI). */
export const nothing: ValueCompleter = () => ({ candidates: [] });

/** One of these words. */
export function oneOf(words: readonly (string | Candidate)[]): ValueCompleter {
  return (word) => ({ candidates: matching(words, word) });
}

/**
 * A comma-separated KEY=VALUE list: keys not given yet (with `=`, and no space after), then the
 * values listed for the key being typed, if any.
 */
export function keyValueList(keys: readonly string[], values: Readonly<Record<string, readonly string[]>> = {}): ValueCompleter {
  return (word): Completion => {
    const comma = word.lastIndexOf(',');
    const stem = word.slice(0, comma + 1);
    const item = word.slice(comma + 1);
    const eq = item.indexOf('=');
    if (eq >= 0) {
      const key = item.slice(0, eq);
      const keyStem = `${stem}${key}=`;
      return { stem: keyStem, candidates: matching((values[key] ?? []).map((v) => keyStem + v), word) };
    }
    const given = new Set(stem.split(',').map((p) => p.slice(0, p.indexOf('='))));
    return { stem, nospace: true, candidates: matching(keys.filter((k) => !given.has(k)).map((k) => `${stem}${k}=`), word) };
  };
}
