// user-data may carry passwords (the user's own file) and private keys (ssh_keys' *_private, which
// rejviz-up's ssh plugin puts in a machine's seed); what rejviz shows of it never does.

const SECRET_KEY = /^(\s*(?:-\s+)?(?:password|passwd|hashed_passwd|plain_text_passwd|lock_passwd_hash|activation[-_]key)\s*:\s*)(\S.*)$/;
// A value that is a whole block: a private key (on the line, quoted, or a block scalar below it),
// or chpasswd's list (NAME:PASSWORD lines, as a block scalar, a YAML list or a flow list).
const PRIVATE_KEY = /^(\s*(?:-\s+)?)([A-Za-z0-9_]*_private|private_key)(\s*:)(.*)$/;
const CHPASSWD = /^(\s*)chpasswd\s*:\s*$/;
// chpasswd written as a flow mapping on its line: the whole value goes.
const CHPASSWD_FLOW = /^(\s*chpasswd\s*:\s*)(\{.*)$/;
const LIST = /^(\s*(?:-\s+)?)(list)(\s*:)(.*)$/;

const indentOf = (line: string) => line.length - line.trimStart().length;

/** What redaction found: the text as shown, and the secret values it hid (each non-blank line of them). */
function scan(text: string): { shown: string; secrets: string[] } {
  const out: string[] = [];
  const secrets: string[] = [];
  const lines = text.split('\n');
  // The indentation of the chpasswd: key whose block we are in, or -1.
  let chpasswd = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (chpasswd >= 0 && line.trim() !== '' && indentOf(line) <= chpasswd) chpasswd = -1;
    const block = PRIVATE_KEY.exec(line) ?? (chpasswd >= 0 ? LIST.exec(line) : null);
    if (block) {
      out.push(`${block[1]}${block[2]}${block[3]} <redacted>`);
      if (block[4]!.trim() !== '' && !/^[|>][-+0-9]*$/.test(block[4]!.trim())) secrets.push(block[4]!.trim());
      // Its value's further lines (a block scalar, a multi-line quoted string, a list): every line
      // after it that is blank or indented deeper than the key.
      const depth = indentOf(line) + (block[1]!.includes('-') ? block[1]!.length - indentOf(line) : 0);
      while (i + 1 < lines.length && (lines[i + 1]!.trim() === '' || indentOf(lines[i + 1]!) > depth)) {
        if (lines[i + 1]!.trim() === '' && (i + 2 >= lines.length || indentOf(lines[i + 2]!) <= depth)) break;
        i++;
        if (lines[i]!.trim() !== '') secrets.push(lines[i]!.trim().replace(/^-\s+/, ''));
      }
      continue;
    }
    const flow = CHPASSWD_FLOW.exec(line);
    if (flow) {
      secrets.push(...flow[2]!.split(/[{},\[\]]/).map((v) => v.trim().replace(/^list\s*:\s*/, '')).filter((v) => v.includes(':') && !/^expire\s*:/.test(v)));
      out.push(`${flow[1]}<redacted>`);
      continue;
    }
    const chpasswdKey = CHPASSWD.exec(line);
    if (chpasswdKey) chpasswd = chpasswdKey[1]!.length;
    const m = SECRET_KEY.exec(line);
    if (m) secrets.push(m[2]!.trim());
    out.push(m ? `${m[1]}<redacted>` : line);
  }
  return { shown: out.join('\n'), secrets };
}

/** user-data with the values of password keys, activation keys, chpasswd's list and private keys replaced, for --dry-run output. */
export function redactUserData(text: string): string {
  return scan(text).shown;
}

/**
 * `message` with every secret value of the user-data `text` replaced (a tool's error may quote
 * the value it complains about: cloud-init's schema check does). Values are also tried without
 * their YAML quotes, and word by word.
 */
export function withoutUserDataSecrets(message: string, text: string): string {
  // cloud-init shows a value as Python does (['pw'] for [pw]): each word of it counts too.
  const values = scan(text).secrets.flatMap((v) => [v, v.replace(/^(["'])(.*)\1$/, '$2'), ...v.split(/[\s,[\]{}'"]+/)]).filter((v) => v.length >= 3);
  let out = message;
  for (const value of [...new Set(values)].sort((a, b) => b.length - a.length)) out = out.split(value).join('<redacted>');
  return out;
}
