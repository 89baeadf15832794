// The lean HTTP/1.1 client (http-client.ts) against a raw TCP server on 127.0.0.1 that answers
// with exactly the bytes each test gives, in the pieces it gives them: the framings a download
// meets (Content-Length, chunked, until close), a head split across reads, and the faults.
import { createHash } from 'node:crypto';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import test, { type ExecutionContext } from 'ava';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProtocolError, rawGet, type RawResponse } from '../src/download/http-client.js';
import { downloadFile, ImageError } from '../src/index.js';

/** A server whose every connection gets `pieces` written one by one, a few ms apart, then closed (unless `hold`). */
async function rawServer(pieces: (string | Buffer)[], opts: { hold?: boolean } = {}): Promise<{ url: URL; requests: string[]; close: () => void }> {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    let head = '';
    socket.on('data', async (d) => {
      head += d.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      requests.push(head);
      for (const piece of pieces) {
        socket.write(piece);
        await sleep(5);
      }
      if (!opts.hold) socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { url: new URL(`http://127.0.0.1:${port}/dir/file.img?x=1`), requests, close: () => { for (const s of sockets) s.destroy(); server.close(); } };
}

async function readAll(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c);
  return Buffer.concat(chunks).toString();
}

test('Content-Length: the body is exactly that many bytes; the request names path, host and headers', async (t) => {
  const s = await rawServer(['HTTP/1.1 206 Partial Content\r\nContent-Length: 5\r\nETag: "a"\r\nX-Two: 1\r\nx-two: 2\r\n\r\nhel', 'lo', 'TRAILING GARBAGE']);
  t.teardown(s.close);
  const res = await rawGet(s.url, { headers: { Range: 'bytes=10-' }, timeoutMs: 5000 });
  t.is(res.status, 206);
  t.is(res.headers.get('etag'), '"a"');
  t.is(res.headers.get('x-two'), '1, 2');
  t.is(await readAll(res.body), 'hello');
  t.regex(s.requests[0]!, /^GET \/dir\/file\.img\?x=1 HTTP\/1\.1\r\nHost: 127\.0\.0\.1:\d+\r\nConnection: close\r\nRange: bytes=10-\r\n\r\n$/);
});

test('a head split in small pieces across reads, then chunked: decoded, extensions and trailers ignored', async (t) => {
  const s = await rawServer(['HTTP/1.1 200 OK\r', '\nTransfer-Encoding: chunked\r\n', '\r\n5;ext=1\r\nhel', 'lo\r\n', '6\r\n wor', 'ld\r\n0\r\nX-Trailer: t\r\n\r\n']);
  t.teardown(s.close);
  const res = await rawGet(s.url, { headers: {}, timeoutMs: 5000 });
  t.is(res.status, 200);
  t.is(await readAll(res.body), 'hello world');
});

test('neither length nor chunked: the body ends when the server closes', async (t) => {
  const s = await rawServer(['HTTP/1.0 200 OK\r\n\r\nabc', 'def']);
  t.teardown(s.close);
  const res = await rawGet(s.url, { headers: {}, timeoutMs: 5000 });
  t.is(await readAll(res.body), 'abcdef');
});

for (const [framing, answer] of [
  ['Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this'],
  ['chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n'],
] as const) {
  test(`a ${framing} body cut short: the reader gets a connection error, not a short file`, async (t) => {
    const s = await rawServer([answer]);
    t.teardown(s.close);
    const res = await rawGet(s.url, { headers: {}, timeoutMs: 5000 });
    const e = await t.throwsAsync(readAll(res.body));
    t.is((e as NodeJS.ErrnoException).code, 'ECONNRESET');
  });
}

test('not HTTP, a malformed header, an unknown transfer coding, a bad chunk size: protocol errors', async (t) => {
  for (const [answer, message] of [
    ['SSH-2.0-OpenSSH_9.2\r\n\r\n', /not an HTTP\/1\.x response/],
    ['HTTP/1.1 200 OK\r\nno colon here\r\n\r\n', /malformed response header/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n', /does not decode: gzip/],
    ['HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', /malformed Content-Length/],
    // A coding before chunked would be written as the image; chunked twice leaves chunk lines in it.
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n', /does not decode: gzip, chunked/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n', /does not decode: chunked, chunked/],
    // Two different lengths, and one past 2^53 (it could never count down to 0 exactly).
    ['HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n', /malformed Content-Length: 3, 4/],
    ['HTTP/1.1 200 OK\r\nContent-Length: 9007199254740993\r\n\r\n', /malformed Content-Length/],
    // A name is a token: "Content-Length : 3" is not the Content-Length header.
    ['HTTP/1.1 200 OK\r\nContent-Length : 3\r\n\r\n', /malformed response header/],
    ['HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n', /switched protocols/],
  ] as const) {
    const s = await rawServer([answer]);
    const e = await t.throwsAsync(rawGet(s.url, { headers: {}, timeoutMs: 5000 }));
    t.true(e instanceof ProtocolError, String(e));
    t.regex(e!.message, message);
    s.close();
  }
  for (const size of ['zz', '10000000000000003']) {
    const s = await rawServer([`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${size}\r\n`]);
    t.teardown(s.close);
    const res = await rawGet(s.url, { headers: {}, timeoutMs: 5000 });
    const e = await t.throwsAsync(readAll(res.body));
    t.regex(e!.message, /malformed chunk size/, size);
  }
});

test('interim 1xx answers are skipped; a folded header joins the one before it; the same Content-Length twice is one length; a chunk size may have spaces before its extension', async (t) => {
  const s = await rawServer([
    'HTTP/1.1 100 Continue\r\n\r\n',
    'HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nX-Folded: one\r\n two: not a header\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhel',
    'lo',
  ]);
  t.teardown(s.close);
  const res = await rawGet(s.url, { headers: {}, timeoutMs: 5000 });
  t.is(res.status, 200);
  t.is(res.headers.get('x-folded'), 'one two: not a header');
  t.false(res.headers.has('two'));
  t.false(res.headers.has('link'), 'the interim answer\'s headers are not the response\'s');
  t.is(await readAll(res.body), 'hello');
  const c = await rawServer(['HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n5 ;ext=1\r\nhello\r\n0\r\n\r\n']);
  t.teardown(c.close);
  t.is(await readAll((await rawGet(c.url, { headers: {}, timeoutMs: 5000 })).body), 'hello');
});

test('the idle timeout is the server\'s: a body taken late, or a reader that stops for longer than it, is not cut', async (t) => {
  const s = await rawServer(['HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nabc', 'def']);
  t.teardown(s.close);
  const res = await rawGet(s.url, { headers: {}, timeoutMs: 200 });
  // The head is in; the socket is paused until the body is taken (downloadFile hashes a resumed
  // partial meanwhile, which can take longer than the timeout).
  await sleep(600);
  const chunks: Buffer[] = [];
  await res.receive({
    write: (buf, start, end) => {
      chunks.push(Buffer.from(buf.subarray(start, end)));
      return false;
    },
    // The disk is slow: each write waits longer than the timeout.
    drained: () => sleep(400).then(() => undefined),
  });
  t.is(Buffer.concat(chunks).toString(), 'abcdef');
  // A server that goes quiet is still cut.
  const quiet = await rawServer(['HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nabc'], { hold: true });
  t.teardown(quiet.close);
  const cut = await rawGet(quiet.url, { headers: {}, timeoutMs: 200 });
  const e = await t.throwsAsync(readAll(cut.body));
  t.is((e as NodeJS.ErrnoException).code, 'ETIMEDOUT');
});

test('no answer: the idle timeout fails the request; a refused connection is ECONNREFUSED', async (t) => {
  const s = await rawServer([], { hold: true });
  t.teardown(s.close);
  const e = await t.throwsAsync(rawGet(s.url, { headers: {}, timeoutMs: 200 }));
  t.is((e as NodeJS.ErrnoException).code, 'ETIMEDOUT');
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  const refused = await t.throwsAsync(rawGet(new URL(`http://127.0.0.1:${port}/`), { headers: {}, timeoutMs: 2000 }));
  t.is((refused as NodeJS.ErrnoException).code, 'ECONNREFUSED');
});

test('a header value with a line break is refused before anything is sent', async (t) => {
  await t.throwsAsync(rawGet(new URL('http://127.0.0.1:9/'), { headers: { 'If-Range': 'x\r\nEvil: 1' }, timeoutMs: 1000 }), { message: /line break/ });
});

/** A response with a body of `size` distinct bytes (each 4-byte word its offset), and those bytes. */
async function largeBody(t: ExecutionContext, size: number): Promise<{ big: Buffer; res: RawResponse }> {
  const big = Buffer.alloc(size);
  for (let i = 0; i < big.length; i += 4) big.writeUInt32LE(i, i);
  const s = await rawServer([`HTTP/1.1 200 OK\r\nContent-Length: ${big.length}\r\n\r\n`, big]);
  t.teardown(s.close);
  return { big, res: await rawGet(s.url, { headers: {}, timeoutMs: 5000 }) };
}

test('a large body arrives whole through the back-pressure (the reader slower than the socket)', async (t) => {
  const { big, res } = await largeBody(t, 12 << 20);
  const hash = createHash('sha256');
  let size = 0;
  for await (const c of res.body as AsyncIterable<Buffer>) {
    size += c.length;
    hash.update(c);
    await sleep(1);
  }
  t.is(size, big.length);
  t.is(hash.digest('hex'), createHash('sha256').update(big).digest('hex'));
});

test('receive: the body pushed into a sink that makes it wait, whole and in order', async (t) => {
  const { big, res } = await largeBody(t, 9 << 20);
  const hash = createHash('sha256');
  let size = 0;
  let waits = 0;
  let drain: Promise<void> = Promise.resolve();
  await res.receive({
    write: (buf, start, end) => {
      hash.update(buf.subarray(start, end));
      size += end - start;
      if (size % 3 !== 0) return true;
      waits++;
      drain = sleep(2);
      return false;
    },
    drained: () => drain,
  });
  t.is(size, big.length);
  t.is(hash.digest('hex'), createHash('sha256').update(big).digest('hex'));
  t.log(`${waits} waits`);
});

test('receive after the server has sent everything and closed: the bytes read with the head still count', async (t) => {
  const s = await rawServer(['HTTP/1.0 200 OK\r\n\r\nall of it']);
  t.teardown(s.close);
  const res = await rawGet(s.url, { headers: {}, timeoutMs: 5000 });
  await sleep(100);
  const got: string[] = [];
  await res.receive({ write: (buf, start, end) => (got.push(buf.toString('utf8', start, end)), true), drained: async () => {} });
  t.is(got.join(''), 'all of it');
  await t.throwsAsync(res.receive({ write: () => true, drained: async () => {} }), { message: /already being read/ });
});

test('receive: a body cut short rejects with a connection error', async (t) => {
  const s = await rawServer(['HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort']);
  t.teardown(s.close);
  const res = await rawGet(s.url, { headers: {}, timeoutMs: 5000 });
  const e = await t.throwsAsync(res.receive({ write: () => true, drained: async () => {} }));
  t.is((e as NodeJS.ErrnoException).code, 'ECONNRESET');
});

test('track: the request can be cut while it waits for the head and mid-body, and is untracked once closed', async (t) => {
  const s = await rawServer([], { hold: true });
  t.teardown(s.close);
  let cut: ((err: Error) => void) | null = null;
  let untracked = 0;
  const track = (c: (err: Error) => void) => ((cut = c), () => void untracked++);
  const waiting = rawGet(s.url, { headers: {}, timeoutMs: 10_000, track });
  await sleep(50);
  cut!(Object.assign(new Error('stopped'), { name: 'AbortError' }));
  await t.throwsAsync(waiting, { name: 'AbortError' });
  const body = await rawServer(['HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nsome'], { hold: true });
  t.teardown(body.close);
  const res = await rawGet(body.url, { headers: {}, timeoutMs: 10_000, track });
  const receiving = res.receive({ write: () => true, drained: async () => {} });
  await sleep(50);
  cut!(Object.assign(new Error('stopped'), { name: 'AbortError' }));
  await t.throwsAsync(receiving, { name: 'AbortError' });
  // The sockets' close events follow the cuts; on a busy machine not within any fixed time.
  for (let i = 0; i < 200 && untracked < 2; i++) await sleep(10);
  t.is(untracked, 2);
});

test('downloadFile: a range that stops short of the file is continued, not taken as the file; credentials in a URL and a redirect to no URL are refused', async (t) => {
  // The first answer is bytes 0-2 of 6 (a server that caps its ranges); the next request asks
  // for the rest, and the file is whole.
  let n = 0;
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', (d) => {
      const range = /Range: bytes=(\d+)-/.exec(d.toString())?.[1] ?? '0';
      n++;
      socket.end(range === '0'
        ? 'HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-2/6\r\nContent-Length: 3\r\n\r\nabc'
        : `HTTP/1.1 206 Partial Content\r\nContent-Range: bytes ${range}-5/6\r\nContent-Length: ${6 - Number(range)}\r\n\r\n${'abcdef'.slice(Number(range))}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  const { port } = server.address() as net.AddressInfo;
  const dir = await mkdtemp(join(tmpdir(), 'rjv-http-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const retry = { attempts: 3, baseDelayMs: 10, maxDelayMs: 20 };
  const got = await downloadFile({ url: `http://127.0.0.1:${port}/f`, partial: join(dir, 'f.partial'), algorithm: 'sha256', retry, timeoutMs: 5000 });
  t.is(got.size, 6);
  t.is(got.digest.hex, createHash('sha256').update('abcdef').digest('hex'));
  t.is(n, 2);

  const secret = downloadFile({ url: `http://user:s3cret@127.0.0.1:${port}/f`, partial: join(dir, 'g.partial'), algorithm: 'sha256', retry, timeoutMs: 5000 });
  const e = await t.throwsAsync(secret, { instanceOf: ImageError });
  t.is(e!.message, `http://127.0.0.1:${port}/f: a user name or password in the URL is not supported; use a URL without one`);
  t.is(n, 2, 'nothing was sent');

  const bad = await rawServer(['HTTP/1.1 302 Found\r\nLocation: http://[bad\r\nContent-Length: 0\r\n\r\n']);
  t.teardown(bad.close);
  const r = await t.throwsAsync(downloadFile({ url: bad.url.href, partial: join(dir, 'h.partial'), algorithm: 'sha256', retry, timeoutMs: 5000 }), { instanceOf: ImageError });
  t.is(r!.message, `${bad.url.href} redirects to "http://[bad", which is not a URL`);
});

test('downloadFile from a server that does not speak HTTP: one error naming the URL and what was wrong, no retry, no partial left', async (t) => {
  const s = await rawServer(['SSH-2.0-OpenSSH_9.2\r\n\r\n']);
  t.teardown(s.close);
  const dir = await mkdtemp(join(tmpdir(), 'rjv-http-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const partial = join(dir, 'x.partial');
  const e = await t.throwsAsync(downloadFile({ url: s.url.href, partial, algorithm: 'sha256', retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 20 }, timeoutMs: 5000 }), { instanceOf: ImageError });
  t.is(e!.message, `cannot fetch ${s.url.href}: the server's answer is not valid HTTP/1.1 (not an HTTP/1.x response: "SSH-2.0-OpenSSH_9.2")`);
  t.is(s.requests.length, 1, 'not retried');
  t.deepEqual(await readdir(dir), []);
});
