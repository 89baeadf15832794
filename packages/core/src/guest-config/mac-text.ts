// MAC addresses as the formats write them (any case, ':' or '-'), reported in one form: lowercase, ':'.
import { normaliseMac } from '../nic/mac-address.js';

/** The lowercase colon form of a 6-octet MAC (surrounding blanks ignored); null when `text` is not one. */
export function normalizeMac(text: string): string | null {
  return normaliseMac(text.trim()) ?? null;
}

/** True when an interface name is a pattern (glob characters, `!` negation) or a list of names. */
export function isNamePattern(name: string): boolean {
  return /[*?[\]!\s]/.test(name);
}
