// The lab's block in /etc/hosts: every byte outside it stays as it was.
import test from 'ava';
import { mkdtemp, readFile, rm, stat, symlink, writeFile, readdir, chmod, lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyLabHostsBlock, hostsLines, removeFromHostsFile, updateHostsFile } from '../src/index.js';
import { demoLab } from './fixtures.js';

const LINES = hostsLines('demo', demoLab().machines);
const BLOCK = ['# BEGIN rejviz-up lab demo', ...LINES, '# END rejviz-up lab demo'].join('\n');

test('lines: each lab-network address with the machine name, its FQDN in the lab, and a different host name', (t) => {
  t.deepEqual(LINES, [
    '10.10.0.11 web-1 web-1.demo',
    '10.10.0.12 web-2 web-2.demo',
    '10.10.0.20 db db.demo pg pg.demo',
    'fd00:10::20 db db.demo pg pg.demo',
  ]);
});

const OTHER = '# BEGIN rejviz-up lab demo-2\n10.20.0.5 x x.demo-2\n# END rejviz-up lab demo-2\n';
const files: [string, string][] = [
  ['an ordinary file', '127.0.0.1\tlocalhost\n::1     localhost ip6-localhost\n'],
  ['a file without a final newline', '127.0.0.1 localhost\n# my comment  '],
  ['an empty file', ''],
  ['a file with CRLF, blank lines and another lab whose name starts alike', `127.0.0.1 localhost\r\n\r\n${OTHER}\n\n`],
];

for (const [what, text] of files) {
  test(`${what}: added, replaced, removed; the rest stays byte for byte`, (t) => {
    const added = updateHostsFile(text, 'demo', LINES);
    t.true(added.startsWith(text), 'appended after everything that was there');
    t.true(added.includes(`${BLOCK}`));
    t.is(removeFromHostsFile(added, 'demo'), text);
    const replaced = updateHostsFile(added, 'demo', ['10.10.0.99 new new.demo']);
    t.is(replaced, added.replace(BLOCK, '# BEGIN rejviz-up lab demo\n10.10.0.99 new new.demo\n# END rejviz-up lab demo'));
    t.is(updateHostsFile(replaced, 'demo', LINES), added);
    t.is(removeFromHostsFile(replaced, 'demo'), text);
    t.is(updateHostsFile(added, 'demo', []), text, 'no lines: the block goes');
  });
}

test('a block in the middle is replaced and removed in place', (t) => {
  const before = '127.0.0.1 localhost\n';
  const after = '# mine\n192.0.2.1 printer\n';
  const text = `${before}${BLOCK}\n${after}`;
  t.is(updateHostsFile(text, 'demo', ['10.0.0.1 a a.demo']), `${before}# BEGIN rejviz-up lab demo\n10.0.0.1 a a.demo\n# END rejviz-up lab demo\n${after}`);
  t.is(removeFromHostsFile(text, 'demo'), before + after);
  t.is(removeFromHostsFile(`${text}${OTHER}`, 'demo-2'), text, 'only the named lab');
  t.is(removeFromHostsFile(before, 'demo'), before, 'no block: unchanged');
});

test('markers with CRLF endings are still found', (t) => {
  const crlf = `127.0.0.1 localhost\r\n${BLOCK.replaceAll('\n', '\r\n')}\r\n# mine\r\n`;
  t.is(updateHostsFile(crlf, 'demo', LINES), `127.0.0.1 localhost\r\n${BLOCK}\n# mine\r\n`);
  t.is(removeFromHostsFile(crlf, 'demo'), '127.0.0.1 localhost\r\n# mine\r\n');
});

test('a damaged block is an error, not a guess', (t) => {
  t.throws(() => updateHostsFile('# BEGIN rejviz-up lab demo\n1.2.3.4 a\n', 'demo', LINES), { message: /block of rejviz-up lab demo is damaged \('# BEGIN rejviz-up lab demo' without '# END rejviz-up lab demo'\)/ });
  t.throws(() => removeFromHostsFile(`${BLOCK}\n${BLOCK}\n`, 'demo'), { message: /a second '# BEGIN rejviz-up lab demo' line/ });
  t.throws(() => removeFromHostsFile('# END rejviz-up lab demo\n', 'demo'), { message: /without '# BEGIN rejviz-up lab demo' before it/ });
});

test('the file is written through a temporary file beside it, keeping mode and link', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'rejviz-hosts-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const real = join(dir, 'hosts.real');
  const link = join(dir, 'hosts');
  // Not UTF-8 (a Latin-1 é): its bytes must come back as they were.
  const original = Buffer.from('127.0.0.1 localhost caf\xe9\n', 'latin1');
  await writeFile(real, original);
  await chmod(real, 0o640);
  await symlink('hosts.real', link);
  t.true(await applyLabHostsBlock(link, 'demo', LINES));
  t.false(await applyLabHostsBlock(link, 'demo', LINES), 'unchanged: not written again');
  t.true((await lstat(link)).isSymbolicLink());
  t.is((await stat(real)).mode & 0o777, 0o640);
  t.deepEqual(await readFile(real), Buffer.concat([original, Buffer.from(`${BLOCK}\n`)]));
  t.true(await applyLabHostsBlock(link, 'demo', []));
  t.deepEqual(await readFile(real), original);
  t.deepEqual((await readdir(dir)).sort(), ['hosts', 'hosts.real'], 'no temporary file left');
  const fresh = join(dir, 'new-hosts');
  t.true(await applyLabHostsBlock(fresh, 'demo', LINES));
  t.is((await stat(fresh)).mode & 0o777, 0o644);
});
