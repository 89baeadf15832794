// YAML scalars in hand-rendered files (netplan, cloud-init's meta-data and network-config): bare
// when plainly a string, so the files read naturally, yet meaning the same string to every reader
// of them: cloud-init (PyYAML, YAML 1.1), netplan (libyaml) and YAML 1.2 parsers.

// Plain words that YAML 1.1 resolves to booleans or null.
const BOOLEAN_OR_NULL = /^(?:y|n|yes|no|true|false|on|off|null)$/i;
// `e1`, `E10`: an exponent without a mantissa, which the yaml package's YAML 1.1 schema reads as
// a float (NaN) though PyYAML does not; quoted, so that no YAML 1.1 reader takes it for a number.
const BARE_EXPONENT = /^e[0-9]+$/i;
// A dotted quad (with an optional /prefix) is never a number, date or sexagesimal in YAML 1.1 or 1.2.
const DOTTED_QUAD = /^[0-9]+(?:\.[0-9]+){3}(?:\/[0-9]+)?$/;

/** A YAML scalar: bare when it is plainly a string (eth0, 10.0.0.5/24), else double-quoted (MACs, IPv6, `yes`). */
export function yamlScalar(value: string): string {
  // Starting with a letter rules out numbers (1e3, 0x1f), dates, `-`, `.inf`, `~` and every YAML
  // indicator; ':' (MACs, IPv6, base-60 numbers) and blanks are never bare.
  const word = /^[A-Za-z][A-Za-z0-9._/-]*$/.test(value) && !BOOLEAN_OR_NULL.test(value) && !BARE_EXPONENT.test(value);
  return word || DOTTED_QUAD.test(value) ? value : JSON.stringify(value);
}
