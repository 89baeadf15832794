// The three kinds of error (docs/architecture.md#three-kinds-of-error): usage/input errors exit 2
// before anything runs, tool errors pass the wrapped tool's exit code through, anything else is
// a bug.
import { signalExitCode } from './signal-exit-code.js';

/** Stable error codes, listed in docs/errors.md. */
export const ERROR_CODES = {
  USAGE: 'RJV-USAGE',
  INPUT: 'RJV-INPUT',
  CONFLICT: 'RJV-CONFLICT',
  TOOL_FAILED: 'RJV-TOOL-FAILED',
  TOOL_MISSING: 'RJV-TOOL-MISSING',
  INTERRUPTED: 'RJV-INTERRUPTED',
  BUG: 'RJV-BUG',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

// A bin is bundled with its own copy of core (scripts/bundle-bins.mjs), while an external plugin
// imports @rejviz/core from node_modules: its UsageError is another class. A registry-wide symbol
// marks every UsageError, so `instanceof UsageError` holds across the copies and a plugin's bad
// input still exits 2 instead of being reported as a bug.
const USAGE_ERROR = Symbol.for('rejviz.UsageError');

/** Bad input from the user: one line saying what is wrong and how to fix it; exit 2. */
export class UsageError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    // Only `instanceof UsageError` itself looks at the mark; subclasses keep the plain check.
    return this === UsageError && typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[USAGE_ERROR] === true;
  }

  readonly [USAGE_ERROR] = true;
  readonly code: ErrorCode;
  readonly exitCode = 2;
  constructor(message: string, code: ErrorCode = ERROR_CODES.USAGE) {
    super(message);
    this.name = 'UsageError';
    this.code = code;
  }
}

/** A wrapped tool failed; its exit code becomes ours. */
export class ToolError extends Error {
  readonly code: ErrorCode = ERROR_CODES.TOOL_FAILED;
  constructor(
    readonly tool: string,
    readonly command: string,
    readonly exitCode: number,
    readonly stderrTail: string,
    /** True when the tool's stderr was already shown live: the report does not repeat it. */
    readonly stderrShown = false,
  ) {
    super(`${tool} failed with exit code ${exitCode}: ${command}${stderrTail ? `\n${stderrTail}` : ''}`);
    this.name = 'ToolError';
  }
}

/** A program rejviz needs is not installed. Exit 2: nothing ran. */
export class ToolMissingError extends UsageError {
  constructor(readonly tool: string, hint: string) {
    super(`${tool} is not installed or not on PATH; ${hint}`, ERROR_CODES.TOOL_MISSING);
    this.name = 'ToolMissingError';
  }
}

/**
 * A stop signal (Ctrl-C, SIGTERM, SIGHUP, SIGQUIT: stop-signals.ts) ended the run; what it had
 * made was removed. Exit 128 + the signal's number (130 for Ctrl-C), as a shell reports it.
 */
export class InterruptedError extends Error {
  readonly code: ErrorCode = ERROR_CODES.INTERRUPTED;
  readonly exitCode: number;
  constructor(
    /** What was running or about to run (a command, or a phase such as "the publish phase"). */
    readonly during: string,
    readonly signal: string = 'SIGINT',
  ) {
    super(`interrupted by ${signal} during ${during}`);
    this.name = 'InterruptedError';
    this.exitCode = signalExitCode(signal);
  }
}

/** Fails loudly on a broken internal invariant (a bug, not a user error). */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Assertion failed: ${message}`);
}
