// What is downloaded becomes a self-contained qcow2: .xz, .gz and .zst decompressed (the digest
// checked is the compressed file's, as the checksum file names it), raw converted, images that
// name a backing or external data file, or other formats, refused.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRunner } from '@rejviz/core';
import { testNeeding } from '@rejviz/test-support';
import { hashFile, ImageError, imageInfo, pullImage } from '../src/index.js';
import { filesUnder, IMAGE_PREREQS, imageLab, publish, qcow2Image, removeLabSigner, warmUp } from './support/image-lab.js';

// One at a time: each runs gpg, gpgv and qemu-img, and its time is then its own.
const test = testNeeding(IMAGE_PREREQS).serial;
test.before(warmUp);
test.after.always(removeLabSigner);
const runner = createRunner();

const compressors = {
  xz: (b: Buffer) => execFileSync('xz', ['-1', '-c'], { input: b, maxBuffer: 1 << 26 }),
  gz: (b: Buffer) => execFileSync('gzip', ['-1', '-c'], { input: b, maxBuffer: 1 << 26 }),
  zst: (b: Buffer) => execFileSync('zstd', ['-1', '-q', '-c'], { input: b, maxBuffer: 1 << 26 }),
};

for (const [suffix, compress] of Object.entries(compressors)) {
  test(`a .${suffix} image is decompressed; its entry is keyed by the compressed file's digest`, async (t) => {
    const lab = await imageLab(t);
    const qcow2 = await qcow2Image();
    const { spec, hex } = await publish(lab, { dir: suffix, name: `disk.qcow2.${suffix}`, content: compress(qcow2), algorithm: 'sha512' });
    const got = await pullImage(spec, lab.options, lab.services);
    t.is(got.entry.key, `sha512-${hex}`);
    t.is(got.entry.record.compression, suffix);
    t.true((await readFile(got.path)).equals(qcow2), 'the qcow2 as it was before compression');
    t.deepEqual(got.entry.record.imageDigest, await hashFile(got.path, 'sha256'));
    t.deepEqual(await filesUnder(lab.cacheDir), [`sha512-${hex}/entry.json`, `sha512-${hex}/image.qcow2`]);
  });
}

test('a raw image is converted to qcow2', async (t) => {
  const lab = await imageLab(t);
  const raw = Buffer.alloc(2 * 1024 * 1024, 0x42);
  const { spec } = await publish(lab, { dir: 'raw', name: 'disk.raw.xz', content: compressors.xz(raw), format: 'raw' });
  const got = await pullImage(spec, lab.options, lab.services);
  const info = await imageInfo(runner, got.path);
  t.is(info.format, 'qcow2');
  t.is(info.virtualSize, raw.length);
  t.is(got.entry.record.sourceFormat, 'raw');
  const back = join(await mkdtemp(join(tmpdir(), 'rjv-raw-')), 'back.raw');
  t.teardown(() => rm(join(back, '..'), { recursive: true, force: true }));
  execFileSync('qemu-img', ['convert', '-f', 'qcow2', '-O', 'raw', got.path, back]);
  t.true((await readFile(back)).equals(raw), 'the same disk content');
});

async function madeQcow2(args: string[]): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'rjv-img-fmt-'));
  try {
    execFileSync('qemu-img', ['create', '-q', ...args.map((a) => a.replace('DIR', dir))]);
    return await readFile(join(dir, 'disk'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('a qcow2 naming a backing file or an external data file is refused, nothing cached', async (t) => {
  const lab = await imageLab(t);
  const backed = await madeQcow2(['-f', 'qcow2', '-u', '-b', '/etc/shadow', '-F', 'raw', 'DIR/disk', '1M']);
  const { spec } = await publish(lab, { dir: 'backed', name: 'disk.qcow2', content: backed });
  const e = await t.throwsAsync(pullImage(spec, lab.options, lab.services), { instanceOf: ImageError });
  t.is(e!.failure, 'image');
  t.is(e!.message, 'backed names a backing file (/etc/shadow); a downloaded image must stand alone, refusing it');
  const datafile = await madeQcow2(['-f', 'qcow2', '-o', 'data_file=DIR/data,data_file_raw=on', 'DIR/disk', '1M']);
  const { spec: spec2 } = await publish(lab, { dir: 'datafile', name: 'disk.qcow2', content: datafile });
  await t.throwsAsync(pullImage(spec2, lab.options, lab.services), { message: /^datafile names an external data file \(.*\/data\); refusing it$/ });
  t.deepEqual(await filesUnder(lab.cacheDir), []);
});

test('another format (vmdk) is refused', async (t) => {
  const lab = await imageLab(t);
  const vmdk = await madeQcow2(['-f', 'vmdk', 'DIR/disk', '1M']);
  const { spec } = await publish(lab, { dir: 'vmdk', name: 'disk.vmdk', content: vmdk });
  await t.throwsAsync(pullImage(spec, lab.options, lab.services), { message: 'vmdk is a vmdk image; rejviz takes qcow2 or raw images' });
  t.deepEqual(await filesUnder(lab.cacheDir), []);
});
