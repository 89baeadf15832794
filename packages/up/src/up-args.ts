// rejviz-up's own arguments besides its declared options (it wraps no tool): the verb, -f/--file
// FILE|- and -c/--connect URI, read the way rejviz-peek reads its -c.
import { shown, UsageError } from '@rejviz/core';

export const VERBS = ['up', 'plan', 'status', 'down', 'start', 'reboot', 'destroy', 'list', 'images'] as const;
export type Verb = (typeof VERBS)[number];

export interface UpArgs {
  verb: Verb;
  file: string | null;
  uri: string | null;
  /** images prune: true. */
  prune: boolean;
}

/** The arguments rejviz-up reads itself, each with a value (shell completion offers them too). */
export const UP_VALUE_OPTIONS: readonly string[] = ['-f', '--file', '-c', '--connect'];

const USAGE = 'usage: rejviz-up [up|plan|status|down|start|reboot|destroy|list|images [prune]] [-f FILE|-] [-c URI]';

/** Reads the arguments rejviz's option parser left over. */
export function readUpArgs(args: readonly string[]): UpArgs {
  const out: UpArgs = { verb: 'up', file: null, uri: null, prune: false };
  let verb: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const token = args[i] as string;
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = eq > 0 ? token.slice(0, eq) : token;
    if (UP_VALUE_OPTIONS.includes(name)) {
      const value = eq > 0 ? token.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value; ${USAGE}`);
      if (name === '-f' || name === '--file') out.file = value;
      else out.uri = value;
      continue;
    }
    if (token.startsWith('-')) throw new UsageError(`unknown option ${shown(token)}; ${USAGE}`);
    if (verb === 'images' && token === 'prune' && !out.prune) {
      out.prune = true;
      continue;
    }
    if (verb !== null) throw new UsageError(`one verb at a time: got ${verb} and ${shown(token)}; ${USAGE}`);
    if (!(VERBS as readonly string[]).includes(token)) throw new UsageError(`${shown(token)} is not a verb of rejviz-up; the verbs are ${VERBS.join(', ')}`);
    verb = token;
  }
  if (verb !== null) out.verb = verb as Verb;
  return out;
}
