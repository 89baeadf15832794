// Benchmark of issue 15 (cloud images, docs/images.md): on a 1 GiB qcow2 of random bytes served by
// the test mirror (node's http server in this process, on 127.0.0.1 only):
//  - the library's download (downloadFile: streams to a .partial, hashing) and the whole pull
//    (pullImage with the digest pinned, into an empty cache) against `curl -s -o FILE URL` of the
//    same file; goal: the library's throughput >= 0.9 × curl's;
//  - the cost of hashing while streaming: downloadFile always hashes, so its pipeline is rebuilt in
//    images-fetch.ts with and without the hash update; goal: < 5 % added.
// The test mirror takes more than a core of the two while it serves (docs/benchmarks.md), so the
// same transfers are timed again from BusyBox's httpd (C, sendfile: almost no CPU of its own),
// which leaves the clients what a remote server would.
// Loopback on 2 cores is a link faster than one core can hash (SHA-256 is 0.6 s of CPU per GiB
// here), so the same four transfers are timed once more over a 1 Gbit/s link: BusyBox httpd and
// the clients in a network namespace of their own (only `lo`, nothing routed) whose loopback is
// shaped by the kernel's token bucket filter (tc-tbf), as a real network would pace them.
// On this VM, memory a process frees goes back to the host within seconds (virtio-balloon free page
// reporting), and the next write into the page cache that lands on such pages pays the host's
// faults: the same 1 GiB write took 0.4 to 1.9 s of system time depending on how long before the
// previous transfer had freed its file (perf: the copy into the page cache, 9 % vs 38 % of the
// samples). So each transfer on the unpaced loopback starts after a pause of SETTLE_MS, from the
// same state, that of a machine which was not downloading a moment before; and each figure comes
// with its spread (fastest–slowest of its rounds) beside the median.
// Every client is a process of its own, timed from inside (curl's time_total, the node side's
// performance.now around the transfer) and from outside (wall, process start included). Pairs
// alternate which side goes first. The files live on disk under /var/tmp (not a tmpfs) and go.
import { createRunner, type Runner } from '@rejviz/core';
import { createHash, randomFillSync } from 'node:crypto';
import { mkdir, mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { hashFile } from '@rejviz/images';
import { startImageMirror, type ImageMirror } from '@rejviz/test-support/data';
import type { FetchResult } from './images-fetch.js';
import { median, sec } from './stats.js';

const SIZE = 2 ** 30;
const CHILD = fileURLToPath(new URL('./images-fetch.js', import.meta.url));

/** One transfer: wall and inside times, the client's and the mirror's CPU, in ms. */
interface Run { wall: number; inner: number; cpu: number; mirrorCpu: number }

// CPU of the children this process has waited for (/proc/self/stat cutime + cstime, proc(5)),
// in ms: USER_HZ is 100 on Linux whatever the kernel's HZ.
async function childCpuMs(): Promise<number> {
  const stat = await readFile('/proc/self/stat', 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces or ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

async function timed(fn: () => Promise<{ inner: number; cpu: number | null }>): Promise<Run> {
  const [cpu0, mine0, t0] = [await childCpuMs(), process.cpuUsage(), performance.now()];
  const got = await fn();
  const wall = performance.now() - t0;
  const mine = process.cpuUsage(mine0);
  return { wall, inner: got.inner, cpu: got.cpu ?? (await childCpuMs()) - cpu0, mirrorCpu: (mine.user + mine.system) / 1000 };
}

/** A 1 GiB qcow2 of random bytes (random: nothing compresses or is skipped as zeros). */
async function makeImage(r: Runner, dir: string): Promise<string> {
  const raw = join(dir, 'random.raw');
  const f = await open(raw, 'w');
  const buf = Buffer.alloc(16 * 2 ** 20);
  for (let n = 0; n < SIZE; n += buf.length) await f.write(randomFillSync(buf));
  await f.close();
  const image = join(dir, 'mirror', 'image.qcow2');
  await mkdir(join(dir, 'mirror'));
  await r.run('qemu-img', ['convert', '-q', '-f', 'raw', '-O', 'qcow2', raw, image]);
  await rm(raw);
  return image;
}

async function curl(r: Runner, url: string, out: string, size: number, ns: string | null = null): Promise<Run> {
  const run = await timed(async () => {
    // --noproxy: a proxy variable in the environment must not send this anywhere but 127.0.0.1.
    const res = await r.run(...inNs(ns)('curl', ['-s', '--noproxy', '*', '--proto', '=http', '-w', '%{time_total}', '-o', out, url]));
    return { inner: Number(res.stdout) * 1000, cpu: null };
  });
  if ((await stat(out)).size !== size) throw new Error(`curl wrote ${(await stat(out)).size} bytes, not ${size}`);
  await rm(out);
  return run;
}

async function node(r: Runner, args: [mode: string, url: string, path: string, arg: string], expect: string | null, ns: string | null = null): Promise<Run> {
  const run = await timed(async () => {
    const got = JSON.parse((await r.run(...inNs(ns)(process.execPath, [CHILD, ...args]))).stdout) as FetchResult;
    if (expect !== null && got.digest !== null && got.digest !== expect) throw new Error(`${args[0]}: digest ${got.digest}, expected ${expect}`);
    return { inner: got.ms, cpu: got.cpuMs };
  });
  await rm(args[2], { recursive: true, force: true });
  await rm(`${args[2]}.json`, { force: true });
  return run;
}

// Long enough for the host to take back what the transfer before freed (5 s, measured).
const SETTLE_MS = 5000;

/** `pairs` interleaved rounds of the given transfers, the first going last every other round, each after `settleMs`. */
async function rounds(pairs: number, sides: (() => Promise<Run>)[], settleMs = SETTLE_MS): Promise<Run[][]> {
  const out = sides.map(() => [] as Run[]);
  for (let i = 0; i < pairs; i++) {
    const order = sides.map((_, k) => (k + i) % sides.length);
    for (const k of order) {
      await sleep(settleMs);
      out[k]!.push(await sides[k]!());
    }
  }
  return out;
}

const med = (runs: Run[], key: keyof Run) => median(runs.map((x) => x[key]));
/** Fastest–slowest transfer of the rounds. */
const spread = (runs: Run[]) => `${sec(Math.min(...runs.map((x) => x.inner)))}–${sec(Math.max(...runs.map((x) => x.inner)))}`;
const mibs = (ms: number, size: number) => `${(size / 2 ** 20 / (ms / 1000)).toFixed(0)} MiB/s`;

/** "A vs curl" with both ratios, throughput of A over throughput of curl (= curl's time / A's). */
function versus(label: string, a: Run[], c: Run[], size: number): string {
  const [ai, ci, aw, cw] = [med(a, 'inner'), med(c, 'inner'), med(a, 'wall'), med(c, 'wall')];
  return `  ${label} vs curl -s -o: transfer ${sec(ai)} (${mibs(ai, size)}; rounds ${spread(a)}) vs ${sec(ci)} (${mibs(ci, size)}; rounds ${spread(c)}), throughput ratio ${label.split(' ')[0]}/curl ${(ci / ai).toFixed(2)} (goal >= 0.9); wall with process start ${sec(aw)} vs ${sec(cw)}, ratio ${(cw / aw).toFixed(2)}; client CPU ${sec(med(a, 'cpu'))} vs ${sec(med(c, 'cpu'))}, mirror CPU ${sec(med(a, 'mirrorCpu'))} vs ${sec(med(c, 'mirrorCpu'))}`;
}

/** In-memory hash rate with 1 MiB updates, as the download's hash thread gets its blocks (block-worker.ts). */
function hashRate(algorithm: string): string {
  const chunk = randomFillSync(Buffer.alloc(2 ** 20));
  const h = createHash(algorithm);
  const t0 = performance.now();
  for (let n = 0; n < SIZE; n += chunk.length) h.update(chunk);
  h.digest();
  return `${algorithm} ${mibs(performance.now() - t0, SIZE)}`;
}

/** A port free on 127.0.0.1 just now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The same transfers from BusyBox's httpd serving `root` on 127.0.0.1 (it answers Range and sends with sendfile). */
async function againFromBusybox(r: Runner, root: string, out: (name: string) => string, size: number, sha256: string, pairs: number, ns: string | null = null): Promise<string[]> {
  if ((await r.run('busybox', ['httpd', '--help'], { allowFailure: true }).catch(() => null)) === null) return ['  from BusyBox httpd: busybox is not installed (scripts/host-setup installs busybox-static)'];
  const port = await freePort();
  const listen = `127.0.0.1:${port}`;
  // It puts itself in the background; it is found again by its own command line to be stopped.
  await r.run(...inNs(ns)('busybox', ['httpd', '-p', listen, '-h', root]));
  try {
    const url = `http://${listen}/image.qcow2`;
    // A paced link sets the pace itself: no settling needed.
    const [none, h256, lib, c] = await rounds(pairs, [
      () => node(r, ['stream', url, out('b.none'), 'none'], null, ns),
      () => node(r, ['stream', url, out('b.256'), 'sha256'], sha256, ns),
      () => node(r, ['download', url, out('b.partial'), 'sha256'], sha256, ns),
      () => curl(r, url, out('b.curl'), size, ns),
    ], ns === null ? SETTLE_MS : 0);
    const base = med(none!, 'inner');
    return [
      `  from BusyBox httpd (sendfile) on 127.0.0.1, ${pairs} interleaved rounds:`,
      `    curl -s -o ${sec(med(c!, 'inner'))} (CPU ${sec(med(c!, 'cpu'))}; rounds ${spread(c!)}); the body writer without hash ${sec(base)} (CPU ${sec(med(none!, 'cpu'))}; rounds ${spread(none!)}): throughput ratio ${(med(c!, 'inner') / base).toFixed(2)} of curl's`,
      `    hashing while streaming: with sha256 ${sec(med(h256!, 'inner'))} (${(((med(h256!, 'inner') - base) / base) * 100).toFixed(1)} %, CPU ${sec(med(h256!, 'cpu'))}; rounds ${spread(h256!)}) (goal < 5 %)`,
      versus('downloadFile (sha256, to a .partial)', lib!, c!, size).replace(/^ {2}/, '    '),
    ];
  } finally {
    await r.run('pkill', ['-f', `httpd -p ${listen} -h ${root}`], { allowFailure: true });
  }
}

/** A client's argv run inside network namespace `ns` (ip netns exec). */
const inNs = (ns: string | null) => (file: string, args: string[]): [string, string[]] => (ns === null ? [file, args] : ['ip', ['netns', 'exec', ns, file, ...args]]);

// tc-tbf's burst must hold a whole loopback packet (MTU 65536) and a timer tick's worth of bytes
// at the rate (312 MB/s / HZ 250 = 1.25 MB at 2.5 Gbit/s); 100 ms of queue is what a busy real
// link may hold. 1 Gbit/s is a common LAN or fast home link; 2.5 Gbit/s is where, on these 2
// cores, the hash starts to compete with receiving for CPU.
const LINKS = [
  { rate: '1gbit', label: '1 Gbit/s', burst: '2mb', latency: '100ms' },
  { rate: '2500mbit', label: '2.5 Gbit/s', burst: '2mb', latency: '100ms' },
] as const;
type Link = (typeof LINKS)[number];

/** The four transfers of againFromBusybox in a throwaway namespace whose loopback is paced to the link's rate. */
async function againOverPacedLink(r: Runner, root: string, out: (name: string) => string, size: number, sha256: string, pairs: number, link: Link): Promise<string[]> {
  const ns = `rjvb-link-${process.pid}`;
  await r.run('ip', ['netns', 'add', ns]);
  try {
    await r.run('ip', ['netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up']);
    await r.run('ip', ['netns', 'exec', ns, 'tc', 'qdisc', 'add', 'dev', 'lo', 'root', 'tbf', 'rate', link.rate, 'burst', link.burst, 'latency', link.latency]);
    const lines = await againFromBusybox(r, root, out, size, sha256, pairs, ns);
    return [`  over a ${link.label} link (a network namespace with only lo, paced by tc-tbf rate ${link.rate} burst ${link.burst} latency ${link.latency}):`, ...lines.map((l) => `  ${l}`)];
  } finally {
    await r.run('ip', ['netns', 'del', ns], { allowFailure: true });
  }
}

/**
 * The figures of issue 15: the test mirror, BusyBox httpd on loopback, and BusyBox httpd over a
 * paced 1 Gbit/s link; `linkOnly` times the last alone (`scripts/bench images-link`).
 */
export async function benchImages(pairs = 5, linkOnly = false): Promise<string[]> {
  const r = createRunner();
  const dir = await mkdtemp('/var/tmp/rjvb-images-');
  let mirror: ImageMirror | null = null;
  try {
    const image = await makeImage(r, dir);
    // The 1 GiB just written goes to disk before any transfer, not during the first ones.
    await r.run('sync', []);
    const size = (await stat(image)).size;
    const sha256 = (await hashFile(image, 'sha256')).hex;
    const out = (name: string) => join(dir, name);
    const head = `rejviz images: ${(size / 2 ** 30).toFixed(3)} GiB qcow2 of random bytes on disk; medians of interleaved rounds; transfer = timed inside the client`;
    const paced = async () => {
      const lines: string[] = [];
      for (const link of LINKS) lines.push(...(await againOverPacedLink(r, join(dir, 'mirror'), out, size, sha256, Math.min(pairs, 3), link)));
      return lines;
    };
    if (linkOnly) return [head, ...(await paced())];
    const sha512 = (await hashFile(image, 'sha512')).hex;
    mirror = await startImageMirror({ root: join(dir, 'mirror') });
    const url = mirror.url('image.qcow2');
    const [lib, curlA] = await rounds(pairs, [() => node(r, ['download', url, out('dl.partial'), 'sha256'], sha256), () => curl(r, url, out('curl.out'), size)]);
    const [pull, curlB] = await rounds(pairs, [() => node(r, ['pull', url, out('cache'), `sha256:${sha256}`], sha256), () => curl(r, url, out('curl.out'), size)]);
    const [none, h256, h512, lib512] = await rounds(pairs, [
      () => node(r, ['stream', url, out('s.none'), 'none'], null),
      () => node(r, ['stream', url, out('s.256'), 'sha256'], sha256),
      () => node(r, ['stream', url, out('s.512'), 'sha512'], sha512),
      () => node(r, ['download', url, out('dl512.partial'), 'sha512'], sha512),
    ]);
    const base = med(none!, 'inner');
    const cost = (runs: Run[]) => `${sec(med(runs, 'inner'))} (${(((med(runs, 'inner') - base) / base) * 100).toFixed(1)} %, CPU ${sec(med(runs, 'cpu'))}; rounds ${spread(runs)})`;
    return [
      head,
      `  from the test mirror on 127.0.0.1 (node http in the bench process), ${pairs} rounds:`,
      versus('downloadFile (sha256, to a .partial)', lib!, curlA!, size),
      versus('pullImage (URL, sha256 pinned, empty cache dir)', pull!, curlB!, size),
      `  hashing while streaming (a GET into downloadFile's body writer, 1 MiB blocks one thread writes in 8 KiB pieces while another hashes them, or only written): without hash ${sec(base)} (CPU ${sec(med(none!, 'cpu'))}; rounds ${spread(none!)}); with sha256 ${cost(h256!)}; with sha512 ${cost(h512!)}; downloadFile sha512 ${cost(lib512!)} (goal < 5 %)`,
      `  hash rate alone, in memory, 1 MiB updates: ${hashRate('sha256')}, ${hashRate('sha512')}`,
      ...(await againFromBusybox(r, join(dir, 'mirror'), out, size, sha256, pairs)),
      ...(await paced()),
    ];
  } finally {
    await mirror?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
