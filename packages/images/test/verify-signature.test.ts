// Signatures checked by the real gpgv against rejviz's own keyring, with throw-away keys: the
// keyring holds only the pinned key (imported from a file that may hold others), lives under
// XDG_DATA_HOME, and gpg/gpgv never touch ~/.gnupg.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { createRunner } from '@rejviz/core';
import { createTestSigner, testNeeding, type TestSigner } from '@rejviz/test-support';
import { ensureKey, ImageError, keyFingerprints, keyringDir, openKeyring, verifyClearsigned, verifyDetached, type Keyring } from '../src/index.js';
import { IMAGE_PREREQS } from './support/image-lab.js';

// One at a time: each runs gpg, gpgv and qemu-img, and its time is then its own.
const test = testNeeding(IMAGE_PREREQS).serial;
const runner = createRunner();
const SUMS = `${'a'.repeat(64)} *image.img\n`;

async function setup(t: ExecutionContext): Promise<{ dir: string; env: NodeJS.ProcessEnv; keyring: Keyring; signer: TestSigner; other: TestSigner }> {
  const dir = await mkdtemp(join(tmpdir(), 'rjv-verify-'));
  const [signer, other] = await Promise.all([createTestSigner(), createTestSigner('someone else <else@rejviz.invalid>')]);
  t.teardown(async () => {
    await signer.remove();
    await other.remove();
    await rm(dir, { recursive: true, force: true });
  });
  const env = { XDG_DATA_HOME: join(dir, 'data'), HOME: join(dir, 'home') };
  return { dir, env, keyring: await openKeyring(env), signer, other };
}

const fetch = { runner, offline: true, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, timeoutMs: 1000 };
const key = (s: TestSigner, file = s.armoredPublicKey) => ({ name: 'test', fingerprint: s.fingerprint, sources: [{ file: '/nonexistent/key.gpg' }, { file }] });

test('the keyring is rejviz\'s own: a file per pinned key under XDG_DATA_HOME, only that key in it', async (t) => {
  const { dir, env, keyring, signer, other } = await setup(t);
  t.is(keyring.dir, join(dir, 'data', 'rejviz', 'keyring'));
  t.is(keyringDir(env), keyring.dir);
  // A bundle holding two keys (as fedora.gpg holds every release's): only the pinned one is kept.
  const bundle = join(dir, 'bundle.asc');
  await writeFile(bundle, `${await readFile(other.armoredPublicKey, 'utf8')}${await readFile(signer.armoredPublicKey, 'utf8')}`);
  const file = await ensureKey(key(signer, bundle), keyring, fetch);
  t.is(file, join(keyring.dir, `${signer.fingerprint}.gpg`));
  t.deepEqual((await readdir(keyring.dir)).sort(), [`${signer.fingerprint}.gpg`, 'gnupg-home']);
  t.deepEqual(await readdir(keyring.home), [], 'gpgv\'s home stays empty');
  const scratch = join(dir, 'scratch');
  await mkdir(scratch, { mode: 0o700 });
  t.deepEqual(await keyFingerprints(runner, scratch, file!), [signer.fingerprint]);
  t.is(await ensureKey({ ...key(signer), sources: [{ file: other.publicKey }] }, await openKeyring(env, join(dir, 'k2')), fetch), null, 'a file without the pinned key adds nothing');
  await t.throwsAsync(readFile(join(dir, 'home', '.gnupg', 'pubring.kbx')), { code: 'ENOENT' });
});

test('a detached signature by the pinned key passes and names the signer', async (t) => {
  const { dir, keyring, signer } = await setup(t);
  await writeFile(join(dir, 'SUMS'), SUMS);
  signer.detachSign(join(dir, 'SUMS'), join(dir, 'SUMS.gpg'));
  signer.detachSign(join(dir, 'SUMS'), join(dir, 'SUMS.asc'), { armor: true });
  const check = { runner, keyring, keyFiles: [(await ensureKey(key(signer), keyring, fetch))!], pins: [signer.fingerprint], what: 'http://m/SUMS' };
  t.is(await verifyDetached(check, Buffer.from(SUMS), await readFile(join(dir, 'SUMS.gpg'))), signer.fingerprint);
  t.is(await verifyDetached(check, Buffer.from(SUMS), await readFile(join(dir, 'SUMS.asc'))), signer.fingerprint);
});

test('an altered file is a BAD signature', async (t) => {
  const { dir, keyring, signer } = await setup(t);
  await writeFile(join(dir, 'SUMS'), SUMS);
  signer.detachSign(join(dir, 'SUMS'), join(dir, 'SUMS.gpg'));
  const check = { runner, keyring, keyFiles: [(await ensureKey(key(signer), keyring, fetch))!], pins: [signer.fingerprint], what: 'http://m/SUMS' };
  const e = await t.throwsAsync(verifyDetached(check, Buffer.from(SUMS.replace('aaaa', 'aaab')), await readFile(join(dir, 'SUMS.gpg'))), { instanceOf: ImageError });
  t.is(e!.failure, 'signature');
  t.regex(e!.message, /^BAD signature on http:\/\/m\/SUMS \(key [0-9A-F]{16}\): the file was altered/);
});

test('a signature by an unpinned key is refused, in the keyring or not', async (t) => {
  const { dir, keyring, signer, other } = await setup(t);
  await writeFile(join(dir, 'SUMS'), SUMS);
  other.detachSign(join(dir, 'SUMS'), join(dir, 'SUMS.gpg'));
  const sig = await readFile(join(dir, 'SUMS.gpg'));
  const pinned = (await ensureKey(key(signer), keyring, fetch))!;
  const check = { runner, keyring, keyFiles: [pinned], pins: [signer.fingerprint], what: 'http://m/SUMS' };
  const notInKeyring = await t.throwsAsync(verifyDetached(check, Buffer.from(SUMS), sig), { instanceOf: ImageError });
  t.regex(notInKeyring!.message, new RegExp(`^http://m/SUMS is signed by key ${other.fingerprint.slice(-16)}, which is not a pinned key`));
  // Even when the other key is in the keyring (gpgv exits 0), its fingerprint is not a pin.
  const both = { ...check, keyFiles: [pinned, other.publicKey] };
  const unpinned = await t.throwsAsync(verifyDetached(both, Buffer.from(SUMS), sig), { instanceOf: ImageError });
  t.is(unpinned!.message, `http://m/SUMS is signed by ${other.fingerprint}, which is not a pinned key (pinned: ${signer.fingerprint.slice(0, 4)}…${signer.fingerprint.slice(-16)}); refusing it`);
});

test('a clearsigned file yields the signed text only, never lines outside the block', async (t) => {
  const { dir, keyring, signer } = await setup(t);
  const body = `# Fedora-Cloud-Base.qcow2: 10 bytes\nSHA256 (Fedora-Cloud-Base.qcow2) = ${'c'.repeat(64)}\n`;
  await writeFile(join(dir, 'body'), body);
  signer.clearsign(join(dir, 'body'), join(dir, 'CHECKSUM'));
  const injected = `SHA256 (evil.qcow2) = ${'e'.repeat(64)}\n${await readFile(join(dir, 'CHECKSUM'), 'utf8')}SHA256 (evil2.qcow2) = ${'e'.repeat(64)}\n`;
  const check = { runner, keyring, keyFiles: [(await ensureKey(key(signer), keyring, fetch))!], pins: [signer.fingerprint], what: 'http://m/CHECKSUM' };
  const { signer: fpr, text } = await verifyClearsigned(check, Buffer.from(injected));
  t.is(fpr, signer.fingerprint);
  t.is(text, body);
  const tampered = injected.replace('c'.repeat(64), 'd'.repeat(64));
  await t.throwsAsync(verifyClearsigned(check, Buffer.from(tampered)), { message: /^BAD signature on http:\/\/m\/CHECKSUM/ });
  await t.throwsAsync(verifyClearsigned(check, Buffer.from(body)), { message: 'http://m/CHECKSUM is not clearsigned (no BEGIN PGP SIGNED MESSAGE block); refusing it' });
});
