// pullImage's verification, end to end against the mirror with a throw-away signing key: what is
// accepted (signed detached and clearsigned, pinned, unverified with the flag) and what is
// refused, each with one line and nothing left in the cache.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTestSigner, testNeeding } from '@rejviz/test-support';
import { ImageError, listEntries, pullImage, urlImageSpec } from '../src/index.js';
import { filesUnder, IMAGE_PREREQS, imageGets, imageLab, publish, qcow2Image, removeLabSigner, warmUp } from './support/image-lab.js';

// One at a time: each runs gpg, gpgv and qemu-img, and its time is then its own.
const test = testNeeding(IMAGE_PREREQS).serial;
test.before(warmUp);
test.after.always(removeLabSigner);

test('a detached-signed GNU SHA256SUMS: verified, stored by digest, recorded as signed', async (t) => {
  const lab = await imageLab(t);
  const content = await qcow2Image();
  const { spec, hex } = await publish(lab, { dir: 'ubuntu', name: 'ubuntu-cloudimg-amd64.img', content });
  const got = await pullImage(spec, lab.options, lab.services);
  t.false(got.fromCache);
  t.is(got.path, join(lab.cacheDir, `sha256-${hex}`, 'image.qcow2'));
  t.is(got.entry.record.verification.level, 'signed');
  t.is(got.entry.record.verification.signer, lab.signer.fingerprint);
  t.is(got.entry.record.verification.checksumUrl, lab.mirror.url('ubuntu/SHA256SUMS'));
  t.deepEqual(got.entry.record.digest, { algorithm: 'sha256', hex });
  t.deepEqual(got.entry.record.imageDigest, got.entry.record.digest, 'stored unchanged: the same digest');
  t.is(got.entry.record.source, 'ubuntu');
  t.is(got.entry.record.size, content.length);
  t.deepEqual(await filesUnder(lab.cacheDir), [`sha256-${hex}/entry.json`, `sha256-${hex}/image.qcow2`]);
  // The keyring is rejviz's own, holding the pinned key alone.
  t.deepEqual(await filesUnder(join(lab.env.XDG_DATA_HOME!, 'rejviz', 'keyring')), [`${lab.signer.fingerprint}.gpg`]);
});

test('a clearsigned BSD CHECKSUM with SHA-512 (as Fedora\'s, with # comments)', async (t) => {
  const lab = await imageLab(t);
  const { spec, hex } = await publish(lab, { dir: 'fedora', name: 'Fedora-Cloud-Base-Generic.qcow2', content: await qcow2Image(), style: 'bsd', signature: 'clearsigned', algorithm: 'sha512' });
  const got = await pullImage(spec, lab.options, lab.services);
  t.is(got.entry.key, `sha512-${hex}`);
  t.is(got.entry.record.verification.level, 'signed');
});

test('wrong digest: refused after the download, nothing left in the cache', async (t) => {
  const lab = await imageLab(t);
  const { spec } = await publish(lab, { dir: 'debian', name: 'debian-12.qcow2', content: await qcow2Image(), lines: [{ name: 'debian-12.qcow2', hex: 'f'.repeat(64) }] });
  const e = await t.throwsAsync(pullImage(spec, lab.options, lab.services), { instanceOf: ImageError });
  t.is(e!.failure, 'digest');
  t.regex(e!.message, new RegExp(`^debian: ${spec.imageUrl} has sha256:[0-9a-f]{64}, but sha256:f{64} was expected; discarded the download`));
  t.false(e!.message.includes('\n'));
  t.deepEqual(await filesUnder(lab.cacheDir), []);
});

test('bad signature: refused before any image byte, nothing in the cache', async (t) => {
  const lab = await imageLab(t);
  const { spec } = await publish(lab, { dir: 'ubuntu', name: 'u.img', content: await qcow2Image() });
  // The checksum file changed after it was signed.
  const sums = join(lab.dir, 'ubuntu', 'SHA256SUMS');
  await writeFile(sums, `${await readFile(sums, 'utf8')}${'0'.repeat(64)} *evil.img\n`);
  const e = await t.throwsAsync(pullImage(spec, lab.options, lab.services), { instanceOf: ImageError });
  t.is(e!.failure, 'signature');
  t.regex(e!.message, new RegExp(`^BAD signature on ${lab.mirror.url('ubuntu/SHA256SUMS')} \\(key [0-9A-F]{16}\\)`));
  t.is(imageGets(lab, 'ubuntu/u.img').length, 0);
  t.deepEqual(await filesUnder(lab.cacheDir), []);
});

test('signature by an unpinned key: refused, nothing in the cache', async (t) => {
  const lab = await imageLab(t);
  const other = await createTestSigner('not pinned <other@rejviz.invalid>');
  t.teardown(() => other.remove());
  const { spec } = await publish(lab, { dir: 'alma', name: 'alma.qcow2', content: await qcow2Image(), signedBy: other });
  const e = await t.throwsAsync(pullImage(spec, lab.options, lab.services), { instanceOf: ImageError });
  t.is(e!.message, `${lab.mirror.url('alma/SHA256SUMS')} is signed by key ${other.fingerprint.slice(-16)}, which is not a pinned key (pinned: ${lab.signer.fingerprint.slice(0, 4)}…${lab.signer.fingerprint.slice(-16)}); refusing it`);
  t.is(imageGets(lab, 'alma/alma.qcow2').length, 0);
  t.deepEqual(await filesUnder(lab.cacheDir), []);
});

test('a checksum file without the image\'s entry: the file and the entry named', async (t) => {
  const lab = await imageLab(t);
  const { spec } = await publish(lab, { dir: 'rocky', name: 'Rocky-9.qcow2', content: await qcow2Image(), style: 'bsd', lines: [{ name: 'Rocky-9-LVM.qcow2', hex: 'a'.repeat(64) }] });
  const e = await t.throwsAsync(pullImage(spec, lab.options, lab.services), { instanceOf: ImageError });
  t.is(e!.message, `checksum file ${lab.mirror.url('rocky/CHECKSUM')} has no sha256 entry for Rocky-9.qcow2 (it lists Rocky-9-LVM.qcow2); check the image URL or the checksum file`);
  t.deepEqual(await filesUnder(lab.cacheDir), []);
});

test('the key material missing: refused, or taken unverified-by-signature with --insecure-unverified', async (t) => {
  const lab = await imageLab(t);
  const { spec } = await publish(lab, { dir: 'suse', name: 'leap.qcow2', content: await qcow2Image() });
  const nokey = { ...spec, keys: [{ ...spec.keys[0]!, sources: [{ file: '/nonexistent/key.asc', package: 'distribution-gpg-keys' }] }] };
  const e = await t.throwsAsync(pullImage(nokey, lab.options, lab.services), { instanceOf: ImageError });
  t.is(e!.message, `suse: no material for the signing key rejviz test signer (${lab.signer.fingerprint}) in /nonexistent/key.asc (distribution-gpg-keys); install it, or pass --insecure-unverified`);
  const got = await pullImage(nokey, { ...lab.options, insecureUnverified: true }, lab.services);
  t.is(got.entry.record.verification.level, 'unverified', 'an unsigned checksum over http');
  t.true(lab.notices.some((n) => n.includes('is not available; the checksum file\'s signature is not checked')));
});

test('a key no file holds is fetched from its URL once, and kept in rejviz\'s keyring', async (t) => {
  const lab = await imageLab(t);
  const { spec } = await publish(lab, { dir: 'suse', name: 'leap.qcow2', content: await qcow2Image() });
  await writeFile(join(lab.dir, 'suse', 'key.asc'), await readFile(lab.signer.armoredPublicKey));
  const fromUrl = { ...spec, keys: [{ ...spec.keys[0]!, sources: [{ file: '/nonexistent/key.asc' }, { url: lab.mirror.url('suse/key.asc') }] }] };
  t.is((await pullImage(fromUrl, lab.options, lab.services)).entry.record.verification.level, 'signed');
  t.is((await pullImage(fromUrl, lab.options, lab.services)).entry.record.verification.level, 'signed');
  t.is(lab.mirror.requestsFor('suse/key.asc').length, 1);
});

test('an unsigned source over http is refused before anything is fetched; --insecure-unverified takes it', async (t) => {
  const lab = await imageLab(t);
  const { spec } = await publish(lab, { dir: 'centos', name: 'centos.qcow2', content: await qcow2Image(), signature: 'none' });
  const e = await t.throwsAsync(pullImage(spec, lab.options, lab.services), { instanceOf: ImageError });
  t.is(e!.failure, 'unverified');
  t.is(e!.message, `centos: nothing verifies ${spec.imageUrl} (it has no signature and its checksum file is not fetched over https); pin its digest with --checksum sha256:HEX, or pass --insecure-unverified to take it unverified`);
  t.is(lab.mirror.requests.length, 0);
  const got = await pullImage(spec, { ...lab.options, insecureUnverified: true }, lab.services);
  t.is(got.entry.record.verification.level, 'unverified');
  t.is(got.entry.record.verification.checksumUrl, lab.mirror.url('centos/SHA256SUMS'), 'the digest was still checked');
});

test('--checksum pins the digest: no checksum file fetched, a wrong pin refused', async (t) => {
  const lab = await imageLab(t);
  const content = await qcow2Image();
  const hex = createHash('sha256').update(content).digest('hex');
  const { spec } = await publish(lab, { dir: 'plain', name: 'disk.qcow2', content, signature: 'none' });
  const url = urlImageSpec(spec.imageUrl);
  const got = await pullImage(url, { ...lab.options, checksum: { algorithm: 'sha256', hex } }, lab.services);
  t.is(got.entry.record.verification.level, 'pinned');
  t.deepEqual(lab.mirror.requests.map((r) => r.path), ['plain/disk.qcow2']);
  await t.throwsAsync(pullImage(url, { ...lab.options, checksum: { algorithm: 'sha256', hex: '0'.repeat(64) } }, lab.services), { message: /has sha256:[0-9a-f]+, but sha256:0{64} was expected/ });
  t.is((await listEntries(lab.cacheDir)).length, 1);
});

test('a URL source finds its checksum file beside the image (with --insecure-unverified over http)', async (t) => {
  const lab = await imageLab(t);
  const { spec, hex } = await publish(lab, { dir: 'found', name: 'disk.qcow2', content: await qcow2Image(), signature: 'none' });
  const got = await pullImage(urlImageSpec(spec.imageUrl), { ...lab.options, insecureUnverified: true }, lab.services);
  t.is(got.entry.key, `sha256-${hex}`);
  t.is(got.entry.record.verification.checksumUrl, lab.mirror.url('found/SHA256SUMS'));
  t.deepEqual(lab.mirror.requests.filter((r) => r.status === 404).map((r) => r.path), ['found/disk.qcow2.sha256', 'found/disk.qcow2.sha512', 'found/disk.qcow2.SHA256SUM', 'found/disk.qcow2.CHECKSUM']);
});
