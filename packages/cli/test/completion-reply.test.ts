// The parts of completion that face the shells: bash's line split into words, the replies in each
// shell's form, and the KEY=VALUE list completer.
import test from 'ava';
import { bashReply, zshReply } from '../src/completion/render-reply.js';
import { shellWords } from '../src/completion/shell-words.js';
import { keyValueList } from '../src/completion/value-completers.js';
import type { Completion, LineContext } from '../src/completion/types.js';

test('shellWords: blanks separate, quotes and backslashes quote, the last word may be empty', (t) => {
  t.deepEqual(shellWords('rejviz-builder --nic name=eth0'), ['rejviz-builder', '--nic', 'name=eth0']);
  t.deepEqual(shellWords('rejviz-builder  -o '), ['rejviz-builder', '-o', '']);
  t.deepEqual(shellWords(`rejviz-peek -a 'my disk.img' "a \\"b\\" \\x" c\\ d`), ['rejviz-peek', '-a', 'my disk.img', 'a "b" \\x', 'c d']);
  // An open quote: the word at the cursor is what follows it.
  t.deepEqual(shellWords(`rejviz-peek -a 'my di`), ['rejviz-peek', '-a', 'my di']);
  t.deepEqual(shellWords(`x ''`), ['x', '']);
  t.deepEqual(shellWords(''), ['']);
});

const NIC: Completion = { stem: 'name=eth0,', nospace: true, candidates: [{ value: 'name=eth0,ipaddr=' }, { value: 'name=eth0,ip6addr=' }] };

test("bashReply: candidates replace only bash's own word, which starts after the last = or :", (t) => {
  t.is(bashReply(NIC, 'name=eth0,ip', 'eth0,ip'), 'words nospace\neth0,ipaddr=\neth0,ip6addr=\n');
  // Where COMP_WORDBREAKS has no '=', bash's word is the whole word.
  t.is(bashReply(NIC, 'name=eth0,ip', 'name=eth0,ip'), 'words nospace\nname=eth0,ipaddr=\nname=eth0,ip6addr=\n');
  t.is(bashReply({ candidates: [{ value: 'qemu:///system' }] }, 'qemu:///s', '///s'), 'words\n///system\n');
  t.is(bashReply({ candidates: [], files: true }, '--manifest=./x', './x'), 'files\n');
});

test('bashReply escapes what the shell would split or expand', (t) => {
  t.is(bashReply({ candidates: [{ value: "my vm's $disk" }] }, 'my', 'my'), "words\nmy\\ vm\\'s\\ \\$disk\n");
});

test('zshReply: the stem on its own line, candidates without it, descriptions on one line after a tab', (t) => {
  t.is(zshReply(NIC), 'words nospace\nname=eth0,\nipaddr=\nip6addr=\n');
  t.is(zshReply({ candidates: [{ value: 'debian-12', description: 'Debian 12\n(bookworm)' }, { value: 'tiny' }] }), 'words\n\ndebian-12\tDebian 12 (bookworm)\ntiny\n');
  t.is(zshReply({ candidates: [], files: true, stem: '--manifest=' }), 'files\n--manifest=\n');
});

test('keyValueList: keys not given yet, then the values of the key being typed', async (t) => {
  const nic = keyValueList(['name', 'hwaddr', 'bootproto', 'ipaddr'], { bootproto: ['dhcp', 'static', 'none'] });
  const line = {} as LineContext;
  t.deepEqual(await nic('', line), { stem: '', nospace: true, candidates: ['name=', 'hwaddr=', 'bootproto=', 'ipaddr='].map((value) => ({ value })) });
  t.deepEqual((await nic('name=eth0,', line)).candidates.map((c) => c.value), ['name=eth0,hwaddr=', 'name=eth0,bootproto=', 'name=eth0,ipaddr=']);
  t.deepEqual(await nic('name=eth0,bootproto=s', line), { stem: 'name=eth0,bootproto=', candidates: [{ value: 'name=eth0,bootproto=static' }] });
  t.deepEqual((await nic('name=eth0,ipaddr=1', line)).candidates, []);
});
