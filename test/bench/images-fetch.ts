// The node side of the images benchmark (images.bench.ts): one transfer from the loopback mirror,
// timed from inside, printed as one JSON line. It runs as a process of its own, as curl does, so
// that it shares neither an event loop nor a core with the mirror in the bench's process.
//   download URL PARTIAL sha256|sha512   @rejviz/images' downloadFile: hashes while it streams
//   stream URL OUT none|sha256|sha512    downloadFile's body writer (writeBody: 1 MiB blocks that
//                                        one thread writes and another hashes) after the library's
//                                        GET, where the hash can be left out (the library always
//                                        hashes): the with/without pair prices the hashing alone
//   pull URL CACHE_DIR sha256:HEX        pullImage of the URL, digest pinned: download, compare,
//                                        store into an empty cache
import { open } from 'node:fs/promises';
import { createServices, type Services } from '@rejviz/core';
import { DEFAULT_RETRY, downloadFile, BlockWorker, openGet, writeBody, parseDigest, pullImage, urlImageSpec, type DigestAlgorithm } from '@rejviz/images';

export interface FetchResult {
  /** Wall time of the transfer alone (no node start, no module loading). */
  ms: number;
  /** CPU (user + system) this process spent on the transfer. */
  cpuMs: number;
  bytes: number;
  digest: string | null;
}

const NO_RETRY = { ...DEFAULT_RETRY, attempts: 1 };

async function stream(url: string, out: string, algorithm: string): Promise<{ bytes: number; digest: string | null }> {
  // The GET downloadFile makes (http-get.ts, its client http-client.ts).
  const res = await openGet({ url, timeoutMs: 30_000 });
  if (res.status !== 200) throw new Error(`${url} answered HTTP ${res.status}`);
  // downloadFile's own body writer (1 MiB blocks, a writer thread), with its hash thread or without any.
  const worker = new BlockWorker(algorithm === 'none' ? null : (algorithm as DigestAlgorithm));
  const file = await open(out, 'w');
  try {
    const bytes = await writeBody({ body: res.receive ? { receive: res.receive } : res.body, file, start: 0, worker });
    return { bytes, digest: worker.algorithm ? await worker.digest() : null };
  } finally {
    await file.close();
    await worker.close();
  }
}

async function transfer(mode: string, url: string, path: string, arg: string, services: Services): Promise<{ bytes: number; digest: string | null }> {
  if (mode === 'stream') return stream(url, path, arg);
  if (mode === 'download') {
    const got = await downloadFile({ url, partial: path, algorithm: arg as DigestAlgorithm, retry: NO_RETRY, timeoutMs: 30_000 });
    return { bytes: got.size, digest: got.digest.hex };
  }
  if (mode === 'pull') {
    const pulled = await pullImage(urlImageSpec(url), { checksum: parseDigest(arg), cacheDir: path, retry: NO_RETRY }, services);
    return { bytes: pulled.entry.record.size, digest: pulled.entry.record.digest.hex };
  }
  throw new Error(`images-fetch: unknown mode '${mode}'; use download, stream or pull`);
}

const [mode = '', url = '', path = '', arg = ''] = process.argv.slice(2);
// What a command sets up once, as node's start and module loading, is not the transfer's: its
// services, and the module that spawns (loaded on the first spawn, which in rejviz-up is a virsh
// long before any pull; here pullImage's qemu-img info would pay it, 0.2 s).
const services = await createServices({ notice: (text) => void process.stderr.write(`${text}\n`) });
if (mode === 'pull') await services.runner.run('true', []);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const got = await transfer(mode, url, path, arg, services);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const result: FetchResult = { ms, cpuMs: (cpu.user + cpu.system) / 1000, ...got };
console.log(JSON.stringify(result));
