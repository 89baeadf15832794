import test from 'ava';
import { UsageError } from '@rejviz/core';
import { sysprepOperationArgs } from '../src/sysprep-operations.js';

test('without an operations choice nothing is added (customize is a default operation)', (t) => {
  t.deepEqual(sysprepOperationArgs(['-a', 'x.img'], true, []), []);
});

test('a chosen operation list gets customize added', (t) => {
  t.deepEqual(sysprepOperationArgs(['--operations', 'machine-id,net-hwaddr', '-a', 'x'], true, []), ['--operations', 'customize']);
  t.deepEqual(sysprepOperationArgs(['--operations=defaults'], true, []), ['--operations', 'customize']);
  t.deepEqual(sysprepOperationArgs(['--enable', 'bash-history'], true, []), ['--operations', 'customize']);
});

test('operations a plugin needs off are removed, from the defaults when the user chose none', (t) => {
  t.deepEqual(sysprepOperationArgs(['-a', 'x'], true, ['rh-subscription-manager']), ['--operations', 'defaults,-rh-subscription-manager']);
  t.deepEqual(sysprepOperationArgs(['--operations', 'machine-id'], true, ['rh-subscription-manager']), ['--operations', 'customize,-rh-subscription-manager']);
});

test('an explicit -customize is refused with one line when plugins have work', (t) => {
  const err = t.throws(() => sysprepOperationArgs(['--operations', 'defaults,-customize'], true, []), { instanceOf: UsageError });
  t.regex(err?.message ?? '', /^--operations defaults,-customize: removes the customize operation/);
  t.deepEqual(sysprepOperationArgs(['--operations', 'defaults,-customize'], false, []), []);
});
