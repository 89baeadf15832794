// Where plugin-rhsm's secrets would go under --dry-run, which writes nothing: a placeholder path.
// A real run hands them over as nameless files (core's createSecretFile).
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'rejviz-rhsm-';

/** Where files would go under --dry-run, which writes nothing: a path that is never created. */
export function placeholderPath(name: string): string {
  return join(tmpdir(), `${PREFIX}XXXXXX`, name);
}
