// rejviz-peek's own arguments (it wraps no tool): -a IMAGE (repeatable, with --format before it as
// guestfish takes it), -c/--connect URI and one DOMAIN.
import { UsageError } from '@rejviz/core';

export interface PeekArgs {
  images: { path: string; format: string | null }[];
  uri: string | null;
  domain: string | null;
}

/** The arguments rejviz-peek reads itself, each with a value (shell completion offers them too). */
export const PEEK_VALUE_OPTIONS: readonly string[] = ['-a', '--add', '-c', '--connect', '--format'];

const USAGE = 'usage: rejviz-peek DOMAIN | -c URI DOMAIN | -a IMAGE [-a IMAGE]... | --manifest FILE|-';

/** Reads the arguments rejviz's option parser left over. */
export function readPeekArgs(args: readonly string[]): PeekArgs {
  const out: PeekArgs = { images: [], uri: null, domain: null };
  let format: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const token = args[i] as string;
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = eq > 0 ? token.slice(0, eq) : token;
    const takes = PEEK_VALUE_OPTIONS.includes(name);
    if (takes) {
      const value = eq > 0 ? token.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value; ${USAGE}`);
      if (name === '-a' || name === '--add') out.images.push({ path: value, format: format === 'auto' ? null : format });
      else if (name === '--format') format = value;
      else out.uri = value;
      continue;
    }
    if (token.startsWith('-') && token !== '-') throw new UsageError(`unknown option ${token}; ${USAGE}`);
    if (out.domain !== null) throw new UsageError(`one domain at a time: got ${out.domain} and ${token}; ${USAGE}`);
    out.domain = token;
  }
  if (out.domain !== null && out.images.length > 0) throw new UsageError(`give a DOMAIN or -a IMAGE, not both; ${USAGE}`);
  return out;
}
