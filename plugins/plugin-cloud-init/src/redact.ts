// user-data may carry passwords (the user's own file) and private keys (ssh_keys' *_private, which
// rejviz-up's ssh plugin puts in a machine's seed); what rejviz shows of it never does.

const SECRET_KEY = /^(\s*(?:-\s+)?(?:password|passwd|hashed_passwd|plain_text_passwd|lock_passwd_hash)\s*:\s*)(\S.*)$/;
// A private key's value: on the line (quoted, or a flow scalar) or a block scalar below it.
const PRIVATE_KEY = /^(\s*(?:-\s+)?)([A-Za-z0-9_]*_private|private_key)(\s*:)(.*)$/;

const indentOf = (line: string) => line.length - line.trimStart().length;

/** user-data with the values of password keys and private keys replaced, for --dry-run output. */
export function redactUserData(text: string): string {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const key = PRIVATE_KEY.exec(line);
    if (key) {
      out.push(`${key[1]}${key[2]}${key[3]} <redacted>`);
      // Its value's further lines (a block scalar, a multi-line quoted string): every line after
      // it that is blank or indented deeper than the key.
      const depth = indentOf(line) + (key[1]!.includes('-') ? key[1]!.length - indentOf(line) : 0);
      while (i + 1 < lines.length && (lines[i + 1]!.trim() === '' || indentOf(lines[i + 1]!) > depth)) {
        if (lines[i + 1]!.trim() === '' && (i + 2 >= lines.length || indentOf(lines[i + 2]!) <= depth)) break;
        i++;
      }
      continue;
    }
    const m = SECRET_KEY.exec(line);
    out.push(m ? `${m[1]}<redacted>` : line);
  }
  return out.join('\n');
}
