// What must never leave a guest's console log for an error message: the seed hands the guest its
// private host keys, and cloud-init (or the user's own commands) may print them, a password hash,
// or the passwords chpasswd made up ("Set the following 'random' passwords", cc_set_passwords).
// The log read may start inside a key, so an END line without its BEGIN removes what came before.

/** What stands where a secret was. */
export const REMOVED = '[secret removed]';

const BEGIN = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
const END = /-----END [A-Z0-9 ]*PRIVATE KEY-----/;
// crypt(3) hashes: $1$, $2a$/$2b$/$2y$, $5$, $6$, yescrypt $y$ and $gy$, $7$ (scrypt).
const CRYPT_HASH = /\$(?:1|2[aby]?|5|6|7|y|gy)\$[^\s:'",]+/g;
const RANDOM_PASSWORDS = /Set the following 'random' passwords/;
// USER:PASSWORD, maybe after a prefix (a kernel timestamp).
const USER_PASSWORD = /^(.*?[a-z_][a-z0-9_.-]*\$?):\S+$/;

/** The lines with every private key block, crypt hash and made-up password replaced by REMOVED. */
export function withoutSecrets(lines: readonly string[]): string[] {
  const out: string[] = [];
  let inKey = false;
  let passwords = false;
  for (const line of lines) {
    if (inKey) {
      const end = END.exec(line);
      if (!end) continue;
      inKey = false;
      const after = line.slice(end.index + end[0].length).trim();
      if (after !== '') out.push(after.replace(CRYPT_HASH, REMOVED));
      continue;
    }
    const begin = BEGIN.exec(line);
    if (begin) {
      // A key in one line (JSON or YAML with \n escapes) ends there; otherwise at its END line.
      const rest = line.slice(begin.index);
      const end = END.exec(rest);
      inKey = !end;
      const after = end ? rest.slice(end.index + end[0].length) : '';
      out.push(`${line.slice(0, begin.index)}${REMOVED}${after}`.replace(CRYPT_HASH, REMOVED));
      continue;
    }
    if (END.test(line)) {
      // The window began inside a key: everything so far was part of it.
      out.length = 0;
      out.push(REMOVED);
      continue;
    }
    if (passwords && USER_PASSWORD.test(line)) {
      out.push(line.replace(USER_PASSWORD, `$1:${REMOVED}`));
      continue;
    }
    passwords = RANDOM_PASSWORDS.test(line);
    out.push(line.replace(CRYPT_HASH, REMOVED));
  }
  return out;
}
