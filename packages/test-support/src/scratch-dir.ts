// A temporary directory for one test, removed when the test ends, passed or failed: a test's
// mkdtemp without its clean-up left a directory in /tmp on every run (67 per full run).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The part of ava's execution context this needs (test-support does not depend on ava). */
export interface Teardown {
  teardown(fn: () => unknown): void;
}

/** A new directory under the system's temporary directory, named `prefix` + random characters. */
export async function scratchDir(t: Teardown, prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
