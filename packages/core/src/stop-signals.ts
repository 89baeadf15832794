// The signals that end a run: SIGINT (Ctrl-C), SIGTERM (kill, a supervisor), SIGHUP (a closed
// terminal or ssh session) and SIGQUIT (Ctrl-\). Node's default action for TERM, HUP and QUIT ends
// the process at once, without finally blocks or 'exit' handlers: temporary images, private
// files holding secrets and seed volumes would stay behind. Once the handlers are installed, the
// first such signal aborts the run instead: exec stops the running tool, the next checkpoint
// throws InterruptedError, the finally blocks and registered cleanups (cleanup.ts) run, and the
// bin exits 128 + the signal's number, as a shell reports a process killed by it.
import { InterruptedError } from './errors.js';

export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'SIGQUIT';
export const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

/** After a signal, how long the run may take to stop and clean up before it is ended anyway. */
const WATCHDOG_MS = 60_000;

interface StopState {
  controller: AbortController;
  received: StopSignal | null;
  installed: boolean;
  onRepeat: Set<() => void>;
  watchdog: (() => Promise<void>) | null;
}

// One state per process, not per copy of this module (a bin's bundled core and an external
// plugin's @rejviz/core from node_modules): a plugin's checkpoint must see the bin's signal.
const KEY = Symbol.for('rejviz.stop-signals');
const state = ((globalThis as Record<symbol, unknown>)[KEY] ??= {
  controller: new AbortController(), received: null, installed: false, onRepeat: new Set(), watchdog: null,
} satisfies StopState) as StopState;

/** Aborted (reason: the signal's name) when the first stop signal arrives. */
export const stopSignal: AbortSignal = state.controller.signal;

/** The stop signal that arrived, if any. */
export function receivedSignal(): StopSignal | null {
  return state.received;
}

/** Throws InterruptedError when a stop signal has arrived: a checkpoint between steps. */
export function throwIfStopped(what: string): void {
  if (state.received !== null) throw new InterruptedError(what, state.received);
}

/** Waits for `promise`, or throws InterruptedError as soon as a stop signal arrives. */
export function untilStopped<T>(promise: Promise<T>, what: string): Promise<T> {
  if (state.received !== null) return Promise.reject(new InterruptedError(what, state.received));
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new InterruptedError(what, state.received ?? 'SIGINT'));
    stopSignal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => stopSignal.removeEventListener('abort', abort));
  });
}

/** Calls `fn` on every further stop signal (a second Ctrl-C): exec escalates to SIGKILL there. */
export function onRepeatedSignal(fn: () => void): () => void {
  state.onRepeat.add(fn);
  return () => state.onRepeat.delete(fn);
}

/**
 * What to do when a run does not end within the watchdog time after a signal (a tool that ignores
 * every signal, a wait nothing can abort): the bin runs its cleanups and exits. Set by runCommand.
 */
export function setStopWatchdog(fn: () => Promise<void>): void {
  state.watchdog = fn;
}

/** Installs the handlers for INT, TERM, HUP and QUIT (once per process). */
export function installStopHandlers(): void {
  if (state.installed) return;
  state.installed = true;
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      if (state.received !== null) {
        for (const fn of state.onRepeat) fn();
        return;
      }
      state.received = signal;
      state.controller.abort(signal);
      if (state.watchdog) {
        const fn = state.watchdog;
        // Not unref'd: a run stuck on a wait that nothing else keeps alive must still be cleaned
        // up. A bin that ends normally calls process.exit, which does not wait for this timer.
        setTimeout(() => void fn(), WATCHDOG_MS);
      }
    });
  }
}
