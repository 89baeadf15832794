import { createRunner } from '@rejviz/core';
import test from 'ava';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { indexCopyPath, indexFetchArgs, readIndexEntry, templateRevision, templateSourceEntries, templateSources } from '../src/template-source.js';
import { scratchDir } from '@rejviz/test-support';

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
  const root = await scratchDir(t, 'rjv-src-');
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

test('templateRevision reads file:// indexes (without a runner, no other), and says null when none lists the template', async (t) => {
  const root = await scratchDir(t, 'rjv-src-');
  await writeFile(join(root, 'index'), INDEX);
  t.deepEqual(await templateRevision('tiny', {}, ['--source', 'http://example.invalid/index', '--source', `file://${root}/index`]), { index: `file://${root}/index`, checksum: 'abc', revision: '3' });
  t.is(await templateRevision('fedora-41', {}, ['--source', `file://${root}/index`]), null);
  t.is(await templateRevision('tiny', {}, ['--source', 'file:///nonexistent/index']), null);
});

test('a repos.d section keeps its proxy= setting, which the index fetch honours as virt-builder does', async (t) => {
  const root = await scratchDir(t, 'rjv-src-');
  await mkdir(join(root, 'virt-builder', 'repos.d'), { recursive: true });
  await writeFile(join(root, 'virt-builder', 'repos.d', 'a.conf'), '[a]\nuri=http://a.invalid/index\nproxy=off\n\n[b]\nproxy=http://proxy.invalid:3128\nuri=http://b.invalid/index\n\n[c]\nuri=http://c.invalid/index\n');
  const sources = await templateSourceEntries({ VIRT_BUILDER_DIRS: root, XDG_CONFIG_HOME: join(root, 'none') });
  t.deepEqual(sources, [
    { uri: 'http://a.invalid/index', proxy: 'off' },
    { uri: 'http://b.invalid/index', proxy: 'http://proxy.invalid:3128' },
    { uri: 'http://c.invalid/index', proxy: null },
  ]);
  t.deepEqual(indexFetchArgs(sources[0]!).slice(-4), ['--noproxy', '*', '--', 'http://a.invalid/index']);
  t.deepEqual(indexFetchArgs(sources[1]!).slice(-4), ['--proxy', 'http://proxy.invalid:3128', '--', 'http://b.invalid/index']);
  t.false(indexFetchArgs(sources[2]!).includes('--proxy'));
});

test('templateRevision fetches an http index with the real curl (once per run) and names an index it cannot read', async (t) => {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/index.asc') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(INDEX);
    } else {
      res.writeHead(404);
      res.end('no such file');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  const port = (server.address() as AddressInfo).port;
  const notices: string[] = [];
  const options = { runner: createRunner(), notice: (text: string) => notices.push(text) };
  const missing = `http://127.0.0.1:${port}/missing/index`;
  const index = `http://127.0.0.1:${port}/index.asc`;
  const args = ['--source', missing, '--source', index];
  const env = { XDG_CACHE_HOME: await scratchDir(t, 'rjv-cache-') };
  t.deepEqual(await templateRevision('debian-12', env, args, options), { index, checksum: 'x86', revision: '2' });
  t.deepEqual(await templateRevision('tiny', env, args, options), { index, checksum: 'abc', revision: '3' });
  t.is(await templateRevision('fedora-41', env, args, options), null);
  t.is(await readFile(indexCopyPath(index, env), 'utf8'), INDEX, 'a copy of the fetched index is kept');
  t.deepEqual(requests, ['/missing/index', '/index.asc'], 'each index is fetched once');
  t.is(notices.length, 1);
  t.regex(notices[0]!, new RegExp(`could not read the template index ${missing.replace(/[.]/g, '\\.')} \\(.*404.*\\); its templates are keyed by name only`));
  // Without a runner a remote index is not read at all.
  t.is(await templateRevision('tiny', {}, ['--source', `http://127.0.0.1:${port}/other/index`]), null);
  t.is(requests.length, 2);
});

test('an index that cannot be fetched any more is read from the copy fetched last, with a notice', async (t) => {
  let up = true;
  const server = createServer((_req, res) => {
    res.writeHead(up ? 200 : 503);
    res.end(up ? INDEX : 'down');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  const index = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fallback/index`;
  const env = { XDG_CACHE_HOME: await scratchDir(t, 'rjv-cache-') };
  const notices: string[] = [];
  // A new runner stands for a new run (a run fetches each index once).
  t.deepEqual(await templateRevision('tiny', env, ['--source', index], { runner: createRunner(), notice: (x) => notices.push(x) }), { index, checksum: 'abc', revision: '3' });
  up = false;
  t.deepEqual(await templateRevision('tiny', env, ['--source', index], { runner: createRunner(), notice: (x) => notices.push(x) }), { index, checksum: 'abc', revision: '3' });
  t.is(notices.length, 1);
  t.regex(notices[0]!, /could not read the template index .*fallback\/index \(.*503.*\); using the copy fetched at \d{4}-/);
});

test('tests see no remote template repository (ava.config.mjs), so a plan in a test never fetches one', async (t) => {
  t.deepEqual((await templateSources(process.env)).filter((u) => !u.startsWith('file://')), []);
});
