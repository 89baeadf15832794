// What the bin prints for the shell functions in packages/cli/completion (docs/completion.md).
// Line 1: `words` or `files` (the shell completes file names itself), then `nospace` when no
// space may follow a candidate. Then, for bash, one candidate a line; for zsh, the stem on line 2
// and one `CANDIDATE<TAB>DESCRIPTION` a line, each without the stem.
import type { Completion } from './types.js';

function flags(c: Completion): string {
  return [c.files ? 'files' : 'words', ...(c.nospace ? ['nospace'] : [])].join(' ');
}

/**
 * The reply to bash. bash replaces only its own current word ($2 of the completion function),
 * which begins after the last `=` or `:` (COMP_WORDBREAKS): each candidate loses what comes
 * before that in the whole word.
 */
export function bashReply(c: Completion, word: string, bashWord: string): string {
  const head = word.endsWith(bashWord) ? word.slice(0, word.length - bashWord.length) : '';
  // bash inserts a candidate as it is: a blank or a quote in it must be escaped for the line.
  const escape = (text: string) => text.replace(/[^\w@%+=:,./-]/g, '\\$&');
  const values = c.files ? [] : c.candidates.filter((x) => x.value.startsWith(head)).map((x) => escape(x.value.slice(head.length)));
  return `${[flags(c), ...values].join('\n')}\n`;
}

/** The reply to zsh, which shows descriptions and is told the stem (compset -P). */
export function zshReply(c: Completion): string {
  const stem = c.stem ?? '';
  const oneLine = (text: string) => text.replace(/\s+/g, ' ');
  const values = c.files ? [] : c.candidates.filter((x) => x.value.startsWith(stem)).map((x) => `${x.value.slice(stem.length)}${x.description ? `\t${oneLine(x.description)}` : ''}`);
  return `${[flags(c), stem, ...values].join('\n')}\n`;
}
