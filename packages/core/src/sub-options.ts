// virt-install's comma syntax for device options (--network network=x,mac=y): split and quote.
// virt-install splits with Python's shlex in POSIX mode with ',' as the only separator
// (virtinst/cli.py parse_optstr_tuples), so quotes protect commas inside a value.

/** Splits a sub-option string into [key, value] items; a bare item (no '=') has a null value. */
export function splitSubOptions(text: string): [string, string | null][] | { error: string } {
  const tokens: string[] = [];
  let token = '';
  // A quoted empty string ('') is still a token, so "started" is tracked apart from the text.
  let started = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote === "'") {
      if (c === "'") quote = null;
      else token += c;
    } else if (quote === '"') {
      // Inside double quotes shlex only lets '\' escape '"' and '\'.
      const next = text[i + 1];
      if (c === '\\' && (next === '"' || next === '\\')) token += text[++i];
      else if (c === '"') quote = null;
      else token += c;
    } else if (c === ',') {
      if (started) tokens.push(token);
      [token, started] = ['', false];
    } else {
      started = true;
      if (c === '"' || c === "'") quote = c;
      else if (c === '\\') {
        if (i + 1 >= text.length) return { error: 'ends in an escaping backslash' };
        token += text[++i];
      } else token += c;
    }
  }
  if (quote !== null) return { error: `has no closing ${quote}` };
  if (started) tokens.push(token);
  return tokens.map((item) => {
    const eq = item.indexOf('=');
    return eq < 0 ? [item, null] : [item.slice(0, eq), item.slice(eq + 1)];
  });
}

/** Quotes a sub-option value when it holds a character the comma syntax would split or eat. */
export function quoteSubOption(value: string): string {
  return /[,"'\\]/.test(value) ? `"${value.replace(/["\\]/g, '\\$&')}"` : value;
}
