// RFC 1123 host names.

import test from 'ava';
import { UsageError } from '@rejviz/core';
import { validateHostname } from '../src/index.js';

for (const good of ['web', 'web-1', 'Web1', '1web', 'a.b.c', 'node-7.lab.example.com', `${'a'.repeat(63)}.example`, 'x'.repeat(63)]) {
  test(`accepts ${good.length > 30 ? `${good.slice(0, 20)}…` : good}`, (t) => t.is(validateHostname(good), good));
}

test('accepts 253 characters, refuses 254', (t) => {
  const label = 'a'.repeat(62);
  const name = [label, label, label, label].join('.') + '.a'; // 4 × 62 + 3 dots + 2 = 253
  t.is(name.length, 253);
  t.is(validateHostname(name), name);
  t.throws(() => validateHostname(`${name}b`), { message: /it has 254 characters, at most 253 are allowed/ });
});

const bad: [string, string][] = [
  ['', "--hostname '': not a valid host name (it is empty); use dot-separated labels of letters, digits and '-', e.g. web-1 or web-1.example.com"],
  ['web_1', "--hostname 'web_1': not a valid host name (label 'web_1' has characters other than letters, digits and '-')"],
  ['-web', "label '-web' starts or ends with '-'"],
  ['web-', "label 'web-' starts or ends with '-'"],
  ['web..lab', 'it has an empty label (a leading, trailing or double dot)'],
  ['web.', 'it has an empty label'],
  ['.web', 'it has an empty label'],
  ['a'.repeat(64), 'a label has 64 characters, at most 63 are allowed'],
  ['10.0.0.5', 'it is all digits and dots, which reads as a number or an IPv4 address'],
  ['web 1', "label 'web 1' has characters"],
  ['web\n1', "label 'web\\x0a1' has characters"],
];

for (const [name, message] of bad) {
  test(`refuses ${JSON.stringify(name.length > 20 ? `${name.slice(0, 10)}…` : name)}`, (t) => {
    const error = t.throws(() => validateHostname(name), { instanceOf: UsageError });
    t.true(error?.message.includes(message), error?.message);
    t.false(error?.message.includes('\n'), 'one line');
  });
}

test('the option name is configurable', (t) => {
  t.throws(() => validateHostname('a_b', '--name'), { message: /^--name 'a_b': not a valid host name/ });
});
