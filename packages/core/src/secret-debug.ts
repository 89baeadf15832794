// A run that hands the tool a secret (an RHSM password or activation key, in a private file or
// script) must not run with libguestfs debugging or tracing: -v prints the commands a guest tool
// runs (the registration script's text), -x and LIBGUESTFS_TRACE every libguestfs call with its
// arguments, LIBGUESTFS_DEBUG both. Refused before anything runs, naming what to drop.
import { UsageError } from './errors.js';
import { readToolOptions } from './tool-args.js';
import { cachedToolInfo } from './tool-info.js';

const VERBOSE = new Set(['-v', '--verbose', '-x']);

/** Throws UsageError when debugging would show a secret the plan hands to `tool`. */
export function refuseDebugWithSecrets(tool: string, args: readonly string[], env: NodeJS.ProcessEnv, secretFrom: string): void {
  for (const name of ['LIBGUESTFS_DEBUG', 'LIBGUESTFS_TRACE']) {
    const value = env[name];
    if (value !== undefined && value !== '' && value !== '0') {
      throw new UsageError(`${name}=${value} is set: ${tool}'s debug output would show the secret ${secretFrom} hands it; unset ${name} for this run`);
    }
  }
  const info = cachedToolInfo(tool) ?? { options: [...VERBOSE], optionsWithValue: [] };
  const verbose = readToolOptions(args, info, true).find((use) => VERBOSE.has(use.option));
  if (verbose !== undefined) {
    throw new UsageError(`${verbose.option}: ${tool} would print the secret ${secretFrom} hands it; drop ${verbose.option} for this run`);
  }
}
