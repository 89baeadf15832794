// The completion of one word: reads the words before it the way splitArgs and the wrapped tool
// will (which option takes the next word as its value, what is positional, where `--` ends
// rejviz's options), then asks the completer of whatever the word is: an option's value, an
// option name, or a positional argument.
import type { OptionEntry } from './option-table.js';
import type { CommandCompletion, Completion, LineContext } from './types.js';

/** The services the completers may use. */
export type CompletionBase = Pick<LineContext, 'toolInfo' | 'runner' | 'env'>;

function withStem(inner: Completion, stem: string): Completion {
  return { ...inner, stem: stem + (inner.stem ?? ''), candidates: inner.candidates.map((c) => ({ ...c, value: stem + c.value })) };
}

function optionNames(word: string, table: ReadonlyMap<string, OptionEntry>, given: ReadonlyMap<string, string[]>, toolOnly: boolean): Completion {
  const entries = [...table.values()].filter((e) => e.name.startsWith(word) && !(e.once && given.has(e.name)) && (!toolOnly || e.tool));
  return { candidates: entries.map((e) => ({ value: e.name, ...(e.description !== undefined && { description: e.description }) })) };
}

/** Completes the last of `words`: the words after the command name, the last one being the word at the cursor. */
export async function completeLine(words: readonly string[], table: ReadonlyMap<string, OptionEntry>, command: CommandCompletion, base: CompletionBase): Promise<Completion> {
  const word = words.at(-1) ?? '';
  const given = new Map<string, string[]>();
  const give = (name: string, value: string) => given.set(name, [...(given.get(name) ?? []), value]);
  const positionals: string[] = [];
  const toolArgs: string[] = [];
  let pending: OptionEntry | null = null;
  let rest = false;
  for (const w of words.slice(0, -1)) {
    if (pending) {
      give(pending.name, w);
      if (pending.tool) toolArgs.push(w);
      pending = null;
    } else if (rest) {
      toolArgs.push(w);
      positionals.push(w);
    } else if (w === '--') {
      rest = true;
    } else if (w.startsWith('-') && w !== '-') {
      const eq = w.startsWith('--') ? w.indexOf('=') : -1;
      const entry = table.get(eq > 0 ? w.slice(0, eq) : w);
      // An option nobody declared goes to the tool (which will judge it), as splitArgs sends it.
      if (!entry || entry.tool) toolArgs.push(w);
      if (!entry) continue;
      if (eq > 0) give(entry.name, w.slice(eq + 1));
      else if (entry.takesValue) pending = entry;
      else give(entry.name, '');
    } else {
      positionals.push(w);
      toolArgs.push(w);
    }
  }
  const line: LineContext = { ...base, toolArgs, valuesOf: (names) => names.flatMap((n) => given.get(n) ?? []) };
  if (pending) return pending.value(word, line);
  if (!rest && word.startsWith('--') && word.includes('=')) {
    const name = word.slice(0, word.indexOf('='));
    const entry = table.get(name);
    if (!entry?.takesValue) return { candidates: [] };
    return withStem(await entry.value(word.slice(name.length + 1), line), `${name}=`);
  }
  if (word.startsWith('-')) return optionNames(word, table, given, rest);
  if (command.positional) return command.positional(word, positionals.length, line);
  // Nothing positional here: an empty word lists the options.
  return word === '' ? optionNames(word, table, given, rest) : { candidates: [] };
}
