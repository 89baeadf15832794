// A user-supplied value quoted inside a one-line message (one module:
// docs/architecture.md#one-concern-one-place).

/** Quotes a value for a one-line message; control characters are shown as \xNN. */
export function shown(value: string): string {
  const escaped = value.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `'${escaped}'`;
}
