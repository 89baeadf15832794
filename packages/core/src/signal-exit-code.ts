// The exit status that reports a process ended by a signal: 128 + the signal's number (SIGINT 130,
// SIGTERM 143, SIGSEGV 139), as shells show it and docs/errors.md lists it.
import { constants } from 'node:os';

/** 128 + the number of `signal` (a name such as 'SIGTERM'); 128 + 0 for a name this OS lacks. */
export function signalExitCode(signal: string): number {
  return 128 + ((constants.signals as Record<string, number | undefined>)[signal] ?? 0);
}
