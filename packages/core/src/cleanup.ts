// Undo work that must happen however a run ends: a temporary image beside the output, a secret
// handed to a tool, a seed volume made for an install that did not finish. Whoever creates such a
// thing registers its undo right after creating it (no await in between), then either runs it
// (failure) or dismisses it (the thing was published). Whatever is still registered when a run
// ends (an exception, a signal: stop-signals.ts) is undone: by withCleanupScope for one library
// call, and by runCleanups, which the bins call when the command ends, for everything.

import { AsyncLocalStorage } from 'node:async_hooks';

export interface Cleanup {
  /** Undoes now (once; later calls do nothing) and unregisters. */
  run(): Promise<void>;
  /** Unregisters without undoing: the thing is kept (e.g. published). */
  dismiss(): void;
}

interface Entry {
  what: string;
  undo: () => Promise<void> | void;
}

interface Registry {
  /** Undos registered outside any scope. */
  pending: Entry[];
  /** The lists of the scopes running now. */
  scopes: Set<Entry[]>;
  current: AsyncLocalStorage<Entry[]>;
}

// One registry per process, not per copy of this module: a bin carries its own bundled copy of
// core while an external plugin imports @rejviz/core from node_modules (errors.ts has the same
// concern); the plugin's undos must run when the bin cleans up.
const KEY = Symbol.for('rejviz.cleanups');
const registry = ((globalThis as Record<symbol, unknown>)[KEY] ??= {
  pending: [], scopes: new Set(), current: new AsyncLocalStorage<Entry[]>(),
} satisfies Registry) as Registry;

/** Registers `undo` for `what` (e.g. "temporary image /srv/.vm.img.rejviz-1a2b.tmp"). */
export function onCleanup(what: string, undo: () => Promise<void> | void): Cleanup {
  const list = registry.current.getStore() ?? registry.pending;
  const entry: Entry = { what, undo };
  list.push(entry);
  const unregister = () => {
    const i = list.indexOf(entry);
    if (i < 0) return false;
    list.splice(i, 1);
    return true;
  };
  return {
    async run() {
      if (unregister()) await entry.undo();
    },
    dismiss() {
      unregister();
    },
  };
}

/** How many undos are registered, in and out of scopes (for tests). */
export function pendingCleanups(): number {
  return registry.pending.length + [...registry.scopes].reduce((n, l) => n + l.length, 0);
}

async function runList(list: Entry[], failed: string[]): Promise<void> {
  while (list.length > 0) {
    const entry = list.pop() as Entry;
    try {
      await entry.undo();
    } catch (err) {
      failed.push(`could not remove ${entry.what}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
}

/**
 * Runs `fn` with its own undo list: what it (and every async call it makes) registers and does
 * not dismiss is undone when it ends, however it ends; two library calls at once keep apart.
 */
export async function withCleanupScope<T>(fn: () => Promise<T>, onFailure: (line: string) => void = () => undefined): Promise<T> {
  const list: Entry[] = [];
  registry.scopes.add(list);
  try {
    return await registry.current.run(list, fn);
  } finally {
    const failed: string[] = [];
    await runList(list, failed);
    registry.scopes.delete(list);
    failed.forEach(onFailure);
  }
}

/**
 * Runs every registered undo, in every scope, newest first (a file before the directory holding
 * it): what a bin does when its command ends, or its watchdog gives up. An undo that fails does not
 * stop the others; the returned lines say what could not be undone.
 */
export async function runCleanups(): Promise<string[]> {
  const failed: string[] = [];
  for (const list of [...registry.scopes]) await runList(list, failed);
  await runList(registry.pending, failed);
  return failed;
}
