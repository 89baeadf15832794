// The built-in catalogue: valid against its schema and rules, every entry resolvable for both
// architectures, keys pinned by full fingerprint exactly where something is signed; and the
// one-line errors for a broken catalogue or an unknown source.
import test from 'ava';
import { UsageError } from '@rejviz/core';
import { builtinCatalogue, catalogueImageSpec, checkCatalogue, imageSpec, urlImageSpec, type Catalogue } from '../src/index.js';

const KEYS = ['debian-12', 'debian-13', 'ubuntu-26.04', 'ubuntu-24.04', 'ubuntu-22.04', 'fedora-44', 'fedora-43', 'fedora-42', 'fedora-41', 'centos-stream-9', 'centos-stream-10', 'almalinux-9', 'rocky-9', 'opensuse-leap-15.6'];

test('the built-in catalogue holds the issue\'s distributions, each resolvable on x86_64 and aarch64', async (t) => {
  const catalogue = await builtinCatalogue();
  t.deepEqual(Object.keys(catalogue.entries).sort(), [...KEYS].sort());
  for (const key of KEYS) {
    for (const arch of ['x86_64', 'aarch64']) {
      const spec = catalogueImageSpec(catalogue, key, arch);
      t.true(spec.imageUrl.startsWith('https://'), key);
      t.false(spec.imageUrl.includes('{'), `${key}: placeholder left in ${spec.imageUrl}`);
      t.true(spec.checksum!.url.startsWith('https://'), key);
      t.is(spec.source, key);
    }
  }
});

test('signed entries pin full fingerprints; unsigned ones pin none and say why', async (t) => {
  const { entries } = await builtinCatalogue();
  const signed = Object.entries(entries).filter(([, e]) => e.signature.kind !== 'none').map(([k]) => k).sort();
  t.deepEqual(signed, ['almalinux-9', 'fedora-41', 'fedora-42', 'fedora-43', 'fedora-44', 'opensuse-leap-15.6', 'ubuntu-22.04', 'ubuntu-24.04', 'ubuntu-26.04']);
  for (const key of signed) for (const k of entries[key]!.keys) t.regex(k.fingerprint, /^[0-9A-F]{40}$/, key);
  t.is(entries['fedora-41']!.keys[0]!.fingerprint, '466CF2D8B60BC3057AA9453ED0622462E99D6AD1');
  t.is(entries['ubuntu-24.04']!.keys[0]!.fingerprint, 'D2EB44626FDDC30B513D5BB71A5D6C4C7DB87C81');
  t.is(entries['fedora-42']!.keys[0]!.fingerprint, 'B0F4950458F69E1150C6C5EDC8AC4916105EF944');
  t.is(entries['fedora-43']!.keys[0]!.fingerprint, 'C6E7F081CF80E13146676E88829B606631645531');
  t.is(entries['fedora-44']!.keys[0]!.fingerprint, '36F612DCF27F7D1A48A835E4DBFCF71C6D9F90A6');
  t.is(entries['ubuntu-26.04']!.keys[0]!.fingerprint, 'D2EB44626FDDC30B513D5BB71A5D6C4C7DB87C81');
  for (const key of ['fedora-41', 'fedora-42', 'fedora-43', 'fedora-44']) t.is(entries[key]!.signature.kind, 'clearsigned', key);
  for (const key of ['debian-12', 'debian-13', 'centos-stream-9', 'centos-stream-10', 'rocky-9']) {
    const e = entries[key]!;
    t.is(e.keys.length, 0, key);
    t.true(e.signature.kind === 'none' && e.signature.note.length > 0, key);
  }
});

const base = (): Catalogue => JSON.parse(JSON.stringify({
  version: 1,
  entries: {
    x: {
      description: 'x', osinfo: 'debian12', image: 'https://example.invalid/{arch}/x.qcow2', arches: { x86_64: 'amd64' }, format: 'qcow2', alias: false,
      checksum: { url: 'https://example.invalid/{arch}/SHA256SUMS', algorithm: 'sha256', perImage: false },
      signature: { kind: 'detached', url: 'https://example.invalid/{arch}/SHA256SUMS.gpg' },
      keys: [{ name: 'k', fingerprint: 'D2EB44626FDDC30B513D5BB71A5D6C4C7DB87C81', sources: [{ file: '/usr/share/keyrings/k.gpg' }] }],
    },
  },
})) as Catalogue;

test('a broken catalogue is one line naming the path and the problem', async (t) => {
  const short = base();
  short.entries.x!.keys[0]!.fingerprint = '7DB87C81';
  const e1 = await t.throwsAsync(checkCatalogue(short, 'catalogue c.json', true), { instanceOf: UsageError });
  t.regex(e1!.message, /^catalogue c\.json: \/entries\/x\/keys\/0\/fingerprint: must match pattern/);
  t.false(e1!.message.includes('\n'));

  const http = base();
  http.entries.x!.image = 'http://example.invalid/x.qcow2';
  const e2 = await t.throwsAsync(checkCatalogue(http, 'the built-in image catalogue', true));
  t.is(e2!.message, "the built-in image catalogue: /entries/x/image: 'http://example.invalid/x.qcow2' is not https; distribution URLs must be https; fix the catalogue");
  await t.notThrowsAsync(checkCatalogue(http, 'a mirror catalogue', false));

  const nokeys = base();
  nokeys.entries.x!.keys = [];
  t.regex((await t.throwsAsync(checkCatalogue(nokeys, 'c', true)))!.message, /\/entries\/x\/keys: signature\.kind is detached; pin at least one key/);

  const placeholder = base();
  placeholder.entries.x!.image = 'https://example.invalid/{release}/x.qcow2';
  t.regex((await t.throwsAsync(checkCatalogue(placeholder, 'c', true)))!.message, /unknown placeholder \{release\}/);

  const extra = { ...base(), mirrors: [] };
  t.regex((await t.throwsAsync(checkCatalogue(extra, 'c', true)))!.message, /must NOT have additional properties 'mirrors'/);
});

test("a release's archive: every URL under `from` is moved under `to`; `from` must start the image URL", async (t) => {
  const catalogue = await builtinCatalogue();
  const spec = catalogueImageSpec(catalogue, 'fedora-42', 'x86_64');
  t.is(spec.imageUrl, 'https://download.fedoraproject.org/pub/fedora/linux/releases/42/Cloud/x86_64/images/Fedora-Cloud-Base-Generic-42-1.1.x86_64.qcow2');
  t.is(spec.archived?.imageUrl, 'https://archives.fedoraproject.org/pub/archive/fedora/linux/releases/42/Cloud/x86_64/images/Fedora-Cloud-Base-Generic-42-1.1.x86_64.qcow2');
  t.is(spec.archived?.checksum?.url, 'https://archives.fedoraproject.org/pub/archive/fedora/linux/releases/42/Cloud/x86_64/images/Fedora-Cloud-42-1.1-x86_64-CHECKSUM');
  t.like(spec.archived, { source: 'fedora-42', fileName: spec.fileName, signature: { kind: 'clearsigned' }, keys: spec.keys, archived: undefined });
  t.is(catalogueImageSpec(catalogue, 'debian-12', 'x86_64').archived, undefined, 'no archive: nothing to fall back to');

  const detached = base();
  detached.entries.x!.archive = { from: 'https://example.invalid/', to: 'https://archive.example.invalid/old/' };
  const moved = catalogueImageSpec(await checkCatalogue(detached, 'c', true), 'x', 'x86_64').archived!;
  t.deepEqual([moved.imageUrl, moved.checksum!.url, moved.signature], ['https://archive.example.invalid/old/amd64/x.qcow2', 'https://archive.example.invalid/old/amd64/SHA256SUMS', { kind: 'detached', url: 'https://archive.example.invalid/old/amd64/SHA256SUMS.gpg' }]);
  const elsewhere = base();
  elsewhere.entries.x!.archive = { from: 'https://other.invalid/', to: 'https://archive.example.invalid/' };
  t.regex((await t.throwsAsync(checkCatalogue(elsewhere, 'c', true)))!.message, /\/entries\/x\/archive\/from: 'https:\/\/other\.invalid\/' does not start the image URL/);
  const plain = base();
  plain.entries.x!.archive = { from: 'https://example.invalid/', to: 'http://archive.example.invalid/' };
  t.regex((await t.throwsAsync(checkCatalogue(plain, 'c', true)))!.message, /\/entries\/x\/archive\/to: 'http:\/\/archive\.example\.invalid\/' is not https/);
});

test('an unknown source, a missing architecture and a bad URL are input errors naming the value', async (t) => {
  const catalogue = await builtinCatalogue();
  const unknown = t.throws(() => imageSpec('debain-12', catalogue), { instanceOf: UsageError });
  t.regex(unknown!.message, /^image source 'debain-12': not a catalogue key or an https:\/\/, http:\/\/ or file:\/\/ URL; known keys: debian-12, /);
  t.is(t.throws(() => catalogueImageSpec(catalogue, 'debian-12', 's390x'))!.message, "image source 'debian-12': no image for architecture s390x (the catalogue has x86_64, aarch64)");
  t.regex(t.throws(() => urlImageSpec('ftp://example.invalid/x.img'))!.message, /^image URL 'ftp:\/\/example\.invalid\/x\.img': unsupported scheme ftp:/);
  t.regex(t.throws(() => urlImageSpec('file://host/x.img'))!.message, /write file:\/\/\/ABSOLUTE\/PATH/);
  t.regex(t.throws(() => urlImageSpec('https://example.invalid/images/'))!.message, /names a directory/);
  const secret = t.throws(() => urlImageSpec('https://user:s3cret@example.invalid/x.img'), { instanceOf: UsageError });
  t.is(secret!.message, 'image URL https://example.invalid/x.img: credentials in a URL would be shown and recorded; use a URL without user:password@');
  t.regex(t.throws(() => urlImageSpec('https://example.invalid/x.img', { signature: { kind: 'clearsigned' } }))!.message, /needs the signing key's fingerprint/);
});

test('a URL source takes its file name from the URL and looks for its checksum file beside it', (t) => {
  const spec = urlImageSpec('https://example.invalid/img/disk%20one.qcow2');
  t.is(spec.fileName, 'disk one.qcow2');
  t.is(spec.checksum, null);
  t.is(spec.signature.kind, 'none');
  const own = urlImageSpec('https://example.invalid/x.qcow2', { checksumUrl: 'https://example.invalid/x.qcow2.sha256' });
  t.deepEqual(own.checksum, { url: 'https://example.invalid/x.qcow2.sha256', algorithm: null, perImage: true });
});
