// readBuilderArgs, withOutput, defaultOutput: what rejviz-builder reads from (and changes in) the
// virt-builder arguments it passes through.
import test from 'ava';
import { defaultOutput, readBuilderArgs, withOutput } from '../src/builder-args.js';

// A part of virt-builder's options, as tool-info reads them from its --help.
const WITH_VALUE = [
  '-o', '--output', '--format', '--size', '--arch', '--source', '--run-command', '--write', '--hostname',
  '--root-password', '--list-format', '--get-kernel', '-m', '--memsize',
];
const FLAGS = ['-v', '--verbose', '-x', '-l', '--list', '--notes', '--print-cache', '--cache-all-templates', '--delete-cache', '-V', '--version', '--long-options', '--short-options', '--no-network'];
const INFO = { options: [...WITH_VALUE, ...FLAGS], optionsWithValue: WITH_VALUE };
const read = (args: string[]) => readBuilderArgs(args, INFO);
const output = (args: string[]) => read(args).output?.value ?? null;

test('the template is the first token that is neither an option nor an option value', (t) => {
  t.deepEqual(read(['--size', '6G', '--run-command', 'echo hi', '--arch=x86_64', '-v', 'debian-12', 'extra']), {
    template: 'debian-12', output: null, format: null, nonBuildMode: null,
  });
});

test('a value that looks like a template or an option is not mistaken for one', (t) => {
  t.deepEqual(read(['--hostname', 'centos-7.0', '--run-command', '--list', 'tiny-centos7']), {
    template: 'tiny-centos7', output: null, format: null, nonBuildMode: null,
  });
});

test('every spelling virt-builder accepts names the output (issue 11: -oFILE was missed)', (t) => {
  for (const args of [['tmpl', '-o', 'vm.img'], ['tmpl', '-ovm.img'], ['--output', 'vm.img', 'tmpl'], ['--output=vm.img', 'tmpl'], ['--out', 'vm.img', 'tmpl'], ['-vovm.img', 'tmpl']]) {
    t.is(output(args), 'vm.img', args.join(' '));
    t.is(read(args).template, 'tmpl', args.join(' '));
  }
  t.is(output(['--size', '4G', '--output=vm=1.img', 'tmpl']), 'vm=1.img');
});

test('the last -o wins, as in virt-builder', (t) => {
  t.is(output(['-o', 'a.img', 'tmpl', '--output=b.img']), 'b.img');
  t.is(output(['--output=b.img', 'tmpl', '-oa.img']), 'a.img');
});

test('--format VALUE and --format=VALUE', (t) => {
  t.is(read(['tmpl', '--format', 'qcow2']).format, 'qcow2');
  t.is(read(['--format=raw', 'tmpl']).format, 'raw');
  t.is(read(['--format', 'qcow2', 'tmpl']).template, 'tmpl');
});

test('options that build nothing are found, the first one reported', (t) => {
  for (const mode of ['-l', '--list', '--print-cache', '--cache-all-templates', '--delete-cache', '-V', '--version', '--long-options', '--short-options']) {
    t.deepEqual(read([mode]), { template: null, output: null, format: null, nonBuildMode: mode }, mode);
  }
  t.deepEqual(read(['--list', '--list-format', 'json', '--notes']), { template: null, output: null, format: null, nonBuildMode: '--list' });
  t.deepEqual(read(['--notes', 'debian-12']), { template: 'debian-12', output: null, format: null, nonBuildMode: '--notes' });
  t.is(read(['--get-kernel', 'disk.img']).nonBuildMode, '--get-kernel');
  t.is(read(['--get-kernel', 'disk.img']).template, null);
});

test('withOutput replaces a separate -o value in place', (t) => {
  const args = ['tmpl', '-o', 'vm.img', '--size', '6G'];
  t.deepEqual(withOutput(args, read(args), '/d/.vm.img.tmp'), ['tmpl', '-o', '/d/.vm.img.tmp', '--size', '6G']);
  t.deepEqual(args, ['tmpl', '-o', 'vm.img', '--size', '6G'], 'the input is not changed');
});

test('withOutput replaces an inline --output= or -oFILE value, keeping the spelling', (t) => {
  const args = ['--output=vm.img', 'tmpl'];
  t.deepEqual(withOutput(args, read(args), '/d/t=1.tmp'), ['--output=/d/t=1.tmp', 'tmpl']);
  t.deepEqual(withOutput(['tmpl', '-ovm.img'], read(['tmpl', '-ovm.img']), '/d/t.tmp'), ['tmpl', '-o/d/t.tmp']);
});

test('withOutput appends -o PATH when no output was given', (t) => {
  const args = ['tmpl', '--format', 'qcow2'];
  t.deepEqual(withOutput(args, read(args), '/d/x.tmp'), ['tmpl', '--format', 'qcow2', '-o', '/d/x.tmp']);
});

test("defaultOutput is virt-builder's: TEMPLATE.img, or TEMPLATE.qcow2 for qcow2", (t) => {
  t.is(defaultOutput('debian-12', null), 'debian-12.img');
  t.is(defaultOutput('debian-12', 'raw'), 'debian-12.img');
  t.is(defaultOutput('centos-7.0', 'qcow2'), 'centos-7.0.qcow2');
});
