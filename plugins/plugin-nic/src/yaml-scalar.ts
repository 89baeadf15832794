// Quotes YAML scalars only when needed, so netplan files read naturally yet parse unambiguously.

// Plain scalars YAML 1.1 resolvers would turn into booleans, nulls or numbers.
const SPECIAL = /^(?:y|yes|n|no|true|false|on|off|null|~|[-+]?(?:[0-9][0-9_]*)?\.?[0-9]+(?:e[-+]?[0-9]+)?)$/i;

/** A YAML scalar: bare when plainly a string, else double-quoted (MACs, IPv6, `::/0`). */
export function yamlScalar(value: string): string {
  if (/^[A-Za-z0-9._/-]+$/.test(value) && !SPECIAL.test(value)) return value;
  return JSON.stringify(value);
}
