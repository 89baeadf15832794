// virt-install's argparse help is read into option arity, and argv is read the way argparse reads
// it (exact names, --opt=value, -xVALUE, unique prefixes, optional values).
import test from 'ava';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lastOptionValue, readToolOptions } from '../src/tool-args.js';
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
