// --json errors (docs/errors.md, "Errors as JSON"): each kind of error as one JSON document on
// stderr with its code and exit code, stdout empty; also when the options never got parsed.
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ERROR_CODES, InterruptedError, PublishConflictError, ToolError, ToolMissingError, UsageError,
} from '@rejviz/core';
import { BIN, run } from './fake-command.js';

// runCommand reads the user's config file: point it at an empty directory for this file.
const configHome = mkdtempSync(join(tmpdir(), 'rejviz-json-errors-'));
process.env.XDG_CONFIG_HOME = configHome;
test.after.always(() => rmSync(configHome, { recursive: true, force: true }));

const failing = (err: unknown) => async () => {
  throw err;
};

/** The one JSON document a failed run printed on stderr (which must be exactly one line). */
function errorDocument(stderr: string): Record<string, unknown> {
  const lines = stderr.split('\n');
  if (lines.length !== 2 || lines[1] !== '') throw new Error(`stderr is not one line:\n${stderr}`);
  const doc = JSON.parse(lines[0] as string) as { error?: Record<string, unknown> };
  if (doc.error === undefined || Object.keys(doc).length !== 1) throw new Error(`not {"error":{…}}: ${lines[0]}`);
  return doc.error;
}

const KINDS: Array<[what: string, err: unknown, expected: Record<string, unknown> & { exitCode: number }]> = [
  ['a usage error', new UsageError('no template given; add one'),
    { bin: BIN, code: 'RJV-USAGE', message: 'no template given; add one', exitCode: 2 }],
  ['an input error', new UsageError('--manifest vm.json: not JSON (Unexpected token); pass the output of rejviz-builder --json', ERROR_CODES.INPUT),
    { bin: BIN, code: 'RJV-INPUT', message: '--manifest vm.json: not JSON (Unexpected token); pass the output of rejviz-builder --json', exitCode: 2 }],
  ['a publishing conflict', new PublishConflictError('/srv/vm.img', '-o'),
    { bin: BIN, code: 'RJV-CONFLICT', message: new PublishConflictError('/srv/vm.img', '-o').message, exitCode: 2 }],
  ['a missing tool', new ToolMissingError('virt-demo', 'apt-get install demo-tools'),
    { bin: BIN, code: 'RJV-TOOL-MISSING', message: 'virt-demo is not installed or not on PATH; apt-get install demo-tools', exitCode: 2, tool: 'virt-demo' }],
  ['a failed tool', new ToolError('virt-demo', "virt-demo 'a b' -o x.img", 3, 'first\nlast'),
    { bin: BIN, code: 'RJV-TOOL-FAILED', message: 'virt-demo failed with exit code 3', exitCode: 3, tool: 'virt-demo', command: "virt-demo 'a b' -o x.img", stderrTail: 'first\nlast' }],
  ['a tool that printed nothing', new ToolError('virt-demo', 'virt-demo', 1, ''),
    { bin: BIN, code: 'RJV-TOOL-FAILED', message: 'virt-demo failed with exit code 1', exitCode: 1, tool: 'virt-demo', command: 'virt-demo', stderrTail: '' }],
  ['an interruption', new InterruptedError('virt-demo x', 'SIGTERM'),
    { bin: BIN, code: 'RJV-INTERRUPTED', message: 'interrupted by SIGTERM; nothing was left half-made', exitCode: 143, signal: 'SIGTERM' }],
];

for (const [what, err, expected] of KINDS) {
  test(`--json: ${what} is one JSON line on stderr with code ${String(expected.code)}, nothing on stdout`, async (t) => {
    const r = await run(['tmpl', '--json'], { execute: failing(err) });
    t.is(r.code, expected.exitCode);
    t.is(r.stdout, '');
    t.deepEqual(errorDocument(r.stderr), expected);
  });
}

test('--json: a bug is RJV-BUG, exit 70, with the stack in the document', async (t) => {
  const r = await run(['--json'], { execute: failing(new TypeError('x is undefined')) });
  t.is(r.code, 70);
  t.is(r.stdout, '');
  const error = errorDocument(r.stderr);
  t.like(error, { bin: BIN, code: 'RJV-BUG', message: 'Assertion failed (this is a bug in rejviz; please report it): x is undefined', exitCode: 70 });
  t.true(String(error.stack).startsWith('TypeError: x is undefined\n    at '), String(error.stack));
});

test('--json: a streamed tool\'s stderr is in the document although the text form leaves it out', async (t) => {
  const err = new ToolError('virt-demo', 'virt-demo x', 1, 'boom', true);
  const text = await run([], { execute: failing(err) });
  t.false(text.stderr.includes('boom'), text.stderr);
  const json = await run(['--json'], { execute: failing(err) });
  t.is(errorDocument(json.stderr).stderrTail, 'boom');
});

test('--json: a UsageError of another copy of core with a code rejviz does not know is RJV-USAGE', async (t) => {
  // What a plugin's own @rejviz/core throws: another class, marked as a UsageError (errors.ts).
  const foreign = Object.assign(new Error('--motd: too long; shorten it'), { [Symbol.for('rejviz.UsageError')]: true, code: 'PLUGIN-X', exitCode: 2, tool: 'x' });
  const r = await run(['--json'], { execute: failing(foreign) });
  t.is(r.code, 2);
  t.deepEqual(errorDocument(r.stderr), { bin: BIN, code: 'RJV-USAGE', message: '--motd: too long; shorten it', exitCode: 2 });
});

test('--json: an option error from the parser is JSON too (the options were never parsed)', async (t) => {
  const r = await run(['--json', 'tmpl', '--name']);
  t.is(r.code, 2);
  t.is(r.stdout, '');
  t.deepEqual(errorDocument(r.stderr), { bin: BIN, code: 'RJV-USAGE', message: `Not enough arguments to option --name; see ${BIN} --help`, exitCode: 2 });
  t.is(r.calls.length, 0);
});

test('--json: a plugin that does not load is JSON too (before any option is known)', async (t) => {
  const r = await run(['--plugin', '/nonexistent/rejviz-plugin.mjs', 'tmpl', '--json']);
  t.is(r.code, 2);
  const error = errorDocument(r.stderr);
  t.is(error.code, 'RJV-USAGE');
  t.true(String(error.message).startsWith('--plugin /nonexistent/rejviz-plugin.mjs: cannot load '), String(error.message));
});

test('--json after --, or given a value, is not ours: the text form', async (t) => {
  const afterDashes = await run(['tmpl', '--', '--json'], { execute: failing(new UsageError('no; fix it')) });
  t.deepEqual(afterDashes.calls[0]?.passthrough, ['tmpl', '--json']);
  t.is(afterDashes.stderr, `${BIN}: error: no; fix it\n`);
  const asValue = await run(['--name', '--json'], { execute: failing(new UsageError('no; fix it')) });
  t.is(asValue.calls[0]?.options['--name'], '--json');
  t.is(asValue.stderr, `${BIN}: error: no; fix it\n`);
  const withValue = await run(['--json=yes']);
  t.is(withValue.stderr, `${BIN}: error: Invalid option name ("--json=yes"); see ${BIN} --help\n`);
});

test('without --json every kind keeps its text form', async (t) => {
  for (const [what, err] of KINDS) {
    const r = await run([], { execute: failing(err) });
    t.notRegex(r.stderr, /^\{/m, what);
    t.true(r.stderr.startsWith(`${BIN}: `), what);
  }
});
