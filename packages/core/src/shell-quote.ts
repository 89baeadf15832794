// Shell-escapes argv for messages and --dry-run output. Commands are never run through a shell;
// this is only so a user can copy the printed line into one.

const SAFE = /^[A-Za-z0-9_\/.,:=@%+^-]+$/;

/** Quotes one argument for a POSIX shell, leaving plainly safe words bare. */
export function quoteArg(arg: string): string {
  if (arg !== '' && SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Renders a program and its arguments as one copy-pasteable shell line. */
export function quoteCommand(file: string, args: readonly string[]): string {
  return [file, ...args].map(quoteArg).join(' ');
}
