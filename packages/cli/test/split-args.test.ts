// splitArgs: rejviz's options are found anywhere in argv; everything else reaches the wrapped
// tool untouched and in order, values of the tool's value-taking options included.
import test from 'ava';
import { splitArgs } from '../src/split-args.js';

const OURS = [
  { name: '--nic', type: 'array' },
  { name: '--nic-format', type: 'string' },
  { name: '--json', type: 'boolean' },
] as const;
const TOOL_VALUES = new Set(['--run-command', '-o', '--output', '--format', '--write']);

const split = (argv: string[]) => splitArgs(argv, OURS, TOOL_VALUES);

test('rejviz options are found before, between and after the tool arguments', (t) => {
  t.deepEqual(split(['--nic', 'name=eth0', 'centos-7.0', '--json', '-o', 'x.img', '--nic', 'name=eth1']), {
    ours: ['--nic=name=eth0', '--json', '--nic=name=eth1'],
    passthrough: ['centos-7.0', '-o', 'x.img'],
  });
});

test('--opt=value is kept as one token', (t) => {
  t.deepEqual(split(['--nic=name=eth0,ipaddr=10.0.0.5/24', 'debian-12', '--nic-format=eni']), {
    ours: ['--nic=name=eth0,ipaddr=10.0.0.5/24', '--nic-format=eni'],
    passthrough: ['debian-12'],
  });
});

test('the value after a rejviz option is taken whatever it looks like, and joined for clipanion', (t) => {
  t.deepEqual(split(['--nic-format', '--json', '--nic', '-x']), { ours: ['--nic-format=--json', '--nic=-x'], passthrough: [] });
});

test("a tool option's value stays with it even when it looks like a rejviz option", (t) => {
  t.deepEqual(split(['--run-command', '--nic', 'tmpl', '--write', '--json', '-o', '--nic-format']), {
    ours: [],
    passthrough: ['--run-command', '--nic', 'tmpl', '--write', '--json', '-o', '--nic-format'],
  });
});

test('a tool option given as --opt=value does not swallow the next token', (t) => {
  t.deepEqual(split(['--run-command=true', '--nic', 'name=eth0']), { ours: ['--nic=name=eth0'], passthrough: ['--run-command=true'] });
});

test('-- ends option parsing: everything after it goes to the tool, the -- itself does not', (t) => {
  t.deepEqual(split(['--json', '--', '--nic', 'name=eth0', '--json', '--']), {
    ours: ['--json'],
    passthrough: ['--nic', 'name=eth0', '--json', '--'],
  });
});

test('passthrough keeps the order and spelling of unknown options and arguments', (t) => {
  const argv = ['--size', '6G', '--no-json', 'tmpl', '-v', '-x', '--format', 'qcow2', '--arch=x86_64', 'a b'];
  t.deepEqual(split(argv), { ours: [], passthrough: argv });
});

test('--help and -h are rejviz options; a value-taking option at the very end keeps its lone token', (t) => {
  t.deepEqual(split(['-h', 'tmpl', '--help', '--nic']), { ours: ['-h', '--help', '--nic'], passthrough: ['tmpl'] });
  t.deepEqual(split(['--run-command']), { ours: [], passthrough: ['--run-command'] });
});

test('a boolean rejviz option never takes the next token', (t) => {
  t.deepEqual(split(['--json', 'tmpl']), { ours: ['--json'], passthrough: ['tmpl'] });
});

test("a rejviz flag that shares its name with the tool's optional-value option: with a value it is the tool's", (t) => {
  const ours = [{ name: '--cloud-init', type: 'boolean' as const }];
  const optional = new Set(['--cloud-init']);
  const s = (argv: string[]) => splitArgs(argv, ours, new Set(), optional);
  t.deepEqual(s(['--cloud-init']), { ours: ['--cloud-init'], passthrough: [] });
  t.deepEqual(s(['--cloud-init', '--import']), { ours: ['--cloud-init'], passthrough: ['--import'] });
  t.deepEqual(s(['--cloud-init=root-password-generate=on']), { ours: [], passthrough: ['--cloud-init=root-password-generate=on'] });
  t.deepEqual(s(['--cloud-init', 'root-password-generate=on', '--import']), { ours: [], passthrough: ['--cloud-init', 'root-password-generate=on', '--import'] });
  // Without the tool having such an option, the flag stays ours (and clipanion refuses a value).
  t.deepEqual(splitArgs(['--cloud-init=x'], ours, new Set()), { ours: ['--cloud-init=x'], passthrough: [] });
});
