// A private world for one image test: a mirror on 127.0.0.1 serving a temp directory, a throw-away
// signing key, and private cache and keyring dirs (XDG_CACHE_HOME, XDG_DATA_HOME), all removed in
// teardown. `publish` lays out an image the way a distribution does (image, checksum file,
// signature) and returns the catalogue entry's spec for it.
import { execFile, execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ExecutionContext } from 'ava';
import { createRunner } from '@rejviz/core';
import { bsdChecksums, createTestSigner, fileDigest, gnuChecksums, startImageMirror, type ImageMirror, type MirrorOptions, type TestSigner } from '@rejviz/test-support';
import { catalogueImageSpec, checkCatalogue, type CatalogueEntry, type ImageServices, type ImageSpec, type PullOptions, type SignatureSpec } from '../../src/index.js';

export const IMAGE_PREREQS = [
  { tool: 'gpg', install: 'apt-get install gpg' },
  { tool: 'gpgv', install: 'apt-get install gpgv' },
  { tool: 'gpgconf', install: 'apt-get install gpgconf' },
  { tool: 'qemu-img', install: 'apt-get install qemu-utils' },
  { tool: 'xz', install: 'apt-get install xz-utils' },
  { tool: 'zstd', install: 'apt-get install zstd' },
];

export interface ImageLab {
  /** The mirror's directory. */
  dir: string;
  mirror: ImageMirror;
  signer: TestSigner;
  env: NodeJS.ProcessEnv;
  cacheDir: string;
  notices: string[];
  services: ImageServices;
  /** Fast retries and a short timeout: every test stays well under 5 s. */
  options: PullOptions;
}

let shared: Promise<TestSigner> | undefined;

/** The signing key of this test file's labs: made once (with its gpg-agent), not per test. */
export function labSigner(): Promise<TestSigner> {
  shared ??= createTestSigner();
  return shared;
}

/** Removes the shared key; each test file registers it: test.after.always(removeLabSigner). */
export async function removeLabSigner(): Promise<void> {
  await (await shared)?.remove();
}

/**
 * What every lab test needs made once per file (test.before): the key, the fixture qcow2, and the
 * runner's first load of execa, so that no test is charged for them.
 */
export async function warmUp(): Promise<void> {
  await Promise.all([labSigner(), qcow2Image(), createRunner().run('qemu-img', ['--version'], { readOnly: true })]);
}

export async function imageLab(t: ExecutionContext, options: { cacheHome?: string; tls?: MirrorOptions['tls'] } = {}): Promise<ImageLab> {
  const dir = await mkdtemp(join(tmpdir(), 'rjv-mirror-'));
  const home = await mkdtemp(join(tmpdir(), 'rjv-images-'));
  const mirror = await startImageMirror({ root: dir, ...(options.tls && { tls: options.tls }) });
  const signer = await labSigner();
  t.teardown(async () => {
    await mirror.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  });
  const cacheHome = options.cacheHome ?? join(home, 'cache');
  const env = { ...process.env, XDG_CACHE_HOME: cacheHome, XDG_DATA_HOME: join(home, 'data') };
  const notices: string[] = [];
  return {
    dir, mirror, signer, env, notices,
    cacheDir: join(cacheHome, 'rejviz', 'images'),
    services: { runner: createRunner({ env }), env, notice: (text) => void notices.push(text) },
    options: { retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 40 }, timeoutMs: 2_000 },
  };
}

let fixture: Buffer | undefined;
/** A small qcow2 holding random data (about 1 MiB: compressing it gains nothing). */
export async function qcow2Image(): Promise<Buffer> {
  if (fixture) return fixture;
  const dir = await mkdtemp(join(tmpdir(), 'rjv-qcow2-'));
  try {
    execFileSync('dd', ['if=/dev/urandom', `of=${join(dir, 'raw')}`, 'bs=64k', 'count=16', 'status=none']);
    execFileSync('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', join(dir, 'raw'), join(dir, 'disk.qcow2')]);
    fixture = await readFile(join(dir, 'disk.qcow2'));
    return fixture;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface Publish {
  /** Directory under the mirror, e.g. "debian/latest". */
  dir: string;
  name: string;
  content: Buffer;
  style?: 'gnu' | 'bsd';
  algorithm?: 'sha256' | 'sha512';
  signature?: 'detached' | 'clearsigned' | 'none';
  /** Sign with this signer instead of the lab's (whose key the entry pins). */
  signedBy?: TestSigner;
  /** The checksum file's lines; default: the image's true digest. */
  lines?: { name: string; hex: string }[];
  format?: 'qcow2' | 'raw';
}

/** Writes image, checksum file and signature under the mirror; returns the entry's spec. */
export async function publish(lab: ImageLab, p: Publish): Promise<{ spec: ImageSpec; entry: CatalogueEntry; hex: string }> {
  const at = (name: string) => join(lab.dir, p.dir, name);
  await mkdir(at(''), { recursive: true });
  await writeFile(at(p.name), p.content);
  const algorithm = p.algorithm ?? 'sha256';
  const hex = await fileDigest(at(p.name), algorithm);
  const lines = p.lines ?? [{ name: 'other.qcow2', hex: 'ab'.repeat(algorithm === 'sha256' ? 32 : 64) }, { name: p.name, hex }];
  const sumsName = p.style === 'bsd' ? 'CHECKSUM' : algorithm === 'sha256' ? 'SHA256SUMS' : 'SHA512SUMS';
  const text = p.style === 'bsd' ? bsdChecksums(lines.map((l) => ({ ...l, size: p.content.length })), algorithm === 'sha256' ? 'SHA256' : 'SHA512') : gnuChecksums(lines, 'binary');
  const kind = p.signature ?? 'detached';
  const signer = p.signedBy ?? lab.signer;
  let signature: SignatureSpec = { kind: 'none', note: 'test: unsigned' };
  if (kind === 'clearsigned') {
    await writeFile(at(`${sumsName}.unsigned`), text);
    signer.clearsign(at(`${sumsName}.unsigned`), at(sumsName));
    signature = { kind: 'clearsigned' };
  } else {
    await writeFile(at(sumsName), text);
    if (kind === 'detached') {
      signer.detachSign(at(sumsName), at(`${sumsName}.gpg`));
      signature = { kind: 'detached', url: lab.mirror.url(`${p.dir}/${sumsName}.gpg`) };
    }
  }
  const entry: CatalogueEntry = {
    description: 'test image',
    osinfo: 'debian12',
    image: lab.mirror.url(`${p.dir}/${p.name}`),
    arches: { x86_64: 'amd64' },
    format: p.format ?? 'qcow2',
    alias: true,
    checksum: { url: lab.mirror.url(`${p.dir}/${sumsName}`), algorithm, perImage: false },
    signature,
    keys: kind === 'none' ? [] : [{ name: 'rejviz test signer', fingerprint: lab.signer.fingerprint, sources: [{ file: lab.signer.armoredPublicKey }] }],
  };
  const catalogue = await checkCatalogue({ version: 1, entries: { [p.dir.replaceAll('/', '-')]: entry } }, 'test catalogue', false);
  return { spec: catalogueImageSpec(catalogue, p.dir.replaceAll('/', '-'), 'x86_64'), entry, hex };
}

/** Every file under `dir` (relative paths), directories left out: what a failure left behind. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => !e.isDirectory()).map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name).slice(dir.length + 1)).sort();
}

/** A pull in a child process (support/pull-child.ts), with extra environment (NODE_EXTRA_CA_CERTS). */
export async function pullInChild(lab: ImageLab, spec: ImageSpec, options: PullOptions, extraEnv: NodeJS.ProcessEnv = {}): Promise<{ path?: string; fromCache?: boolean; level?: string; failure?: string; message?: string }> {
  const child = join(dirname(fileURLToPath(import.meta.url)), 'pull-child.js');
  const { stdout } = await promisify(execFile)(process.execPath, [child, JSON.stringify({ spec, options, env: lab.env })], { encoding: 'utf8', env: { ...process.env, ...extraEnv } });
  return JSON.parse(stdout) as { path?: string };
}

/** Image requests the mirror answered for `path` (not the checksum files'). */
export const imageGets = (lab: ImageLab, path: string) => lab.mirror.requestsFor(path).filter((r) => r.method === 'GET');
