// helpText: --help is made from the option declarations themselves, so every option shows with
// its placeholder, repeatable ones are marked, and the wrapped tool is named.
import test from 'ava';
import type { PluginOption } from '@rejviz/core';
import { COMMON_OPTIONS } from '../src/common-options.js';
import { helpText, type HelpSpec } from '../src/help-text.js';

const SPEC: HelpSpec = {
  binaryName: 'rejviz-demo',
  synopsis: 'rejviz-demo TEMPLATE [OPTIONS]',
  description: 'demonstrate the help layout.',
  details: 'Exit codes of virt-demo pass through.',
  examples: [
    ['First example', 'rejviz-demo a'],
    ['Second example', 'rejviz-demo b --json'],
  ],
  tool: 'virt-demo',
};

const OPTIONS: PluginOption[] = [
  { name: '--json', type: 'boolean', description: 'Print JSON', commands: ['builder'] },
  { name: '--nic', type: 'array', arg: 'SPEC', description: 'Configure a NIC', commands: ['builder'] },
  { name: '--name', type: 'string', description: 'Name it', commands: ['builder'] },
];

test('the whole help text, exactly', (t) => {
  t.is(
    helpText(SPEC, OPTIONS),
    [
      'rejviz-demo: demonstrate the help layout.',
      '',
      'Usage: rejviz-demo TEMPLATE [OPTIONS]',
      '',
      'Options:',
      '  --json        Print JSON',
      '  --nic SPEC    Configure a NIC (repeatable)',
      '  --name VALUE  Name it',
      '  (every other option and argument goes to virt-demo untouched, in order; see virt-demo --help)',
      '',
      'Exit codes of virt-demo pass through.',
      '',
      'Examples:',
      '  # First example',
      '  rejviz-demo a',
      '',
      '  # Second example',
      '  rejviz-demo b --json',
      '',
    ].join('\n'),
  );
});

test('every common option appears with its placeholder; only array options are marked repeatable', (t) => {
  const lines = helpText({ ...SPEC, tool: null }, COMMON_OPTIONS).split('\n');
  for (const o of COMMON_OPTIONS) {
    const label = o.type === 'boolean' ? o.name : `${o.name} ${o.arg ?? 'VALUE'}`;
    const line = lines.find((l) => l.startsWith(`  ${label} `));
    t.truthy(line, `no help line for ${label}`);
    t.is(line?.endsWith(' (repeatable)'), o.type === 'array', `${label}: repeatable mark`);
  }
});

test('without a wrapped tool there is no passthrough line', (t) => {
  t.false(helpText({ ...SPEC, tool: null }, OPTIONS).includes('untouched'));
});

test('a long description wraps under its own column, within 96 characters', (t) => {
  const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
  const text = helpText({ ...SPEC, details: undefined, examples: [], tool: null }, [{ name: '--long', type: 'string', arg: 'X', description: long, commands: ['builder'] }]);
  const optionLines = text.split('\n').slice(5, -1);
  t.true(optionLines.length > 1, 'the description was wrapped');
  t.true(optionLines[0]!.startsWith('  --long X  word0 '));
  for (const l of optionLines.slice(1)) t.regex(l, /^ {12}word\d+/);
  for (const l of optionLines) t.true(l.length <= 96, `too long: ${l}`);
  t.is(optionLines.join(' ').replace(/\s+/g, ' ').trim(), `--long X ${long}`);
});
