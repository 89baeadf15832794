// INI-style files in the two dialects the guest uses: GLib key files (NetworkManager keyfiles:
// '#' comments, \s \n \t \r \\ escapes) and systemd unit syntax (.network/.link: '#' and ';'
// comments, a trailing '\' continues the line). Sections may repeat ([Address], [Route]).
import { lineNote } from './file-notes.js';

export interface IniEntry {
  key: string;
  value: string;
  line: number;
}

export interface IniSection {
  name: string;
  line: number;
  entries: IniEntry[];
}

const GLIB_ESCAPES: Record<string, string> = { s: ' ', n: '\n', t: '\t', r: '\r', '\\': '\\' };

function logicalLines(content: string, dialect: 'glib' | 'systemd'): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  const lines = content.split(/\r?\n/);
  const isComment = (text: string) => text.startsWith('#') || (dialect === 'systemd' && text.startsWith(';'));
  for (let i = 0; i < lines.length; i++) {
    let text = (lines[i] as string).trim();
    const line = i + 1;
    if (text === '' || isComment(text)) continue;
    // systemd.syntax: the backslash becomes a space; comment lines inside a continuation are skipped.
    while (dialect === 'systemd' && text.endsWith('\\') && i + 1 < lines.length) {
      const next = (lines[++i] as string).trim();
      text = isComment(next) ? text : `${text.slice(0, -1).trimEnd()} ${next}`;
    }
    if (dialect === 'systemd' && text.endsWith('\\')) text = text.slice(0, -1).trimEnd();
    out.push({ text, line });
  }
  return out;
}

/** The sections of an INI file in order, and a note per line that is neither a section header nor key=value. */
export function parseIni(content: string, file: string, dialect: 'glib' | 'systemd'): { sections: IniSection[]; notes: string[] } {
  const sections: IniSection[] = [];
  const notes: string[] = [];
  for (const { text, line } of logicalLines(content, dialect)) {
    const header = /^\[([^\]]+)\]$/.exec(text);
    if (header !== null) {
      sections.push({ name: (header[1] as string).trim(), line, entries: [] });
      continue;
    }
    const eq = text.indexOf('=');
    const section = sections[sections.length - 1];
    if (eq <= 0 || section === undefined) {
      notes.push(lineNote(file, line, section === undefined ? `outside any [section]: ${text}` : `not a key=value line: ${text}`));
      continue;
    }
    let value = text.slice(eq + 1).trim();
    if (dialect === 'glib') value = value.replace(/\\(.)/g, (all, c: string) => GLIB_ESCAPES[c] ?? all);
    section.entries.push({ key: text.slice(0, eq).trim(), value, line });
  }
  return { sections, notes };
}

/** Every entry for `key` in the sections named one of `names`, in file order. */
export function iniEntries(sections: IniSection[], names: string[], key: string): IniEntry[] {
  return sections.filter((s) => names.includes(s.name)).flatMap((s) => s.entries.filter((e) => e.key === key));
}

/** The last entry for `key` in the sections named one of `names` (a later assignment overrides). */
export function iniLast(sections: IniSection[], names: string[], key: string): IniEntry | undefined {
  return iniEntries(sections, names, key).at(-1);
}
