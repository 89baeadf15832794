// addGuestFiles: files become mkdir (once per directory), write and chmod operations, each
// recording the plugin that asked for it.
import test from 'ava';
import type { GuestFile } from '../src/guest-file.js';
import { addGuestFiles, describeFile, emptyGuestPlan } from '../src/guest-plan.js';
import { renderOp } from '../src/op-table.js';

const file = (path: string, mode: number, content = `${path}\n`): GuestFile => ({ path, mode, owner: 'root', uid: 0, gid: 0, content });

test('an empty plan has no ops, files, NICs, warnings, cleanup or secrets', (t) => {
  t.deepEqual(emptyGuestPlan('virt-customize', 'debian12'), {
    tool: 'virt-customize', osinfo: 'debian12', ops: [], files: [], nics: [], nicFormat: null, warnings: [], cleanup: [], secretsFrom: [], sysprepDisable: [],
  });
});

test('one mkdir per directory, then write and chmod per file, in order', (t) => {
  const plan = addGuestFiles(
    emptyGuestPlan('virt-builder', null),
    [file('/etc/a/x', 0o600), file('/etc/b/z', 0o644), file('/etc/a/y', 0o755)],
    'plugin-demo',
  );
  t.deepEqual(plan.ops.map(renderOp), [
    ['--mkdir', '/etc/a'],
    ['--write', '/etc/a/x:/etc/a/x\n'],
    ['--chmod', '0600:/etc/a/x'],
    ['--mkdir', '/etc/b'],
    ['--write', '/etc/b/z:/etc/b/z\n'],
    ['--chmod', '0644:/etc/b/z'],
    ['--write', '/etc/a/y:/etc/a/y\n'],
    ['--chmod', '0755:/etc/a/y'],
  ]);
  t.true(plan.ops.every((o) => o.origin === 'plugin-demo'));
  t.deepEqual(plan.files.map((f) => [f.path, f.origin]), [['/etc/a/x', 'plugin-demo'], ['/etc/b/z', 'plugin-demo'], ['/etc/a/y', 'plugin-demo']]);
  t.deepEqual(plan.files[0], { ...file('/etc/a/x', 0o600), origin: 'plugin-demo' });
});

test('a directory made by an earlier plugin is not made again; earlier ops and files stay first', (t) => {
  const first = addGuestFiles(emptyGuestPlan('virt-builder', null), [file('/etc/a/x', 0o600)], 'plugin-one');
  const second = addGuestFiles(first, [file('/etc/a/y', 0o644), file('/etc/c/z', 0o644)], 'plugin-two');
  t.deepEqual(second.ops.map((o) => `${o.origin} ${o.kind} ${'path' in o ? o.path : ''}`), [
    'plugin-one mkdir /etc/a',
    'plugin-one write /etc/a/x',
    'plugin-one chmod /etc/a/x',
    'plugin-two write /etc/a/y',
    'plugin-two chmod /etc/a/y',
    'plugin-two mkdir /etc/c',
    'plugin-two write /etc/c/z',
    'plugin-two chmod /etc/c/z',
  ]);
  t.deepEqual(second.files.map((f) => f.origin), ['plugin-one', 'plugin-two', 'plugin-two']);
  t.is(first.ops.length, 3, 'the plan passed in is not changed');
  t.is(first.files.length, 1);
});

test("a path containing ':' is an assertion failure and adds nothing", (t) => {
  const plan = emptyGuestPlan('virt-builder', null);
  const err = t.throws(() => addGuestFiles(plan, [file('/etc/ok', 0o644), file('/etc/a:b', 0o644)], 'plugin-demo'));
  t.is(err?.message, "Assertion failed: guest path /etc/a:b contains ':' (virt-customize --write splits there)");
  t.deepEqual(plan.ops, []);
});

test("':' in the content is fine (--write splits at the first ':')", (t) => {
  const plan = addGuestFiles(emptyGuestPlan('virt-builder', null), [file('/etc/x', 0o644, 'a:b:c\n')], 'p');
  t.deepEqual(renderOp(plan.ops[1]!), ['--write', '/etc/x:a:b:c\n']);
});

test('describeFile names path, octal mode and owner', (t) => {
  t.is(describeFile(file('/etc/x', 0o600)), '/etc/x (mode 0600, root:root)');
});
