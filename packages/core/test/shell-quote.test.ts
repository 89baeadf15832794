import test from 'ava';
import { quoteArg, quoteCommand } from '../src/shell-quote.js';

test('safe words stay bare', (t) => {
  t.is(quoteArg('--nic'), '--nic');
  t.is(quoteArg('/etc/sysconfig/network-scripts/ifcfg-eth0:DEVICE=eth0'), '/etc/sysconfig/network-scripts/ifcfg-eth0:DEVICE=eth0');
});

test('spaces, quotes, newlines and the empty string are single-quoted', (t) => {
  t.is(quoteArg('a b'), `'a b'`);
  t.is(quoteArg(`it's`), `'it'\\''s'`);
  t.is(quoteArg('x\ny'), `'x\ny'`);
  t.is(quoteArg(''), `''`);
  t.is(quoteArg('$HOME'), `'$HOME'`);
});

test('a command line round-trips through sh', async (t) => {
  const { execFileSync } = await import('node:child_process');
  const args = ['a b', `it's`, '$HOME', 'x\ny', '', '*'];
  const line = quoteCommand('printf', ['%s|', ...args]);
  t.is(execFileSync('sh', ['-c', line], { encoding: 'utf8' }), args.map((a) => `${a}|`).join(''));
});
