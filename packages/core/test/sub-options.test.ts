// virt-install's comma syntax (--network, --disk, --cloud-init SUBOPTIONS), read and written.

import test from 'ava';
import { quoteSubOption, splitSubOptions } from '../src/sub-options.js';

test('splitSubOptions follows shlex: quotes and escapes protect commas; empty items vanish', (t) => {
  t.deepEqual(splitSubOptions(`a=1,,b="x,\\"y",c='p,q',d\\,e,flag`), [['a', '1'], ['b', 'x,"y'], ['c', 'p,q'], ['d,e', null], ['flag', null]]);
  t.deepEqual(splitSubOptions('a=1\\'), { error: 'ends in an escaping backslash' });
  t.is(quoteSubOption('plain-name'), 'plain-name');
  t.is(quoteSubOption('a,b"c'), '"a,b\\"c"');
  t.deepEqual(splitSubOptions(`network=${quoteSubOption('a,b"c\\d')}`), [['network', 'a,b"c\\d']]);
});
