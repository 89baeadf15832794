// Where plugin-rhsm's secrets go: a private directory from core (0700, removed however the run
// ends), one 0600 file per secret; and, under --dry-run, which writes nothing, a placeholder path.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The prefix of the private directories plugin-rhsm makes under the system temp dir. */
export const PREFIX = 'rejviz-rhsm-';

/** Where files would go under --dry-run, which writes nothing: a path that is never created. */
export function placeholderPath(name: string): string {
  return join(tmpdir(), `${PREFIX}XXXXXX`, name);
}
