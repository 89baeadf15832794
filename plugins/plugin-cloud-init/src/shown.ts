// Shows a user-supplied value inside a one-line error message.

const MAX = 60;

/** `'value'` when it is short printable text; otherwise JSON-escaped and cut, so messages stay one line. */
export function shown(value: string): string {
  const cut = value.length > MAX ? `${value.slice(0, MAX)}…` : value;
  return /^[\x20-\x7e]*$/.test(value) && !cut.includes("'") ? `'${cut}'` : JSON.stringify(cut);
}
