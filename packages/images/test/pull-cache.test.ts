// The cache keyed by digest: a second pull downloads nothing, two pulls at once download once,
// a damaged entry is discarded and fetched again, offline uses the cache alone, an alias whose
// content changed gets a new entry.
import { open, readFile, stat, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { testNeeding } from '@rejviz/test-support';
import { ImageError, listEntries, pullImage, type ImageSpec } from '../src/index.js';
import { filesUnder, IMAGE_PREREQS, imageGets, imageLab, publish, pullInChild, qcow2Image, removeLabSigner, warmUp } from './support/image-lab.js';

// One at a time: each runs gpg, gpgv and qemu-img, and its time is then its own.
const test = testNeeding(IMAGE_PREREQS).serial;
test.before(warmUp);
test.after.always(removeLabSigner);

test('a second pull finds the entry by digest: only the checksum file and signature are fetched', async (t) => {
  const lab = await imageLab(t);
  const { spec } = await publish(lab, { dir: 'deb', name: 'debian.qcow2', content: await qcow2Image() });
  const first = await pullImage(spec, lab.options, lab.services);
  const before = lab.mirror.requests.length;
  const second = await pullImage(spec, lab.options, lab.services);
  t.true(second.fromCache);
  t.is(second.path, first.path);
  t.deepEqual(lab.mirror.requests.slice(before).map((r) => r.path), ['deb/SHA256SUMS', 'deb/SHA256SUMS.gpg']);
  t.is(imageGets(lab, 'deb/debian.qcow2').length, 1);
});

test('two pulls of one image at once: one download, both get the same entry', async (t) => {
  const lab = await imageLab(t);
  const content = await qcow2Image();
  const { spec } = await publish(lab, { dir: 'deb', name: 'debian.qcow2', content });
  // Slow enough that the second pull surely asks while the first downloads.
  lab.mirror.fault('deb/debian.qcow2', { kind: 'slow', chunk: 128 * 1024, delayMs: 30 });
  const [a, b] = await Promise.all([pullImage(spec, lab.options, lab.services), pullImage(spec, lab.options, lab.services)]);
  t.is(a.path, b.path);
  t.deepEqual([a.fromCache, b.fromCache].sort(), [false, true]);
  t.is(imageGets(lab, 'deb/debian.qcow2').length, 1);
  t.is(lab.mirror.bytesServed('deb/debian.qcow2'), content.length);
  t.is((await listEntries(lab.cacheDir)).length, 1);
});

test('two processes pulling one image at once: one download, the second waits and uses it', async (t) => {
  const lab = await imageLab(t);
  const content = await qcow2Image();
  const { spec } = await publish(lab, { dir: 'deb', name: 'debian.qcow2', content });
  lab.mirror.fault('deb/debian.qcow2', { kind: 'slow', chunk: 64 * 1024, delayMs: 40 });
  const other = pullInChild(lab, spec, lab.options);
  // Ours starts once the other process is downloading (the mirror has its request).
  while (imageGets(lab, 'deb/debian.qcow2').length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  const mine = await pullImage(spec, lab.options, lab.services);
  const theirs = await other;
  t.is(theirs.path, mine.path as string | undefined);
  t.false(theirs.fromCache);
  t.true(mine.fromCache);
  t.is(imageGets(lab, 'deb/debian.qcow2').length, 1);
  t.is(lab.mirror.bytesServed('deb/debian.qcow2'), content.length);
});

test('a damaged cache entry is discarded with a message and fetched again', async (t) => {
  const lab = await imageLab(t);
  const { spec, hex } = await publish(lab, { dir: 'deb', name: 'debian.qcow2', content: await qcow2Image() });
  const first = await pullImage(spec, lab.options, lab.services);
  const handle = await open(first.path, 'r+');
  await handle.write(Buffer.from('rot'), 0, 3, 4096);
  await handle.close();
  const again = await pullImage(spec, lab.options, lab.services);
  t.false(again.fromCache);
  t.is(again.path, first.path);
  t.is(imageGets(lab, 'deb/debian.qcow2').length, 2);
  t.deepEqual(lab.notices.filter((n) => n.includes('no longer has its digest')), [
    `the cached image of deb (${first.entry.dir}) no longer has its digest sha256:${hex}; discarded it, fetching it again`,
  ]);
  t.deepEqual(await filesUnder(lab.cacheDir), [`sha256-${hex}/entry.json`, `sha256-${hex}/image.qcow2`]);
});

test('a cached image found right is not hashed again while nothing writes to it; a write afterwards is still found', async (t) => {
  const lab = await imageLab(t);
  const { spec, hex } = await publish(lab, { dir: 'deb', name: 'debian.qcow2', content: await qcow2Image() });
  const checks: string[] = [];
  const options = { ...lab.options, progress: { update: (e: { phase: string }) => void (e.phase === 'check' && checks.push(e.phase)), end: () => undefined } };
  const first = await pullImage(spec, options, lab.services);
  const record = async () => JSON.parse(await readFile(join(first.entry.dir, 'entry.json'), 'utf8')) as { checked?: { ino: number; size: number; at: number } };
  t.is((await record()).checked, undefined, 'stored, not checked yet');
  // A check within the file system's timestamp granularity of the file's last change is not
  // trusted: wait clearly past it, as any entry used later is.
  await sleep(2_100);
  await pullImage(spec, options, lab.services);
  t.is(checks.length, 1, 'hashed once');
  const checked = (await record()).checked!;
  const st = await stat(first.path);
  t.like(checked, { ino: st.ino, size: st.size });
  const third = await pullImage(spec, options, lab.services);
  t.true(third.fromCache);
  t.is(checks.length, 1, 'not hashed again: the file is as it was when found right');

  const handle = await open(first.path, 'r+');
  await handle.write(Buffer.from('rot'), 0, 3, 4096);
  await handle.close();
  const again = await pullImage(spec, options, lab.services);
  t.false(again.fromCache, 'the write was found: fetched again');
  t.is(checks.length, 2);
  t.true(lab.notices.some((n) => n.startsWith(`the cached image of deb (${first.entry.dir}) no longer has its digest sha256:${hex}`)));
});

test('offline with an entry: no request at all; without: one line, and no request either', async (t) => {
  const lab = await imageLab(t);
  const { spec } = await publish(lab, { dir: 'deb', name: 'debian.qcow2', content: await qcow2Image() });
  const missing = await t.throwsAsync(pullImage(spec, { ...lab.options, offline: true }, lab.services), { instanceOf: ImageError });
  t.is(missing!.failure, 'offline');
  t.is(missing!.message, '--offline: no cached image of deb; run once without --offline to fetch it');
  t.is(lab.mirror.requests.length, 0);
  const online = await pullImage(spec, lab.options, lab.services);
  const before = lab.mirror.requests.length;
  await lab.mirror.stop();
  const offline = await pullImage(spec, { ...lab.options, offline: true }, lab.services);
  t.is(offline.path, online.path);
  t.true(offline.fromCache);
  t.is(lab.mirror.requests.length, before);
  // By pinned digest too, and a digest not cached is a miss.
  t.is((await pullImage(spec, { ...lab.options, offline: true, checksum: online.entry.record.digest }, lab.services)).path, online.path);
  await t.throwsAsync(pullImage(spec, { ...lab.options, offline: true, checksum: { algorithm: 'sha256', hex: '0'.repeat(64) } }, lab.services), {
    message: `--offline: no cached image of deb with sha256:${'0'.repeat(64)}; run once without --offline to fetch it`,
  });
});

test('offline: a damaged entry is discarded and cannot be fetched; an unverified one needs the flag', async (t) => {
  const lab = await imageLab(t);
  const { spec } = await publish(lab, { dir: 'deb', name: 'debian.qcow2', content: await qcow2Image(), signature: 'none' });
  const got = await pullImage(spec, { ...lab.options, insecureUnverified: true }, lab.services);
  await t.throwsAsync(pullImage(spec, { ...lab.options, offline: true }, lab.services), {
    message: '--offline: the cached image of deb is verified only as unverified (deb needs https-checksum); pass --insecure-unverified to use it, or fetch it again online',
  });
  t.is((await pullImage(spec, { ...lab.options, offline: true, insecureUnverified: true }, lab.services)).path, got.path);
  await writeFile(got.path, 'damaged');
  await t.throwsAsync(pullImage(spec, { ...lab.options, offline: true, insecureUnverified: true }, lab.services), { instanceOf: ImageError, message: /^--offline: no cached image of deb;/ });
  t.true(lab.notices.some((n) => n.endsWith('discarded it, run without --offline to fetch it again')));
  t.deepEqual(await filesUnder(lab.cacheDir), []);
});

test('an alias whose content changed gets a new entry beside the old one', async (t) => {
  const lab = await imageLab(t);
  const content = await qcow2Image();
  const { spec } = await publish(lab, { dir: 'deb', name: 'debian.qcow2', content });
  const first = await pullImage(spec, lab.options, lab.services);
  const changed = Buffer.concat([content, Buffer.alloc(512, 1)]);
  await publish(lab, { dir: 'deb', name: 'debian.qcow2', content: changed });
  const second = await pullImage(spec, lab.options, lab.services);
  t.not(second.path, first.path);
  t.deepEqual((await listEntries(lab.cacheDir)).map((e) => e.key).sort(), [first.entry.key, second.entry.key].sort());
});

test('a better verification of cached bytes is recorded', async (t) => {
  const lab = await imageLab(t);
  const { spec } = await publish(lab, { dir: 'deb', name: 'debian.qcow2', content: await qcow2Image() });
  const unsigned: ImageSpec = { ...spec, signature: { kind: 'none', note: 'n' }, keys: [] };
  const first = await pullImage(unsigned, { ...lab.options, insecureUnverified: true }, lab.services);
  t.is(first.entry.record.verification.level, 'unverified');
  const second = await pullImage(spec, lab.options, lab.services);
  t.true(second.fromCache);
  t.is(second.entry.record.verification.level, 'signed');
  t.is(JSON.parse(await readFile(join(first.entry.dir, 'entry.json'), 'utf8')).verification.level, 'signed');
});
