// yamlScalar: what plugin-nic's netplan file and plugin-cloud-init's seed write for a string is
// read back as that same string by YAML 1.1 (PyYAML, cloud-init) and YAML 1.2 parsers.
import test from 'ava';
import { parse } from 'yaml';
import { yamlScalar } from '../src/index.js';

const BARE = ['eth1', 'lan-1', 'en.p1s0', 'iid-rejviz-0123', 'web-1.example.com', '10.0.0.5/24', '192.168.122.1', '0.0.0.0/0', 'e1x', 'ex1'];
const QUOTED = [
  '52:54:00:aa:00:01', '2001:db8::5/64', '::/0', // ':' (and base-60 numbers in YAML 1.1)
  'on', 'no', 'Yes', 'y', 'N', 'null', '~', // YAML 1.1 booleans and nulls
  '1e3', '12.5', '0x1f', '0o17', '1_000', '.inf', '.5', '-1', '2001-12-14', '12:30', 'e1', 'E10', // numbers, dates
  '0eth', '', ' eth0', 'eth 0', 'a#b', '-', '*x', '&x', '!x', '%x', '@x', '`x', '"x', "'x", '[x]', '{x}', '|', '>', 'a: b',
];

test('plain strings stay bare', (t) => {
  for (const value of BARE) t.is(yamlScalar(value), value);
});

test('anything a YAML reader could take for another type, or an indicator, is double-quoted', (t) => {
  for (const value of QUOTED) t.is(yamlScalar(value), JSON.stringify(value), value);
});

test('every scalar reads back as the same string in YAML 1.1 and 1.2', (t) => {
  for (const value of [...BARE, ...QUOTED]) {
    const doc = `v: ${yamlScalar(value)}\n`;
    t.is(parse(doc, { version: '1.1' }).v, value, `1.1: ${doc}`);
    t.is(parse(doc, { version: '1.2' }).v, value, `1.2: ${doc}`);
  }
});
