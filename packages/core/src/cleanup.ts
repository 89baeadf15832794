// Undo work that must happen however a run ends: a temporary image beside the output, a private
// directory holding a secret, a seed volume made for an install that did not finish. Whoever
// creates such a thing registers its undo right after creating it (no await in between), then
// either runs it (failure) or dismisses it (the thing was published). Whatever is still registered
// when a command ends (an exception, a signal: stop-signals.ts) is undone by runCleanups, which
// runCommand calls in its finally block; so a tap that fails after another tap wrote a secret
// still leaves nothing behind.

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

// One list per process, not per copy of this module: a bin carries its own bundled copy of core
// while an external plugin imports @rejviz/core from node_modules (errors.ts has the same
// concern); the plugin's undos must run when the bin cleans up.
const KEY = Symbol.for('rejviz.cleanups');
const pending: Entry[] = ((globalThis as Record<symbol, unknown>)[KEY] ??= []) as Entry[];

/** Registers `undo` for `what` (e.g. "temporary image /srv/.vm.img.rejviz-1a2b.tmp"). */
export function onCleanup(what: string, undo: () => Promise<void> | void): Cleanup {
  const entry: Entry = { what, undo };
  pending.push(entry);
  const unregister = () => {
    const i = pending.indexOf(entry);
    if (i < 0) return false;
    pending.splice(i, 1);
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

/** How many undos are registered (for tests). */
export function pendingCleanups(): number {
  return pending.length;
}

/**
 * Runs every registered undo, newest first (a file before the directory holding it). An undo that
 * fails does not stop the others; the returned lines say what could not be undone.
 */
export async function runCleanups(): Promise<string[]> {
  const failed: string[] = [];
  while (pending.length > 0) {
    const entry = pending.pop() as Entry;
    try {
      await entry.undo();
    } catch (err) {
      failed.push(`could not remove ${entry.what}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return failed;
}
