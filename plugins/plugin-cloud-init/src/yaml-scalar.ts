// Quotes YAML scalars only when needed, so the hand-rendered seed files read naturally yet mean
// the same to cloud-init (PyYAML, YAML 1.1) and to netplan (libyaml). The same approach as
// plugin-nic's netplan renderer, kept separate so this package depends on @rejviz/core only.

// Plain words that YAML 1.1 resolves to booleans or null.
const BOOLEAN_OR_NULL = /^(?:y|n|yes|no|true|false|on|off|null)$/i;
// A dotted quad (with an optional /prefix) is never a number, date or sexagesimal in YAML 1.1 or 1.2.
const DOTTED_QUAD = /^[0-9]+(?:\.[0-9]+){3}(?:\/[0-9]+)?$/;

/** A YAML scalar: bare when it is plainly a string (eth0, 10.0.0.5/24), else double-quoted (MACs, IPv6). */
export function yamlScalar(value: string): string {
  // Starting with a letter rules out numbers, dates, `-`, `.inf` and every YAML indicator.
  const word = /^[A-Za-z][A-Za-z0-9._/-]*$/.test(value) && !BOOLEAN_OR_NULL.test(value);
  return word || DOTTED_QUAD.test(value) ? value : JSON.stringify(value);
}
