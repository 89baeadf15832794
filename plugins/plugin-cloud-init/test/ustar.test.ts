// The first boot's archive writer, read back by the real GNU tar: names (a long one split into
// prefix and name), modes, owners by name, contents of every size (empty, UTF-8, more than a
// block), extracted byte for byte.
import { createRunner } from '@rejviz/core';
import { testNeeding } from '@rejviz/test-support';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ustar, type TarFile } from '../src/ustar.js';

const test = testNeeding([{ tool: 'tar' }]);

const LONG = `/etc/${'d'.repeat(90)}/${'e'.repeat(60)}/file.conf`;
const FILES: TarFile[] = [
  { path: '/etc/ssh/ssh_host_ed25519_key', content: '-----BEGIN OPENSSH PRIVATE KEY-----\nx\n-----END OPENSSH PRIVATE KEY-----\n', mode: 0o600, user: 'root', group: 'root' },
  { path: '/etc/empty', content: '', mode: 0o644, user: 'root', group: 'root' },
  { path: '/etc/utf8', content: 'Grüße, ☃\n', mode: 0o640, user: 'daemon', group: 'adm' },
  { path: LONG, content: 'x'.repeat(1500), mode: 0o444, user: 'nobody', group: 'nogroup' },
];

test('a path or owner that is not printable ASCII is refused (its length would be miscounted)', (t) => {
  t.throws(() => ustar([{ path: '/etc/grüße', content: '', mode: 0o644, user: 'root', group: 'root' }]), { message: /not printable ASCII/ });
});

test('GNU tar lists and extracts what ustar wrote: names, modes, owners, contents', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'rjv-ustar-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const archive = join(dir, 'a.tar');
  await writeFile(archive, ustar(FILES));
  const listed = await createRunner().run('tar', ['-t', '-v', '-f', archive]);
  const lines = listed.stdout.trim().split('\n');
  t.is(lines.length, FILES.length, listed.stdout);
  t.regex(lines[0]!, /^-rw------- root\/root +\d+ .* etc\/ssh\/ssh_host_ed25519_key$/);
  t.regex(lines.find((l) => l.includes('utf8'))!, /^-rw-r----- daemon\/adm /);
  t.true(lines.some((l) => l.endsWith(LONG.slice(1)) && l.startsWith('-r--r--r-- nobody/nogroup')), listed.stdout);
  await createRunner().run('tar', ['-x', '--no-same-owner', '-f', archive, '-C', dir]);
  for (const f of FILES) t.is(await readFile(join(dir, f.path), 'utf8'), f.content, f.path);
});
