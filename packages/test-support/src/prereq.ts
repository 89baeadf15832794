// Tests that need a real tool or fixture declare it here. Without CI a missing prerequisite skips
// the test with a visible reason; with CI=true it fails, so a broken set-up never passes silently.
// One module for every tier: test/ and the workspaces' own tests (plugins' real-parser tests).
import test, { type TestFn } from 'ava';
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const CI = process.env.CI === 'true';

/** True when an executable of that name is on PATH. */
export function onPath(tool: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Whether `tool probe...` runs and exits 0 (harmless arguments that need what the test needs). */
function probes(tool: string, probe: readonly string[]): boolean {
  try {
    execFileSync(tool, probe, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * What a test needs. A tool may name a `probe` (arguments it must accept, for a feature only some
 * versions have, e.g. nmcli --offline) and how to `install` it, which the reason then says.
 */
export type Prereq =
  | { tool: string; probe?: readonly string[]; install?: string }
  | { path: string; what: string }
  | { check: () => boolean; what: string };

/** What of `needs` this host lacks, one phrase each (empty when all is there). */
export function missingPrerequisites(needs: readonly Prereq[]): string[] {
  return needs.flatMap((n) => {
    if ('tool' in n) {
      const install = n.install === undefined ? '' : `; ${n.install}`;
      if (!onPath(n.tool)) return [`${n.tool} (not on PATH${install})`];
      return n.probe === undefined || probes(n.tool, n.probe) ? [] : [`${n.tool} (${[n.tool, ...n.probe].join(' ')} failed${install})`];
    }
    if ('path' in n) return existsSync(n.path) ? [] : [`${n.what} (${n.path} missing)`];
    return n.check() ? [] : [n.what];
  });
}

/** The ava `test` to use for tests needing these prerequisites. */
export function testNeeding(needs: readonly Prereq[]): TestFn {
  const gone = missingPrerequisites(needs);
  if (gone.length === 0) return test;
  const reason = `missing prerequisite: ${gone.join(', ')}; run scripts/host-setup and fixtures/images/build`;
  if (!CI) {
    console.error(`skipping tests in this file: ${reason}`);
    return standIn((title) => test.skip(title, () => undefined));
  }
  return standIn((title) => test(title, (t) => t.fail(reason)));
}

// A TestFn whose tests are all registered by `register` and whose hooks do nothing (the hooks
// would need the missing prerequisite themselves).
function standIn(register: (title: string) => void): TestFn {
  const fn = ((title: string) => register(title)) as unknown as Record<string, unknown>;
  const noop = Object.assign(() => undefined, { always: () => undefined, skip: () => undefined });
  Object.assign(fn, { serial: fn, only: fn, failing: fn, skip: test.skip, before: noop, after: noop, beforeEach: noop, afterEach: noop });
  return fn as unknown as TestFn;
}
