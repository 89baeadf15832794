// Logical lines of the line-oriented formats that continue a line with a trailing backslash
// (interfaces(5), udev rules): blank lines and '#' comments dropped, each with its first line number.

/** The file's logical lines; a backslash at the very end of the file is dropped. */
export function continuedLines(content: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let text = (lines[i] as string).trim();
    const line = i + 1;
    if (text === '' || text.startsWith('#')) continue;
    while (text.endsWith('\\') && i + 1 < lines.length) text = `${text.slice(0, -1)} ${(lines[++i] as string).trim()}`;
    if (text.endsWith('\\')) text = text.slice(0, -1);
    out.push({ text, line });
  }
  return out;
}
