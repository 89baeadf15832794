// shown(): the one way a user's value appears in a message (plugin-nic, -rhsm, -mac-match,
// -cloud-init and core all use it), and hasControl(), which says when shown() would escape.
import test from 'ava';
import { hasControl, shown } from '../src/index.js';

test('a plain value is single-quoted as it is', (t) => {
  t.is(shown('eth0'), "'eth0'");
  t.is(shown(''), "''");
  t.is(shown('Grüße 名前'), "'Grüße 名前'");
});

test('control characters are escaped, so a message stays on one line and drives no terminal', (t) => {
  t.is(shown('a\nb'), "'a\\x0ab'");
  t.is(shown('\u0000\t\u001b[31m\u007f'), "'\\x00\\x09\\x1b[31m\\x7f'");
  t.is(shown('x\u009by'), "'x\\x9by'", 'C1 CSI');
  t.is(shown('x\u2028y\u2029'), "'x\\u2028y\\u2029'", 'Unicode line/paragraph separators');
  t.false(shown('a\r\nb').includes('\n'));
});

test('a value over 100 characters is cut there, marked with …', (t) => {
  const exact = 'k'.repeat(100);
  t.is(shown(exact), `'${exact}'`);
  t.is(shown(`${exact}tail`), `'${exact}…'`);
});

test('the cut never splits a character outside the BMP', (t) => {
  const value = '😀'.repeat(101);
  t.is(shown(value), `'${'😀'.repeat(100)}…'`);
});

test('escaping applies to the kept part after the cut', (t) => {
  t.is(shown(`${'a'.repeat(99)}\n${'b'.repeat(50)}`), `'${'a'.repeat(99)}\\x0a…'`);
});

test('hasControl is true exactly when shown would escape something', (t) => {
  for (const value of ['a\nb', '\u0000', '\u001b', '\u007f', '\u0085', '\u2028']) t.true(hasControl(value), JSON.stringify(value));
  for (const value of ['', 'plain', 'Grüße', "it's", '😀']) t.false(hasControl(value), value);
  // The same answer twice: a global regex keeps state between test() calls.
  t.true(hasControl('\n') && hasControl('\n'));
});
