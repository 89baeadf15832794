// The resumable download against the test mirror on 127.0.0.1 (faults on demand): resume by
// Range and If-Range, proven by the bytes the mirror served; servers that ignore Range; retries of
// transient failures and none for a 404; a short body; a stalled server; progress.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { startImageMirror, testNeeding, type ImageMirror } from '@rejviz/test-support';
import { downloadFile, ImageError, type DownloadProgress, type DownloadRequest } from '../src/index.js';
import { IMAGE_PREREQS } from './support/image-lab.js';
import { networkError } from '../src/download/http-get.js';
import { TransientError } from '../src/download/retry.js';

const test = testNeeding(IMAGE_PREREQS);
const SIZE = 1024 * 1024;
const content = Buffer.from(Array.from({ length: SIZE }, (_, i) => (i * 7919) % 251));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function world(t: ExecutionContext): Promise<{ mirror: ImageMirror; dir: string; request: (extra?: Partial<DownloadRequest>) => DownloadRequest }> {
  const root = await mkdtemp(join(tmpdir(), 'rjv-dl-'));
  const dir = await mkdtemp(join(tmpdir(), 'rjv-dl-out-'));
  await writeFile(join(root, 'disk.img'), content);
  const mirror = await startImageMirror({ root });
  t.teardown(async () => {
    await mirror.stop();
    await rm(root, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  });
  const request = (extra: Partial<DownloadRequest> = {}): DownloadRequest => ({
    url: mirror.url('disk.img'), partial: join(dir, 'disk.img.partial'), algorithm: 'sha256',
    retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 40 }, timeoutMs: 2_000, ...extra,
  });
  return { mirror, dir, request };
}

test('a plain download: the digest computed while streaming, the partial holds the file', async (t) => {
  const { mirror, request } = await world(t);
  const got = await downloadFile(request());
  t.is(got.digest.hex, sha256(content));
  t.is(got.size, SIZE);
  t.false(got.resumed);
  t.true((await readFile(request().partial)).equals(content), "the partial holds the file");
  t.is(mirror.bytesServed('disk.img'), SIZE);
});

test('a large download: the write blocks go round (read into from the socket, written by one thread and hashed by another, filled again once both give them back) and every byte lands in its place', async (t) => {
  // 40 MiB of random bytes: more blocks than the writer keeps and the threads hold together, so
  // each block is filled several times; a block filled again before both threads were done with
  // it (checked: handing it back at the first acknowledgement fails this), a read into the wrong
  // place, or blocks taken out of order, would show as a wrong digest or a wrong byte in the file.
  const { dir, request } = await world(t);
  const { randomBytes } = await import('node:crypto');
  const big = randomBytes(40 << 20);
  const www = await mkdtemp(join(tmpdir(), 'rjv-dl-big-'));
  t.teardown(() => rm(www, { recursive: true, force: true }));
  await writeFile(join(www, 'big.img'), big);
  const mirror = await startImageMirror({ root: www });
  t.teardown(() => mirror.stop());
  for (const algorithm of ['sha256', 'sha512'] as const) {
    const partial = join(dir, `big-${algorithm}.partial`);
    const got = await downloadFile(request({ url: mirror.url('big.img'), partial, algorithm }));
    t.is(got.digest.hex, createHash(algorithm).update(big).digest('hex'), algorithm);
    t.true((await readFile(partial)).equals(big), `the partial holds the file (${algorithm})`);
  }
});

/** The offset a request asked for with Range (0 without). */
const rangeStart = (range: string | null) => Number(/^bytes=(\d+)-$/.exec(range ?? '')?.[1] ?? 0);

test('a connection dropped half way is resumed with Range and If-Range: no byte is fetched twice', async (t) => {
  const { mirror, request } = await world(t);
  mirror.fault('disk.img', { kind: 'drop', after: 400 * 1024 });
  const retries: string[] = [];
  const got = await downloadFile(request({ onRetry: (r) => void retries.push(r) }));
  t.is(got.digest.hex, sha256(content));
  t.true(got.resumed);
  const [first, second, ...more] = mirror.requestsFor('disk.img');
  t.is(more.length, 0);
  t.is(first!.bytes, 400 * 1024);
  const from = rangeStart(second!.range);
  t.true(from > 0 && from <= 400 * 1024, `resumed at ${from}`);
  t.regex(second!.ifRange ?? '', /^"/, 'If-Range carries the ETag');
  t.is(second!.status, 206);
  t.is(second!.bytes, SIZE - from, 'only the rest was served');
  t.is(retries.length, 1);
  // Counted off the wire: what reached the disk before the cut may be less (resumed from there).
  t.regex(retries[0]!, /connection lost after \d+ of 1048576 bytes/);
});

test('a partial left by an earlier run is continued; one of another URL is not', async (t) => {
  const { mirror, request, dir } = await world(t);
  mirror.fault('disk.img', { kind: 'drop', after: 300 * 1024 });
  await t.throwsAsync(downloadFile(request({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } })), { instanceOf: ImageError, message: /failed after 1 attempts: .*connection lost after \d+ of 1048576 bytes/ });
  const kept = (await stat(request().partial)).size;
  t.true(kept > 0 && kept <= 300 * 1024, 'the partial stays for the next run');
  const got = await downloadFile(request());
  t.is(got.digest.hex, sha256(content));
  t.true(got.resumed);
  const last = mirror.requestsFor('disk.img').at(-1)!;
  t.is(rangeStart(last.range), kept);
  t.is(last.bytes, SIZE - kept);
  // Another URL's partial state: starts from 0.
  await writeFile(join(dir, 'other.partial'), content.subarray(0, 1000));
  await writeFile(join(dir, 'other.partial.json'), JSON.stringify({ url: 'http://127.0.0.1:1/elsewhere', etag: null, lastModified: null }));
  const fresh = await downloadFile(request({ partial: join(dir, 'other.partial') }));
  t.false(fresh.resumed);
  t.is(mirror.requestsFor('disk.img').at(-1)!.range, null);
});

test('a server that ignores Range sends the whole file: the hash starts again from 0', async (t) => {
  const { mirror, request } = await world(t);
  mirror.fault('disk.img', { kind: 'drop', after: 500 * 1024 }, { kind: 'ignore-range' });
  const got = await downloadFile(request());
  t.is(got.digest.hex, sha256(content));
  t.is(mirror.requestsFor('disk.img')[1]!.status, 200);
  t.true((await readFile(request().partial)).equals(content), "the partial holds the file");
});

test('a changed file (If-Range no longer matches) is fetched whole', async (t) => {
  const { mirror, request } = await world(t);
  mirror.fault('disk.img', { kind: 'drop', after: 100 * 1024 });
  await t.throwsAsync(downloadFile(request({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } })));
  const state = JSON.parse(await readFile(`${request().partial}.json`, 'utf8')) as { etag: string };
  await writeFile(`${request().partial}.json`, JSON.stringify({ ...state, etag: '"stale"' }));
  const got = await downloadFile(request());
  t.is(got.digest.hex, sha256(content));
  t.is(mirror.requestsFor('disk.img')[1]!.status, 200);
});

test('HTTP 500 then ok: retried; 404: fails at once with the status and the URL, nothing left', async (t) => {
  const { mirror, request } = await world(t);
  mirror.fault('disk.img', { kind: 'status', status: 500 }, { kind: 'status', status: 503 });
  t.is((await downloadFile(request())).digest.hex, sha256(content));
  t.deepEqual(mirror.requestsFor('disk.img').map((r) => r.status), [500, 503, 200]);

  const missing = request({ url: mirror.url('nope.img'), partial: `${request().partial}.2` });
  const e = await t.throwsAsync(downloadFile(missing), { instanceOf: ImageError });
  t.is(e!.failure, 'http');
  t.is(e!.message, `${mirror.url('nope.img')} answered HTTP 404 (not found); check the URL`);
  t.is(mirror.requestsFor('nope.img').length, 1, 'a 404 is not retried');
  await t.throwsAsync(stat(missing.partial), { code: 'ENOENT' });
});

test('500 every time: bounded retries, then the status and URL', async (t) => {
  const { mirror, request } = await world(t);
  mirror.fault('disk.img', ...Array(5).fill({ kind: 'status', status: 500 }));
  const e = await t.throwsAsync(downloadFile(request()), { instanceOf: ImageError });
  t.is(e!.message, `the download of ${mirror.url('disk.img')} failed after 3 attempts: ${mirror.url('disk.img')} answered HTTP 500`);
  t.is(mirror.requestsFor('disk.img').length, 3);
});

test('a server that is gone: connection refused, retried, then one line', async (t) => {
  const { mirror, request } = await world(t);
  await mirror.stop();
  const e = await t.throwsAsync(downloadFile(request()), { instanceOf: ImageError });
  t.is(e!.failure, 'network');
  t.is(e!.message, `the download of ${request().url} failed after 3 attempts: ${request().url}: connection refused`);
});

test('a Content-Length longer than the body is detected, every time', async (t) => {
  const { mirror, request } = await world(t);
  mirror.fault('disk.img', ...Array(3).fill({ kind: 'wrong-length', extra: 100 }));
  const e = await t.throwsAsync(downloadFile(request()), { instanceOf: ImageError });
  t.is(e!.failure, 'network');
  t.regex(e!.message, /failed after 3 attempts: .*connection lost after \d+ of \d+ bytes/);
});

test('a stalled server times out and the download resumes after the stall', async (t) => {
  const { mirror, request } = await world(t);
  mirror.fault('disk.img', { kind: 'stall', after: 200 * 1024 });
  const got = await downloadFile(request({ timeoutMs: 400 }));
  t.is(got.digest.hex, sha256(content));
  const [first, ...rest] = mirror.requestsFor('disk.img');
  t.is(first!.bytes, 200 * 1024);
  t.true(rest.every((r) => r.status === 206 && rangeStart(r.range) > 0), 'every later request continued');
});

test('a slow server: progress reports the bytes as they come, up to the total', async (t) => {
  const { mirror, request } = await world(t);
  mirror.fault('disk.img', { kind: 'slow', chunk: 128 * 1024, delayMs: 50 });
  const events: DownloadProgress[] = [];
  await downloadFile(request({ onProgress: (p) => void events.push({ ...p }) }));
  // 8 chunks of 128 KiB; the other tests of this file share the event loop, so two chunks may
  // arrive before the body is read again and come as one. Progress per MiB would give 1 event.
  t.true(events.length >= 5, `${events.length} progress events`);
  t.true(events.every((e, i) => e.total === SIZE && (i === 0 || e.received >= events[i - 1]!.received)));
  t.is(events.at(-1)!.received, SIZE);
});

test('a file:// URL downloads the same way', async (t) => {
  const { request, dir } = await world(t);
  await writeFile(join(dir, 'local.img'), content);
  const got = await downloadFile(request({ url: `file://${join(dir, 'local.img')}`, partial: join(dir, 'local.partial') }));
  t.is(got.digest.hex, sha256(content));
  const e = await t.throwsAsync(downloadFile(request({ url: `file://${join(dir, 'none.img')}`, partial: join(dir, 'none.partial') })));
  t.is(e!.message, `cannot read file://${join(dir, 'none.img')}: no such file`);
});

test('a failure to reach the server says what it means: an unknown host, no DNS answer, no route', (t) => {
  const fail = (code: string) => networkError(Object.assign(new Error(`getaddrinfo ${code} cloud.example.invalid`), { code }), 'https://cloud.example.invalid/x.qcow2');
  const unknown = fail('ENOTFOUND');
  t.true(unknown instanceof ImageError, 'an unknown host is not retried');
  t.is(unknown.message, 'cannot fetch https://cloud.example.invalid/x.qcow2: the host name cloud.example.invalid is not known (ENOTFOUND); check the URL');
  const dns = fail('EAI_AGAIN');
  t.true(dns instanceof TransientError, 'no DNS answer may pass: retried');
  t.is(dns.message, 'https://cloud.example.invalid/x.qcow2: the host name cloud.example.invalid cannot be resolved now (EAI_AGAIN: no DNS answer); check the network');
  t.is(fail('ENETUNREACH').message, 'https://cloud.example.invalid/x.qcow2: no route to cloud.example.invalid (ENETUNREACH); check the network');
  t.is(fail('ECONNREFUSED').message, 'https://cloud.example.invalid/x.qcow2: connection refused');
});
