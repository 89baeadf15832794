// A machine that did not become ready: a tool error of ssh (docs/errors.md), whose exit code is
// ssh's (255 for a refused host key; the last attempt's for a machine that stopped) or 124 for the
// deadline, as the runner reports a timeout. The detail that the CLI prints under the command (its
// `stderrTail`) starts with the one-line reason.
import { ToolError } from '@rejviz/core';
import type { ReadyPhase } from './ready-phases.js';

/**
 * Why: the deadline passed, the guest showed another host key, cloud-init reported errors, rejviz's
 * first boot failed, the login itself failed, or the machine's domain stopped (shut off, crashed)
 * while it was awaited.
 */
export type NotReadyReason = 'timeout' | 'host-key' | 'cloud-init' | 'first-boot' | 'login' | 'stopped';

export class GuestNotReadyError extends ToolError {
  constructor(
    readonly machine: string,
    readonly reason: NotReadyReason,
    /** The phase that was not reached. */
    readonly phase: ReadyPhase,
    readonly waitedMs: number,
    command: string,
    exitCode: number,
    /** The one-line reason, then the lines that explain it (ssh's error, cloud-init's, diagnose()'s). */
    detail: string,
  ) {
    super('ssh', command, exitCode, detail);
    this.name = 'GuestNotReadyError';
    this.message = detail;
  }
}
