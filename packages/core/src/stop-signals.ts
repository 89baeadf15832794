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

const controller = new AbortController();
let received: StopSignal | null = null;
let installed = false;
const onRepeat = new Set<() => void>();
let watchdog: (() => Promise<void>) | null = null;

/** Aborted (reason: the signal's name) when the first stop signal arrives. */
export const stopSignal: AbortSignal = controller.signal;

/** The stop signal that arrived, if any. */
export function receivedSignal(): StopSignal | null {
  return received;
}

/** Throws InterruptedError when a stop signal has arrived: a checkpoint between steps. */
export function throwIfStopped(what: string): void {
  if (received !== null) throw new InterruptedError(what, received);
}

/** Waits for `promise`, or throws InterruptedError as soon as a stop signal arrives. */
export function untilStopped<T>(promise: Promise<T>, what: string): Promise<T> {
  if (received !== null) return Promise.reject(new InterruptedError(what, received));
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new InterruptedError(what, received ?? 'SIGINT'));
    stopSignal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => stopSignal.removeEventListener('abort', abort));
  });
}

/** Calls `fn` on every further stop signal (a second Ctrl-C): exec escalates to SIGKILL there. */
export function onRepeatedSignal(fn: () => void): () => void {
  onRepeat.add(fn);
  return () => onRepeat.delete(fn);
}

/**
 * What to do when a run does not end within the watchdog time after a signal (a tool that ignores
 * every signal, a wait nothing can abort): the bin runs its cleanups and exits. Set by runCommand.
 */
export function setStopWatchdog(fn: () => Promise<void>): void {
  watchdog = fn;
}

/** Installs the handlers for INT, TERM, HUP and QUIT (once per process). */
export function installStopHandlers(): void {
  if (installed) return;
  installed = true;
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      if (received !== null) {
        for (const fn of onRepeat) fn();
        return;
      }
      received = signal;
      controller.abort(signal);
      if (watchdog) {
        const fn = watchdog;
        // Not unref'd: a run stuck on a wait that nothing else keeps alive must still be cleaned
        // up. A bin that ends normally calls process.exit, which does not wait for this timer.
        setTimeout(() => void fn(), WATCHDOG_MS);
      }
    });
  }
}
