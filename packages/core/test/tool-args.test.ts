// virt-install's argparse help is read into option arity, and argv is read the way argparse reads
// it (exact names, --opt=value, -xVALUE, unique prefixes, optional values).
import test from 'ava';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lastOptionValue, positionalArgs, readToolOptions, withOptionValue } from '../src/tool-args.js';
import { parseArgparseHelp, parseHelpOptions } from '../src/tool-info.js';

const help = readFileSync(fileURLToPath(new URL('../../../../fixtures/tool-help/virt-install-4.1.0.txt', import.meta.url)), 'utf8')
  .split('\n').slice(1).join('\n');
const info = parseArgparseHelp(help);

test('parseArgparseHelp: value-taking, optional-value and flag options of virt-install 4.1', (t) => {
  for (const o of ['--name', '-n', '--disk', '--network', '-w', '--connect', '--osinfo', '--os-variant', '--memory', '--virt-type', '--check', '-l', '--location']) {
    t.true(info.optionsWithValue.includes(o), o);
  }
  for (const o of ['--cloud-init', '--unattended', '--sound']) t.true(info.optionsWithOptionalValue.includes(o), o);
  for (const o of ['--import', '--noautoconsole', '--pxe', '--print-xml', '--dry-run']) {
    t.true(info.options.includes(o), o);
    t.false(info.optionsWithValue.includes(o), o);
  }
  // Example lines in descriptions (--memory 1024 ...) are indented deeper and are not options.
  t.is(info.options.filter((o) => o === '--memory').length, 1);
});

test('the guestfs-tools parser finds nothing in an argparse listing, so the right one must be chosen', (t) => {
  t.deepEqual(parseHelpOptions(help).optionsWithValue, []);
});

test('readToolOptions: forms and prefixes as argparse reads them', (t) => {
  const args = ['--conn', 'test:///default', '-nvm1', '--net=network=a', '--disk', 'path=/x,format=raw', '--import', '--cloud-init', '--noautoconsole', '--metadata', 'description=--disk', '--virt-type=qemu'];
  const uses = readToolOptions(args, info, true);
  t.deepEqual(uses.map((u) => [u.option, u.value]), [
    ['--connect', 'test:///default'],
    ['-n', 'vm1'],
    ['--network', 'network=a'],
    ['--disk', 'path=/x,format=raw'],
    ['--import', null],
    // An optional value is not taken from a following option.
    ['--cloud-init', null],
    ['--noautoconsole', null],
    ['--metadata', 'description=--disk'],
    ['--virt-type', 'qemu'],
  ]);
  t.deepEqual(uses[0]!.indexes, [0, 1]);
  t.deepEqual(uses[2]!.indexes, [3]);
  t.is(lastOptionValue(uses, ['--virt-type']), 'qemu');
  t.is(lastOptionValue(uses, ['--cdrom']), undefined);
});

test('readToolOptions: ambiguous prefixes are not resolved; without prefixes only exact names count', (t) => {
  // --no matches --noautoconsole, --noreboot, --noapic ...: argparse refuses it, so do we.
  t.deepEqual(readToolOptions(['--no'], info, true), []);
  t.deepEqual(readToolOptions(['--net', 'x'], info, false), []);
  t.deepEqual(readToolOptions(['--', '--name', 'x'], info, true), []);
});

// A part of virt-builder's options, as parseHelpOptions reads them from its --help.
const builder = {
  options: ['-o', '--output', '--format', '--size', '-v', '--verbose', '-x', '-l', '--list', '--root-password', '--run-command', '--hostname'],
  optionsWithValue: ['-o', '--output', '--format', '--size', '--root-password', '--run-command', '--hostname'],
};

test('readToolOptions: every spelling of a short option with a value (getopt)', (t) => {
  for (const [args, value, valueAt] of [
    [['-oFILE'], 'FILE', { index: 0, offset: 2 }],
    [['-o', 'FILE'], 'FILE', { index: 1, offset: 0 }],
    [['--output', 'FILE'], 'FILE', { index: 1, offset: 0 }],
    [['--output=FILE'], 'FILE', { index: 0, offset: 9 }],
    [['--out=FILE'], 'FILE', { index: 0, offset: 6 }],
    [['-vxoFILE'], 'FILE', { index: 0, offset: 4 }],
    [['-vo', 'FILE'], 'FILE', { index: 1, offset: 0 }],
  ] as const) {
    const use = readToolOptions(args, builder, true).find((u) => u.option === '-o' || u.option === '--output');
    t.is(use?.value, value, args.join(' '));
    t.deepEqual(use?.valueAt, valueAt, args.join(' '));
  }
  t.deepEqual(readToolOptions(['-vx'], builder).map((u) => u.option), ['-v', '-x']);
});

test('positionalArgs: the tokens that are no option and no value; everything after --', (t) => {
  const args = ['--hostname', 'centos-7.0', '-oout.img', 'tiny-centos7', '--size', '4G', '--', '-odd'];
  t.deepEqual(positionalArgs(args, readToolOptions(args, builder)), [{ value: 'tiny-centos7', index: 3 }, { value: '-odd', index: 7 }]);
});

test('withOptionValue keeps the spelling and changes nothing else', (t) => {
  for (const [args, expected] of [
    [['t', '-oFILE', '-v'], ['t', '-o/d/x', '-v']],
    [['t', '-o', 'FILE'], ['t', '-o', '/d/x']],
    [['--out=FILE', 't'], ['--out=/d/x', 't']],
    [['-vxoFILE'], ['-vxo/d/x']],
  ] as const) {
    const use = readToolOptions(args, builder, true).find((u) => u.option === '-o' || u.option === '--output')!;
    t.deepEqual(withOptionValue(args, use, '/d/x'), expected);
  }
});
