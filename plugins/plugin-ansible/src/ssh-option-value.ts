// A value for an ssh `-o KEY=VALUE` option, as ssh parses it: ssh_config(5) splits a value on
// blanks unless double-quoted (UserKnownHostsFile takes several files), unescapes \" and \\
// inside quotes, and expands %-tokens (%% is a '%') and ${VAR} in file names
// (ssh_config(5) TOKENS and ENVIRONMENT VARIABLES). Checked with `ssh -G` (OpenSSH 9.2).

import { hasControl, shown, UsageError } from '@rejviz/core';

// Words ssh reads as they are.
const PLAIN = /^[A-Za-z0-9_\/.,:@+=-]+$/;

/** Why `path` cannot be an ssh file option's value, or undefined. */
export function sshPathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return 'it is not an absolute path (ansible runs ssh from any directory)';
  if (hasControl(path)) return 'it has a control character';
  // There is no escape for "${" in ssh_config: ssh would put an environment variable there.
  if (path.includes('${')) return "it has '${', which ssh expands as an environment variable";
  return undefined;
}

/** A file name as an ssh option value: bare when plain, else double-quoted with \ " escaped and % doubled. */
export function sshPathValue(path: string, what: string): string {
  const problem = sshPathProblem(path);
  if (problem !== undefined) throw new UsageError(`${what} ${shown(path)}: ${problem}; use another path`);
  if (PLAIN.test(path)) return path;
  return `"${path.replace(/[\\"]/g, '\\$&').replace(/%/g, '%%')}"`;
}
