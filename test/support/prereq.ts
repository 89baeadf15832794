// Tests that need a real tool or fixture declare it here. Without CI a missing prerequisite skips
// the test with a visible reason; with CI=true it fails, so a broken set-up never passes silently.
import test, { type TestFn } from 'ava';
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

export type Prereq = { tool: string } | { path: string; what: string } | { check: () => boolean; what: string };

function missing(needs: Prereq[]): string[] {
  return needs.flatMap((n) => {
    if ('tool' in n) return onPath(n.tool) ? [] : [`${n.tool} (not on PATH)`];
    if ('path' in n) return existsSync(n.path) ? [] : [`${n.what} (${n.path} missing)`];
    return n.check() ? [] : [n.what];
  });
}

/** The ava `test` to use for tests needing these prerequisites. */
export function testNeeding(needs: Prereq[]): TestFn {
  const gone = missing(needs);
  if (gone.length === 0) return test;
  const reason = `missing prerequisite: ${gone.join(', ')}; run scripts/host-setup and fixtures/images/build`;
  if (!CI) {
    console.error(`skipping tests in this file: ${reason}`);
    return stand_in((title) => test.skip(title, () => undefined));
  }
  return stand_in((title) => test(title, (t) => t.fail(reason)));
}

// A TestFn whose tests are all registered by `register` and whose hooks do nothing (the hooks
// would need the missing prerequisite themselves).
function stand_in(register: (title: string) => void): TestFn {
  const fn = ((title: string) => register(title)) as unknown as Record<string, unknown>;
  const noop = Object.assign(() => undefined, { always: () => undefined, skip: () => undefined });
  Object.assign(fn, { serial: fn, only: fn, failing: fn, skip: test.skip, before: noop, after: noop, beforeEach: noop, afterEach: noop });
  return fn as unknown as TestFn;
}
