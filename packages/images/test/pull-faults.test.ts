// pullImage when the mirror or the disk fails: a truncated download resumed to the right digest,
// HTTP errors with the status and URL, a server that is gone, a full disk (a small tmpfs as the
// cache). Each failure is one line and leaves nothing in the cache.
import { execFileSync, spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { testNeeding } from '@rejviz/test-support';
import { catalogueImageSpec, checkCatalogue, ImageError, pullImage } from '../src/index.js';
import { filesUnder, IMAGE_PREREQS, imageGets, imageLab, publish, qcow2Image, removeLabSigner, warmUp } from './support/image-lab.js';

// One at a time: each runs gpg, gpgv and qemu-img, and its time is then its own.
const test = testNeeding([...IMAGE_PREREQS, { tool: 'mount' }, { check: () => process.getuid?.() === 0, what: 'root (the disk-full test mounts a small tmpfs)' }]).serial;
test.before(warmUp);
test.after.always(removeLabSigner);

test('a truncated download is resumed to the right digest: the image is served once in all', async (t) => {
  const lab = await imageLab(t);
  const content = await qcow2Image();
  const { spec, hex } = await publish(lab, { dir: 'deb', name: 'debian.qcow2', content });
  lab.mirror.fault('deb/debian.qcow2', { kind: 'drop', after: Math.floor(content.length / 3) });
  const got = await pullImage(spec, lab.options, lab.services);
  t.is(got.entry.key, `sha256-${hex}`);
  const gets = imageGets(lab, 'deb/debian.qcow2');
  t.is(gets.length, 2);
  t.is(gets[0]!.bytes, Math.floor(content.length / 3));
  const from = Number(/^bytes=(\d+)-$/.exec(gets[1]!.range ?? '')?.[1]);
  t.true(from > 0, 'the second request continued where the first stopped');
  t.is(gets[1]!.bytes, content.length - from);
  t.true(lab.mirror.bytesServed('deb/debian.qcow2') < content.length * 1.5);
  t.true(lab.notices.some((n) => /^deb: .*connection lost after \d+ of \d+ bytes .*; trying again$/.test(n)));
  t.deepEqual(await filesUnder(lab.cacheDir), [`sha256-${hex}/entry.json`, `sha256-${hex}/image.qcow2`], 'no partial left');
});

test('404 for the image: the status and the URL, no retry, nothing in the cache', async (t) => {
  const lab = await imageLab(t);
  const { spec } = await publish(lab, { dir: 'deb', name: 'debian.qcow2', content: await qcow2Image() });
  lab.mirror.fault('deb/debian.qcow2', { kind: 'status', status: 404 });
  const e = await t.throwsAsync(pullImage(spec, lab.options, lab.services), { instanceOf: ImageError });
  t.is(e!.failure, 'http');
  t.is(e!.message, `${spec.imageUrl} answered HTTP 404 (not found); check the URL`);
  t.is(imageGets(lab, 'deb/debian.qcow2').length, 1);
  t.deepEqual(await filesUnder(lab.cacheDir), []);
});

test("a release past its end of life: a 404 tries the catalogue's archive, which serves it; another error does not", async (t) => {
  const lab = await imageLab(t);
  // Fedora-like: a clearsigned BSD CHECKSUM; the files are only under archive/, the entry names live/.
  const { entry, hex } = await publish(lab, { dir: 'archive/rel', name: 'disk.qcow2', content: await qcow2Image(), signature: 'clearsigned', style: 'bsd' });
  const live = (url: string) => url.replace('/archive/', '/live/');
  const moved = { ...entry, image: live(entry.image), checksum: { ...entry.checksum, url: live(entry.checksum.url) }, archive: { from: lab.mirror.url('live/'), to: lab.mirror.url('archive/') } };
  const spec = catalogueImageSpec(await checkCatalogue({ version: 1, entries: { rel: moved } }, 'test catalogue', false), 'rel', 'x86_64');

  // (The mirror's faults apply to files it has: a stand-in for the live CHECKSUM while it answers 403.)
  const forbidden = lab.mirror.url('live/rel/CHECKSUM');
  await mkdir(join(lab.dir, 'live', 'rel'), { recursive: true });
  await writeFile(join(lab.dir, 'live', 'rel', 'CHECKSUM'), 'forbidden');
  lab.mirror.fault('live/rel/CHECKSUM', { kind: 'status', status: 403 });
  await t.throwsAsync(pullImage(spec, lab.options, lab.services), { message: `${forbidden} answered HTTP 403; check the URL` });
  t.is(lab.mirror.requestsFor('archive/rel/CHECKSUM').length, 0, 'a 403 is no sign of a move');
  await rm(join(lab.dir, 'live'), { recursive: true });

  const got = await pullImage(spec, lab.options, lab.services);
  t.is(got.entry.key, `sha256-${hex}`);
  t.like(got.entry.record, { source: 'rel', url: lab.mirror.url('archive/rel/disk.qcow2'), verification: { level: 'signed' } });
  t.deepEqual(lab.notices.filter((n) => n.includes('archive')), [`rel: ${forbidden} answered HTTP 404 (not found); trying the release's archive, ${lab.mirror.url('archive/rel/CHECKSUM')}`]);
  t.is(imageGets(lab, 'archive/rel/disk.qcow2').length, 1);
  t.is(imageGets(lab, 'live/rel/disk.qcow2').length, 0);
  // Offline, the archived copy is found by its source.
  const offline = await pullImage(spec, { ...lab.options, offline: true }, lab.services);
  t.is(offline.entry.key, got.entry.key);
});

test('404 for the checksum file and for the signature', async (t) => {
  const lab = await imageLab(t);
  const { spec } = await publish(lab, { dir: 'deb', name: 'debian.qcow2', content: await qcow2Image() });
  lab.mirror.fault('deb/SHA256SUMS', { kind: 'status', status: 404 });
  await t.throwsAsync(pullImage(spec, lab.options, lab.services), { message: `${lab.mirror.url('deb/SHA256SUMS')} answered HTTP 404 (not found); check the URL` });
  lab.mirror.fault('deb/SHA256SUMS.gpg', { kind: 'status', status: 403 });
  await t.throwsAsync(pullImage(spec, lab.options, lab.services), { message: `${lab.mirror.url('deb/SHA256SUMS.gpg')} answered HTTP 403; check the URL` });
  t.is(imageGets(lab, 'deb/debian.qcow2').length, 0);
  t.deepEqual(await filesUnder(lab.cacheDir), []);
});

test('500 then ok: retried with a notice', async (t) => {
  const lab = await imageLab(t);
  const { spec } = await publish(lab, { dir: 'deb', name: 'debian.qcow2', content: await qcow2Image() });
  lab.mirror.fault('deb/debian.qcow2', { kind: 'status', status: 500 });
  lab.mirror.fault('deb/SHA256SUMS', { kind: 'status', status: 502 });
  await pullImage(spec, lab.options, lab.services);
  t.deepEqual(imageGets(lab, 'deb/debian.qcow2').map((r) => r.status), [500, 200]);
  t.true(lab.notices.some((n) => n === `deb: ${spec.imageUrl} answered HTTP 500; trying again`));
});

test('the server gone: connection refused after the retries, one line, nothing in the cache', async (t) => {
  const lab = await imageLab(t);
  const { spec } = await publish(lab, { dir: 'deb', name: 'debian.qcow2', content: await qcow2Image() });
  await lab.mirror.stop();
  const e = await t.throwsAsync(pullImage(spec, lab.options, lab.services), { instanceOf: ImageError });
  t.is(e!.failure, 'network');
  t.is(e!.message, `fetching ${spec.checksum!.url} failed after 3 attempts: ${spec.checksum!.url}: connection refused`);
  t.deepEqual(await filesUnder(lab.cacheDir), []);
});

test('the server gone half way through the image: the partial is kept for the next run, no entry', async (t) => {
  const lab = await imageLab(t);
  const content = await qcow2Image();
  const { spec, hex } = await publish(lab, { dir: 'deb', name: 'debian.qcow2', content });
  lab.mirror.fault('deb/debian.qcow2', ...Array(3).fill({ kind: 'drop', after: 64 * 1024 }));
  const e = await t.throwsAsync(pullImage(spec, lab.options, lab.services), { instanceOf: ImageError });
  t.regex(e!.message, /^the download of .* failed after 3 attempts: .*connection lost after \d+ of \d+ bytes/);
  const left = await filesUnder(lab.cacheDir);
  t.true(left.every((f) => f.startsWith('.partial/')), `only the resumable partial: ${left.join(', ')}`);
  const got = await pullImage(spec, lab.options, lab.services);
  t.is(got.entry.key, `sha256-${hex}`);
  t.true(imageGets(lab, 'deb/debian.qcow2').at(-1)!.range !== null, 'the next run continued it');
});

test('SIGINT mid-download: the pull stops at once with exit 130, the partial is kept, the next pull continues it', async (t) => {
  const lab = await imageLab(t);
  const content = await qcow2Image();
  const { spec, hex } = await publish(lab, { dir: 'deb', name: 'debian.qcow2', content });
  lab.mirror.fault('deb/debian.qcow2', { kind: 'stall', after: 256 * 1024 });
  const child = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'support', 'pull-child.js'),
    JSON.stringify({ spec, options: { ...lab.options, timeoutMs: 60_000 }, env: lab.env, stopHandlers: true })], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  // Wait until the stalled body has reached the partial file.
  const partialBytes = async () => {
    for (const f of await filesUnder(lab.cacheDir)) {
      if (f.startsWith('.partial/') && !f.endsWith('.json')) return (await stat(join(lab.cacheDir, f))).size;
    }
    return 0;
  };
  // Wait until the mirror has sent what it sends before the stall (the client keeps it in its
  // 1 MiB write block: the partial gets it when the download stops).
  for (let i = 0; i < 200 && (imageGets(lab, 'deb/debian.qcow2')[0]?.bytes ?? 0) < 256 * 1024; i++) await sleep(50);
  await sleep(300);
  const sent = Date.now();
  child.kill('SIGINT');
  t.is(await exit, 130, stdout);
  t.true(Date.now() - sent < 5_000, `stopped ${Date.now() - sent} ms after the signal (the idle timeout is 60 s)`);
  t.regex(stdout, /"interrupted":"SIGINT"/);
  const left = await filesUnder(lab.cacheDir);
  t.true(left.length > 0 && left.every((f) => f.startsWith('.partial/')), `only the resumable partial: ${left.join(', ')}`);
  t.is(await partialBytes(), 256 * 1024, 'what arrived before the signal was written');
  const got = await pullImage(spec, lab.options, lab.services);
  t.is(got.entry.key, `sha256-${hex}`);
  t.is(imageGets(lab, 'deb/debian.qcow2').at(-1)!.range, `bytes=${256 * 1024}-`, 'the next pull continued after the partial');
});

async function tmpfs(t: ExecutionContext, size: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rjv-full-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'rjv-full', dir]);
  t.teardown(async () => {
    execFileSync('umount', [dir]);
    await rm(dir, { recursive: true, force: true });
  });
  return dir;
}

test('an image bigger than the room left is refused before a byte of it is written: one line, nothing left', async (t) => {
  const cacheHome = await tmpfs(t, '512k');
  const lab = await imageLab(t, { cacheHome });
  const content = await qcow2Image();
  const { spec } = await publish(lab, { dir: 'deb', name: 'debian.qcow2', content });
  const e = await t.throwsAsync(pullImage(spec, lab.options, lab.services), { instanceOf: ImageError });
  t.is(e!.failure, 'disk-full');
  t.regex(e!.message, new RegExp(`^no space for ${spec.imageUrl.replace(/[.]/g, '\\.')}: it needs ${Math.ceil(content.length / 1048576)} MiB more, and the file system of .*/\\.partial has [01] MiB free; free some space or point XDG_CACHE_HOME elsewhere$`));
  t.deepEqual(await filesUnder(cacheHome), []);
  t.is(imageGets(lab, 'deb/debian.qcow2').length, 1, 'asked once, not retried');
});

test('disk full while downloading a body of no stated length: one line, nothing left on the small file system', async (t) => {
  const cacheHome = await tmpfs(t, '512k');
  const lab = await imageLab(t, { cacheHome });
  const { spec } = await publish(lab, { dir: 'deb', name: 'debian.qcow2', content: await qcow2Image() });
  lab.mirror.fault('deb/debian.qcow2', { kind: 'no-length' });
  const e = await t.throwsAsync(pullImage(spec, lab.options, lab.services), { instanceOf: ImageError });
  t.is(e!.failure, 'disk-full');
  t.regex(e!.message, /^no space left on the device writing .*\.partial; free some space or point XDG_CACHE_HOME elsewhere$/);
  t.deepEqual(await filesUnder(cacheHome), []);
  t.true(imageGets(lab, 'deb/debian.qcow2')[0]!.bytes > 0, 'the body was being written when the disk filled');
});

test('disk full while decompressing: one line, nothing left', async (t) => {
  const cacheHome = await tmpfs(t, '1536k');
  const lab = await imageLab(t, { cacheHome });
  // 4 MiB of one byte: a few KiB as xz, too big for the cache once decompressed (not zeros:
  // xz writes those as holes, which take no space).
  const raw = Buffer.alloc(4 * 1024 * 1024, 0x55);
  const xz = execFileSync('xz', ['-0', '-c'], { input: raw, maxBuffer: 1 << 26 });
  const { spec } = await publish(lab, { dir: 'xz', name: 'disk.raw.xz', content: xz, format: 'raw' });
  const e = await t.throwsAsync(pullImage(spec, lab.options, lab.services), { instanceOf: ImageError });
  t.is(e!.failure, 'disk-full');
  t.regex(e!.message, /^no space left on the device decompressing into .*; free some space or point XDG_CACHE_HOME elsewhere$/);
  t.deepEqual(await filesUnder(cacheHome), []);
});
