// Values quoted for one-line error messages: control characters become \xNN so a message
// never spans lines.

/** 'value' with control characters escaped. */
export function showValue(value: string): string {
  return `'${value.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
}

/** True when the text has a control character (a newline, a NUL, an escape ...). */
export function hasControl(value: string): boolean {
  return /[\x00-\x1f\x7f]/.test(value);
}
