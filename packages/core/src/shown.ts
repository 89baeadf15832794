// A user-supplied value quoted inside a one-line message (one module:
// docs/architecture.md#one-concern-one-place).

// Characters that would break the line or drive the terminal: C0 controls, DEL, C1 controls
// (0x9b is a one-byte CSI to some terminals) and the Unicode line and paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// Long enough for any name, address or option value a user types; a pasted key or file body is cut.
const MAX_CHARS = 100;

function escaped(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Quotes a value for a one-line message: 'value', control characters shown as \xNN (\uNNNN for
 * U+2028/U+2029), and a value over 100 characters cut there with '…' after it.
 */
export function shown(value: string): string {
  // Cut by code points, so a character outside the BMP is never split in half.
  const chars = [...value];
  const kept = chars.length > MAX_CHARS ? `${chars.slice(0, MAX_CHARS).join('')}…` : value;
  return `'${kept.replace(CONTROL, escaped)}'`;
}

/** True when the text holds a character shown() would escape (a newline, a NUL, an escape ...). */
export function hasControl(value: string): boolean {
  return new RegExp(CONTROL.source).test(value);
}
