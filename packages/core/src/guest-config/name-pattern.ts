// Interface names in guest files that stand for several interfaces rather than one.

/** True when an interface name is a pattern (glob characters, `!` negation) or a list of names. */
export function isNamePattern(name: string): boolean {
  return /[*?[\]!\s]/.test(name);
}
