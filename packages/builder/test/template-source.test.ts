import test from 'ava';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readIndexEntry, templateRevision, templateSources } from '../src/template-source.js';

const INDEX = `[tiny]
name=Tiny
file=tiny.raw.xz
checksum[sha512]=abc
revision=3

[debian-12]
name=Debian 12
arch=aarch64
checksum[sha512]=arm
revision=1

[debian-12]
name=Debian 12
checksum[sha512]=x86
revision=2
`;

test('reads the checksum and revision of one template, x86_64 by default', (t) => {
  t.deepEqual(readIndexEntry(INDEX, 'tiny'), { checksum: 'abc', revision: '3' });
  t.deepEqual(readIndexEntry(INDEX, 'debian-12'), { checksum: 'x86', revision: '2' });
  t.deepEqual(readIndexEntry(INDEX, 'debian-12', 'aarch64'), { checksum: 'arm', revision: '1' });
  t.is(readIndexEntry(INDEX, 'fedora-41'), null);
});

test('reads a clearsigned index (armour and dash-escapes removed)', (t) => {
  const signed = `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n- [tiny]\nchecksum[sha512]=abc\nrevision=7\n-----BEGIN PGP SIGNATURE-----\n\nxyz\n-----END PGP SIGNATURE-----\n`;
  t.deepEqual(readIndexEntry(signed, 'tiny'), { checksum: 'abc', revision: '7' });
});

test('finds the sources as virt-builder does: --source first, else repos.d under XDG_CONFIG_HOME then VIRT_BUILDER_DIRS', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'rjv-src-'));
  const user = join(root, 'user');
  const system = join(root, 'system');
  await mkdir(join(user, 'virt-builder', 'repos.d'), { recursive: true });
  await mkdir(join(system, 'virt-builder', 'repos.d'), { recursive: true });
  await writeFile(join(user, 'virt-builder', 'repos.d', 'a.conf'), '[a]\nuri=file:///user/index\n');
  await writeFile(join(system, 'virt-builder', 'repos.d', 'b.conf'), '[b]\nuri=http://example.invalid/index.asc\ngpgkey=file:///k\n');
  await writeFile(join(system, 'virt-builder', 'repos.d', 'notes.txt'), 'uri=file:///ignored\n');
  const env = { XDG_CONFIG_HOME: user, VIRT_BUILDER_DIRS: system };
  t.deepEqual(await templateSources(env), ['file:///user/index', 'http://example.invalid/index.asc']);
  t.deepEqual(await templateSources(env, ['--source', 'file:///given', '--source=file:///other']), ['file:///given', 'file:///other']);
});

test('templateRevision reads file:// indexes only, and says null when none lists the template', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'rjv-src-'));
  await writeFile(join(root, 'index'), INDEX);
  t.deepEqual(await templateRevision('tiny', {}, ['--source', 'http://example.invalid/index', '--source', `file://${root}/index`]), { index: `file://${root}/index`, checksum: 'abc', revision: '3' });
  t.is(await templateRevision('fedora-41', {}, ['--source', `file://${root}/index`]), null);
  t.is(await templateRevision('tiny', {}, ['--source', 'file:///nonexistent/index']), null);
});
