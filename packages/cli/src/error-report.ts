// How a failed run reports its error: the kind's one-line message and exit code, and with --json
// the same as one JSON document on stderr with the error's stable code
// (docs/errors.md#errors-as-json). The three kinds: docs/architecture.md#three-kinds-of-error.
import { ERROR_CODES, InterruptedError, ToolError, UsageError, type ErrorCode } from '@rejviz/core';

/** Exit code of a bug in rejviz (EX_SOFTWARE of sysexits.h). */
export const BUG_EXIT_CODE = 70;

/** What `--json` prints on stderr for a failed run, under the key `error`. */
export interface ErrorReport {
  /** The bin that failed (a pipeline's commands share one stderr). */
  bin: string;
  code: ErrorCode;
  /** The one-line message, as the text form prints it after the bin's name (and `error: `). */
  message: string;
  exitCode: number;
  /** RJV-TOOL-FAILED, RJV-TOOL-MISSING: the program. */
  tool?: string;
  /** RJV-TOOL-FAILED: the command as it ran, shell-escaped, secrets redacted. */
  command?: string;
  /** RJV-TOOL-FAILED: the last lines of the tool's stderr, secrets scrubbed ('' when it printed none). */
  stderrTail?: string;
  /** RJV-INTERRUPTED: the signal rejviz got. */
  signal?: string;
  /** RJV-BUG: the stack trace to report. */
  stack?: string;
}

const CODES = new Set<string>(Object.values(ERROR_CODES));

// A plugin's UsageError may come from another copy of core (errors.ts): its code is trusted only
// when it is one of ours, and its tool only where the code says a tool is missing.
function usageReport(bin: string, err: UsageError): ErrorReport {
  const code = CODES.has(err.code) ? err.code : ERROR_CODES.USAGE;
  const tool = (err as { tool?: unknown }).tool;
  return {
    bin, code, message: err.message, exitCode: err.exitCode,
    ...(code === ERROR_CODES.TOOL_MISSING && typeof tool === 'string' && { tool }),
  };
}

/** The report of any error a run ends with; anything that is not one of rejviz's errors is a bug. */
export function errorReport(bin: string, err: unknown): ErrorReport {
  if (err instanceof UsageError) return usageReport(bin, err);
  if (err instanceof ToolError) {
    return {
      bin, code: err.code, message: `${err.tool} failed with exit code ${err.exitCode}`, exitCode: err.exitCode,
      tool: err.tool, command: err.command, stderrTail: err.stderrTail,
    };
  }
  if (err instanceof InterruptedError) {
    return { bin, code: err.code, message: `interrupted by ${err.signal}; nothing was left half-made`, exitCode: err.exitCode, signal: err.signal };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const message = `Assertion failed (this is a bug in rejviz; please report it): ${e.message.replace(/^Assertion failed: /, '')}`;
  return { bin, code: ERROR_CODES.BUG, message, exitCode: BUG_EXIT_CODE, stack: e.stack ?? '' };
}

/** The human form: one line, then the command and stderr tail of a tool, or the stack of a bug. */
function errorLines(report: ErrorReport, err: unknown): string {
  switch (report.code) {
    case ERROR_CODES.TOOL_FAILED: {
      const lines = [`${report.bin}: error: ${report.message}`, `  command: ${report.command}`];
      // A streamed tool's stderr is already on the terminal, just above: not twice.
      const shown = err instanceof ToolError && err.stderrShown;
      if (report.stderrTail && !shown) lines.push(report.stderrTail.replace(/^/gm, '  | '));
      return `${lines.join('\n')}\n`;
    }
    case ERROR_CODES.INTERRUPTED:
      return `${report.bin}: ${report.message}\n`;
    case ERROR_CODES.BUG:
      return `${report.bin}: ${report.message}\n${report.stack}\n`;
    default:
      return `${report.bin}: error: ${report.message}\n`;
  }
}

/** What a failed run prints on stderr: the human form, or with `json` one line `{"error":{…}}`. */
export function errorText(report: ErrorReport, err: unknown, json: boolean): string {
  return json ? `${JSON.stringify({ error: report })}\n` : errorLines(report, err);
}

/**
 * Whether argv asks for --json, for an error before the options are parsed (a bad plugin, an
 * option clipanion refuses). Only up to `--`: what follows is the wrapped tool's.
 */
export function argvAsksForJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}
