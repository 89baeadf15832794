// docs/errors.md against the code: the table of error codes lists exactly ERROR_CODES, each with
// the class that carries it and the exit code a run with that error ends with; the fields of
// "Errors as JSON" are exactly those the reports have.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import {
  ERROR_CODES, InterruptedError, PublishConflictError, ToolError, ToolMissingError, UsageError, type ErrorCode,
} from '@rejviz/core';
import { errorReport, type ErrorReport } from '../src/error-report.js';

const DOC = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');

/** The rows of the Markdown table under `## heading`, as cell texts (header and rule dropped). */
function tableRows(heading: string): string[][] {
  const section = DOC.split(/^## /m).find((s) => s.startsWith(`${heading}\n`)) ?? '';
  return section.split('\n').filter((l) => l.startsWith('|')).slice(2)
    .map((l) => l.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim()));
}

const unquote = (cell: string) => /^`([^`]+)`/.exec(cell)?.[1] ?? cell;

interface CodeRow {
  code: string;
  /** The first class named, or the text ("any other exception"). */
  errorClass: string;
  exit: string;
}

const CODE_ROWS: CodeRow[] = tableRows('Error codes').map(([code = '', errorClass = '', exit = '']) => ({ code: unquote(code), errorClass: unquote(errorClass), exit }));

const BUG_CLASS = 'any other exception';

/** Errors of a class as rejviz makes them; `code` is the row's, which only UsageError takes. */
const MAKE: Record<string, (code: ErrorCode) => unknown[]> = {
  UsageError: (code) => [new UsageError('bad value; fix it', code)],
  PublishConflictError: () => [new PublishConflictError('/srv/vm.img', '-o'), new PublishConflictError('/srv/vm.json', '--manifest')],
  ToolError: () => [1, 2, 42, 124, 139, 255].map((n) => new ToolError('virt-demo', 'virt-demo x', n, '')),
  ToolMissingError: () => [new ToolMissingError('virt-demo', 'apt-get install demo')],
  InterruptedError: () => ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'].map((s) => new InterruptedError('virt-demo x', s)),
  [BUG_CLASS]: () => [new TypeError('x is undefined'), new Error('Assertion failed: broken'), 'a thrown string'],
};

/** The exit code the table's `exit` cell promises for `err`. */
function promisedExit(exit: string, err: unknown): number {
  if (/^\d+$/.test(exit)) return Number(exit);
  if (exit === "the tool's" && err instanceof ToolError) return err.exitCode;
  if (exit === '128 + N' && err instanceof InterruptedError) return 128 + constants.signals[err.signal as NodeJS.Signals];
  throw new Error(`exit cell '${exit}' does not apply to ${String(err)}`);
}

test('the table lists every code of ERROR_CODES once, and no other', (t) => {
  t.true(CODE_ROWS.length > 0, 'the "Error codes" table was found');
  t.deepEqual(CODE_ROWS.map((r) => r.code).sort(), Object.values<string>(ERROR_CODES).sort());
});

for (const row of CODE_ROWS) {
  test(`${row.code}: ${row.errorClass} carries it, and a run ends with exit ${row.exit}`, (t) => {
    const make = MAKE[row.errorClass];
    if (make === undefined) return t.fail(`no known class '${row.errorClass}'`);
    for (const err of make(row.code as ErrorCode)) {
      const report = errorReport('rejviz-test', err);
      t.is(report.code as string, row.code, String(err));
      t.is(report.exitCode, promisedExit(row.exit, err), String(err));
      if (row.errorClass !== BUG_CLASS) t.is((err as { code: string }).code, row.code, 'the error itself carries the code');
    }
  });
}

test('the fields of "Errors as JSON" are the fields the reports have', (t) => {
  const documented = tableRows('Errors as JSON').map(([field = '']) => unquote(field)).sort();
  const reports: ErrorReport[] = Object.entries(MAKE).flatMap(([, make]) => make(ERROR_CODES.USAGE).map((err) => errorReport('rejviz-test', err)));
  const produced = [...new Set(reports.flatMap((r) => Object.keys(r)))].sort();
  t.deepEqual(documented, produced);
});
