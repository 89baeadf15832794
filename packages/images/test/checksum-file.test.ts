// Checksum file formats as distributions publish them (docs/images.md#checksum-files), the entry
// lookup, and digests as --checksum takes them.
import test from 'ava';
import { UsageError } from '@rejviz/core';
import { findChecksumEntry, ImageError, parseChecksumFile, parseDigest } from '../src/index.js';

const H256 = 'a'.repeat(64);
const H512 = 'b'.repeat(128);
const query = (name: string, extra: Partial<Parameters<typeof findChecksumEntry>[1]> = {}) => ({ name, algorithm: null, perImage: false, file: 'https://m/SUMS', ...extra });

test('GNU lines: two spaces, binary marker, one space', (t) => {
  const text = `${H512}  debian-12-genericcloud-amd64.qcow2\n${H256} *ubuntu-24.04-server-cloudimg-amd64.img\n${'C'.repeat(64)} openSUSE-Leap-15.6.qcow2\n`;
  t.deepEqual(parseChecksumFile(text, 'f').map((e) => [e.name, e.algorithm, e.hex.slice(0, 2)]), [
    ['debian-12-genericcloud-amd64.qcow2', 'sha512', 'bb'],
    ['ubuntu-24.04-server-cloudimg-amd64.img', 'sha256', 'aa'],
    ['openSUSE-Leap-15.6.qcow2', 'sha256', 'cc'],
  ]);
});

test('BSD lines with # comments (Fedora, Rocky), other algorithms skipped', (t) => {
  const text = `# Fedora-Cloud-Base-Generic-41-1.4.x86_64.qcow2: 491716608 bytes\nSHA256 (Fedora-Cloud-Base-Generic-41-1.4.x86_64.qcow2) = ${H256.toUpperCase()}\nMD5 (x) = 0123\nSHA512 (y.raw) = ${H512}\n`;
  const entries = parseChecksumFile(text, 'f');
  t.deepEqual(entries.map((e) => [e.name, e.algorithm, e.line]), [['Fedora-Cloud-Base-Generic-41-1.4.x86_64.qcow2', 'sha256', 2], ['y.raw', 'sha512', 4]]);
  t.is(entries[0]!.hex, H256, 'lowercased');
  t.regex(t.throws(() => parseChecksumFile(`SHA256 (x) = ${H512}\n`, 'https://m/CHECKSUM'))!.message, /^checksum file https:\/\/m\/CHECKSUM, line 1: a SHA256 line with 128 hex digits/);
});

test('a bare digest is the image\'s own file', (t) => {
  const entries = parseChecksumFile(`${H512}\n`, 'https://m/x.qcow2.sha512');
  t.deepEqual(entries, [{ name: null, algorithm: 'sha512', hex: H512, line: 1 }]);
  t.deepEqual(findChecksumEntry(entries, query('x.qcow2')), { algorithm: 'sha512', hex: H512 });
});

test('a clearsigned file is never parsed unverified, and a file without digests is refused', (t) => {
  const clear = `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nSHA256 (x) = ${H256}\n-----BEGIN PGP SIGNATURE-----\n`;
  const e = t.throws(() => parseChecksumFile(clear, 'https://m/CHECKSUM'), { instanceOf: ImageError });
  t.is(e!.message, 'checksum file https://m/CHECKSUM is clearsigned; it is read only once its signature is verified');
  t.is(t.throws(() => parseChecksumFile('<html>not found</html>\n', 'https://m/SUMS'))!.message, 'checksum file https://m/SUMS has no SHA-256 or SHA-512 line; is it a checksum file?');
});

test('a missing entry names the file and the entry, and lists what is there', (t) => {
  const entries = parseChecksumFile(`${H256}  a.qcow2\n${H256}  b.qcow2\n`, 'f');
  const e = t.throws(() => findChecksumEntry(entries, query('debian-12-genericcloud-amd64.qcow2')), { instanceOf: ImageError });
  t.is(e!.failure, 'checksum');
  t.is(e!.message, 'checksum file https://m/SUMS has no entry for debian-12-genericcloud-amd64.qcow2 (it lists a.qcow2, b.qcow2); check the image URL or the checksum file');
  t.regex(t.throws(() => findChecksumEntry(entries, query('a.qcow2', { algorithm: 'sha512' })))!.message, /has no sha512 entry for a\.qcow2/);
});

test('an alias\'s own checksum file names the build file: its one entry counts (openSUSE)', (t) => {
  const entries = parseChecksumFile(`${H256}  openSUSE-Leap-15.6-Minimal-VM.x86_64-15.6.0-Cloud-Build13.356.qcow2\n`, 'f');
  t.deepEqual(findChecksumEntry(entries, query('openSUSE-Leap-15.6-Minimal-VM.x86_64-Cloud.qcow2', { perImage: true })), { algorithm: 'sha256', hex: H256 });
  t.throws(() => findChecksumEntry(entries, query('openSUSE-Leap-15.6-Minimal-VM.x86_64-Cloud.qcow2')), { instanceOf: ImageError });
});

test('SHA-512 wins over SHA-256; the same digest twice is fine, two different ones are refused', (t) => {
  const both = parseChecksumFile(`SHA256 (x) = ${H256}\nSHA512 (x) = ${H512}\n`, 'f');
  t.is(findChecksumEntry(both, query('x')).algorithm, 'sha512');
  t.is(findChecksumEntry(both, query('x', { algorithm: 'sha256' })).hex, H256);
  t.notThrows(() => findChecksumEntry(parseChecksumFile(`SHA256 (x) = ${H256}\nSHA256 (x) = ${H256}\n`, 'f'), query('x')));
  const e = t.throws(() => findChecksumEntry(parseChecksumFile(`${H256}  x\n${'d'.repeat(64)}  x\n`, 'f'), query('x')));
  t.regex(e!.message, /gives 2 different digests for x \(lines 1, 2\); refusing to guess/);
});

test('--checksum takes sha256:HEX or sha512:HEX, anything else is one line naming the option', (t) => {
  t.deepEqual(parseDigest(`sha256:${H256.toUpperCase()}`), { algorithm: 'sha256', hex: H256 });
  t.deepEqual(parseDigest(`sha512:${H512}`), { algorithm: 'sha512', hex: H512 });
  for (const bad of ['md5:0123', `sha256:${H512}`, H256, 'sha256:xyz']) {
    const e = t.throws(() => parseDigest(bad), { instanceOf: UsageError });
    t.is(e!.message, `--checksum '${bad}': expected sha256:<64 hex digits> or sha512:<128 hex digits>`);
  }
});
