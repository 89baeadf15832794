// Splits an interfaces(5) file into `iface` stanzas with their option lines. Comments start a line
// ('#' later on a line is part of the value); a trailing '\' continues the line (Debian ifupdown).
import { lineNote } from './file-notes.js';
import { continuedLines } from './continued-lines.js';

export interface EniOption {
  key: string;
  args: string[];
  line: number;
}

export interface EniStanza {
  name: string;
  /** inet, inet6, …; null when the iface line gives none (ifupdown-ng allows that). */
  family: string | null;
  method: string | null;
  /** The stanza named by `inherits` (Debian interface templates). */
  inherits: string | null;
  line: number;
  options: EniOption[];
}

// Lines that end the current stanza (interfaces(5): "auto", "allow-", "no-auto-down", "no-scripts",
// "iface", "mapping", "source", "source-directory", "rename"; ifupdown-ng adds "template").
const TOP_LEVEL = /^(auto|allow-\S+|no-auto-down|no-scripts|iface|mapping|source|source-directory|rename|template)$/;

function logicalLines(content: string): Array<{ tokens: string[]; line: number }> {
  return continuedLines(content).map(({ text, line }) => ({ tokens: text.split(/\s+/).filter((t) => t !== ''), line }));
}

/** The iface stanzas of one file and the notes about lines outside them. */
export function eniStanzas(content: string, file: string, busybox: boolean): { stanzas: EniStanza[]; notes: string[] } {
  const stanzas: EniStanza[] = [];
  const notes: string[] = [];
  let current: EniStanza | null = null;
  for (const { tokens, line } of logicalLines(content)) {
    const [keyword = '', ...args] = tokens;
    if (!TOP_LEVEL.test(keyword)) {
      if (current === null) notes.push(lineNote(file, line, `'${keyword}' outside any iface stanza`));
      else current.options.push({ key: keyword, args, line });
      continue;
    }
    current = null;
    if (keyword === 'iface' && args[0] === undefined) {
      notes.push(lineNote(file, line, "'iface' without an interface name"));
      current = { name: '', family: null, method: null, inherits: null, line, options: [] };
    } else if (keyword === 'iface') {
      const inherits = args[3] === 'inherits' ? args[4] ?? null : null;
      current = { name: args[0] ?? '', family: args[1] ?? null, method: args[2] ?? null, inherits, line, options: [] };
      stanzas.push(current);
    } else if (keyword === 'mapping' || keyword === 'template') {
      // Their body lines (script, map, template options) configure no NIC: collect and drop them.
      current = { name: '', family: null, method: null, inherits: null, line, options: [] };
    }
    if (busybox && (keyword === 'source-directory' || keyword === 'template' || (keyword === 'source' && /[*?[]/.test(args.join(' '))))) {
      notes.push(lineNote(file, line, `BusyBox ifupdown does not understand '${tokens.join(' ')}' (only 'source FILE')`));
    }
  }
  return { stanzas, notes };
}
