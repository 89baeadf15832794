// MAC addresses as the formats write them (any case, ':' or '-'), reported in one form: lowercase, ':'.

/** The lowercase colon form of a 6-octet MAC; null when `text` is not one. */
export function normalizeMac(text: string): string | null {
  const m = /^([0-9a-f]{2})([:-])([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})$/i.exec(text.trim());
  if (m === null) return null;
  return [m[1], m[3], m[4], m[5], m[6], m[7]].join(':').toLowerCase();
}

/** True when an interface name is a pattern (glob characters, `!` negation) or a list of names. */
export function isNamePattern(name: string): boolean {
  return /[*?[\]!\s]/.test(name);
}
