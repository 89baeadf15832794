// Reads a sysconfig file (ifcfg-*) the way NetworkManager's ifcfg-rh reader does: KEY=value lines
// with shell quoting, without executing anything. initscripts *sources* these files, so text a
// shell would expand or run is reported rather than silently taken at face value.
import { lineNote } from './file-notes.js';

export interface ShellVar {
  value: string;
  line: number;
}

const ANSI_C: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };

interface Word {
  value: string;
  rest: string;
  problems: string[];
}

/** Reads one shell word from the start of `text`: unquoted, '…', "…" and $'…' parts, concatenated. */
function shellWord(text: string): Word {
  let value = '';
  const problems: string[] = [];
  let i = 0;
  while (i < text.length && !/\s/.test(text[i] as string)) {
    const c = text[i] as string;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) return { value, rest: '', problems: [...problems, 'unterminated single quote'] };
      value += text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '$' && text[i + 1] === "'") {
      let j = i + 2;
      for (; j < text.length && text[j] !== "'"; j++) {
        if (text[j] === '\\' && j + 1 < text.length) value += ANSI_C[text[++j] as string] ?? `\\${text[j]}`;
        else value += text[j];
      }
      if (j >= text.length) return { value, rest: '', problems: [...problems, "unterminated $'…' quote"] };
      i = j + 1;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        const d = text[j] as string;
        if (d === '\\' && /["\\$`]/.test(text[j + 1] ?? '')) value += text[++j];
        else {
          if (d === '$' || d === '`') problems.push('uses shell expansion ($ or `), which a sourcing shell would evaluate');
          value += d;
        }
      }
      if (j >= text.length) return { value, rest: '', problems: [...problems, 'unterminated double quote'] };
      i = j + 1;
    } else if (c === '\\') {
      value += text[i + 1] ?? '';
      i += 2;
    } else {
      if (c === '$' || c === '`') problems.push('uses shell expansion ($ or `), which a sourcing shell would evaluate');
      value += c;
      i++;
    }
  }
  return { value, rest: text.slice(i).trim(), problems };
}

/** The assignments of a sysconfig file (last one wins, as in a shell) and a note per bad line. */
export function parseShellAssignments(content: string, file: string): { vars: Map<string, ShellVar>; notes: string[] } {
  const vars = new Map<string, ShellVar>();
  const notes: string[] = [];
  content.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(text);
    if (m === null) {
      notes.push(lineNote(file, line, `not a KEY=value line: ${text}`));
      return;
    }
    const word = shellWord(m[2] as string);
    for (const problem of new Set(word.problems)) notes.push(lineNote(file, line, `${m[1]}: ${problem}`));
    if (word.rest !== '' && !word.rest.startsWith('#')) {
      notes.push(lineNote(file, line, `${m[1]}: unquoted whitespace; a sourcing shell would run '${word.rest}' as a command`));
    }
    vars.set(m[1] as string, { value: word.value, line });
  });
  return { vars, notes };
}
