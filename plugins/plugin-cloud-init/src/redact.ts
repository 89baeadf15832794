// user-data may carry passwords (the user's own file); what rejviz shows of it never does.

const SECRET_KEY = /^(\s*(?:-\s+)?(?:password|passwd|hashed_passwd|plain_text_passwd|lock_passwd_hash)\s*:\s*)(\S.*)$/;

/** user-data with the values of password keys replaced, for --dry-run output. */
export function redactUserData(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const m = SECRET_KEY.exec(line);
      return m ? `${m[1]}<redacted>` : line;
    })
    .join('\n');
}
