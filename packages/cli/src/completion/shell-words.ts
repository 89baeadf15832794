// The words of a bash command line up to the cursor (COMP_LINE), split and unquoted the way bash
// reads them: blanks separate words; '...', "..." and \ quote. bash's own COMP_WORDS cannot be
// used as they are: bash also splits them at = and : (COMP_WORDBREAKS), so `--nic-format=eni`
// arrives as three words.

/** The unquoted words of `line`; the last is the word at the cursor ('' after a blank). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let started = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      // Inside double quotes a backslash quotes only these (bash(1), QUOTING).
      if (c === '"') quote = null;
      else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) word += line[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      started = true;
    } else if (c === '\\') {
      if (i + 1 < line.length) word += line[++i];
      started = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      word += c;
      started = true;
    }
  }
  words.push(word);
  return words;
}
