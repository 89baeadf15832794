// Tier 1 (driver): cloud image templates through the rejviz-up bin on libvirt's test driver, with
// images from a mirror on 127.0.0.1 (this process's; nothing else is ever reached): images
// catalogue, --offline without and with a cache entry (the mirror sees no request), a signed
// image pulled by `up` and listed by `images --cloud --json`, an unverifiable one refused and
// then taken with --insecure-unverified and shown as unverified, status naming each template's
// image, and images prune (--dry-run, --older-than, leftovers of interrupted pulls). The template
// volumes are put in the pool beforehand (the guestfs tier builds one for real), so `up` pulls,
// plans "keep" and defines the machine (seed: false: the test driver cannot upload a seed).
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRunner } from '@rejviz/core';
import { createTestSigner, fileDigest, gnuChecksums, startImageMirror, testNeeding, type ImageMirror, type TestSigner } from '@rejviz/test-support';
import { LAB_XMLNS, LAB_XMLNS_KEY, machineMetadataXml, readMachineRecord, writeTemplateRecord, type MachineConfig } from '@rejviz/up';
import { uniqueName } from '../support/domain.js';
import { rejviz, rejvizHostNet } from '../support/rejviz.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';

const test = testNeeding([
  { tool: 'virsh' }, { tool: 'virt-install' }, { tool: 'qemu-img' }, { tool: 'gpg' }, { tool: 'gpgv' }, { tool: 'unshare' },
  { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' },
]);

const ID = uniqueName('rjvt-cloud');
const POOL = `${ID}-pool`;
const SIGNED = `${ID}-a`;
const LOOSE = `${ID}-b`;
const GEN = `${ID}-g`;
const REPUB = `${ID}-r`;
const runner = createRunner();
const virsh = (...args: string[]) => runner.run('virsh', ['-c', TEST_URI, ...args]);
let dir = '';
let mirror: ImageMirror;
let signer: TestSigner;
let signedHex = '';
let looseHex = '';

const labFile = (name: string, image: string) => `name: ${name}
templates: { os: { image: "${image}", sysprep: false } }
networks: { n: { existing: default } }
defaults: { template: os, memory: 128M, seed: false }
machines: [{ name: m, nics: [{ network: n, address: dhcp }] }]
`;
const env = () => ({ XDG_STATE_HOME: join(dir, 'state'), XDG_CACHE_HOME: join(dir, 'cache'), XDG_DATA_HOME: join(dir, 'data'), REJVIZ_IMAGE_CATALOGUE: join(dir, 'catalogue.json') });
/** rejviz-up in this host's network namespace: the mirror listens on 127.0.0.1 here. */
const up = (args: string[]) => rejvizHostNet('rejviz-up', [...args, '-c', TEST_URI], { cwd: dir, env: env() });
const imageGets = (path: string) => mirror.requestsFor(path).filter((r) => r.method === 'GET').length;

/** Puts the template volume the plan names in the pool, and a disk file where the machine's overlay goes. */
async function prepareLab(name: string, checksum: string): Promise<string> {
  const plan = await up(['plan', '-f', `${name}.yaml`, '--checksum', checksum, '--json']);
  if (plan.exitCode !== 0) throw new Error(plan.stderr);
  const volume = `rejviz-template_os_${(JSON.parse(plan.stdout) as { templates: { digest: string }[] }).templates[0]!.digest.slice(0, 12)}.qcow2`;
  await virsh('vol-create-as', POOL, volume, '64M', '--format', 'qcow2');
  await runner.run('qemu-img', ['create', '-q', '-f', 'qcow2', join(dir, 'pool', `${name}_m.qcow2`), '64M']);
  return volume;
}

test.before(async () => {
  await holdTestDriver();
  dir = await mkdtemp(join(tmpdir(), 'rjv-up-cloud-'));
  await mkdir(join(dir, 'pool'));
  await virsh('pool-create-as', POOL, 'dir', '--target', join(dir, 'pool'));
  signer = await createTestSigner();
  // The mirror: a signed image (SHA256SUMS with a detached signature by the test key) and one
  // with no checksum file at all.
  const www = join(dir, 'www');
  await mkdir(join(www, 'signed'), { recursive: true });
  await mkdir(join(www, 'loose'), { recursive: true });
  await mkdir(join(www, 'republish'), { recursive: true });
  await runner.run('qemu-img', ['create', '-q', '-f', 'qcow2', join(www, 'signed', 'disk-amd64.qcow2'), '16M']);
  await runner.run('qemu-img', ['create', '-q', '-f', 'qcow2', join(www, 'loose', 'other.qcow2'), '24M']);
  signedHex = await fileDigest(join(www, 'signed', 'disk-amd64.qcow2'));
  looseHex = await fileDigest(join(www, 'loose', 'other.qcow2'));
  await writeFile(join(www, 'signed', 'SHA256SUMS'), gnuChecksums([{ name: 'disk-amd64.qcow2', hex: signedHex }], 'binary'));
  signer.detachSign(join(www, 'signed', 'SHA256SUMS'), join(www, 'signed', 'SHA256SUMS.gpg'));
  await publish(www, 17);
  mirror = await startImageMirror({ root: www });
  await writeFile(join(dir, 'catalogue.json'), JSON.stringify({
    version: 1,
    entries: {
      'mirror-debian': {
        description: 'the test mirror\'s image', osinfo: 'debian11', image: `http://127.0.0.1:${mirror.port}/signed/disk-{arch}.qcow2`, arches: { x86_64: 'amd64' },
        format: 'qcow2', alias: true, checksum: { url: mirror.url('signed/SHA256SUMS'), algorithm: 'sha256', perImage: false },
        signature: { kind: 'detached', url: mirror.url('signed/SHA256SUMS.gpg') },
        keys: [{ name: 'rejviz test signer', fingerprint: signer.fingerprint, sources: [{ file: signer.armoredPublicKey }] }],
      },
      // A "latest" image that the test publishes again with other bytes under the same URL.
      'mirror-latest': {
        description: 'republished', osinfo: 'debian11', image: `http://127.0.0.1:${mirror.port}/republish/disk-{arch}.qcow2`, arches: { x86_64: 'amd64' },
        format: 'qcow2', alias: true, checksum: { url: mirror.url('republish/SHA256SUMS'), algorithm: 'sha256', perImage: false },
        signature: { kind: 'detached', url: mirror.url('republish/SHA256SUMS.gpg') },
        keys: [{ name: 'rejviz test signer', fingerprint: signer.fingerprint, sources: [{ file: signer.armoredPublicKey }] }],
      },
    },
  }));
  await writeFile(join(dir, `${SIGNED}.yaml`), labFile(SIGNED, 'mirror-debian'));
  await writeFile(join(dir, `${LOOSE}.yaml`), labFile(LOOSE, mirror.url('loose/other.qcow2')));
  await writeFile(join(dir, `${GEN}.yaml`), labFile(GEN, 'mirror-debian'));
  await writeFile(join(dir, `${REPUB}.yaml`), labFile(REPUB, 'mirror-latest'));
});

/** (Re)publishes republish/disk-amd64.qcow2 as a new image of `mib` MiB, signed; returns its sha256. */
async function publish(www: string, mib: number): Promise<string> {
  const image = join(www, 'republish', 'disk-amd64.qcow2');
  await rm(image, { force: true });
  await runner.run('qemu-img', ['create', '-q', '-f', 'qcow2', image, `${mib}M`]);
  const hex = await fileDigest(image);
  await writeFile(join(www, 'republish', 'SHA256SUMS'), gnuChecksums([{ name: 'disk-amd64.qcow2', hex }], 'binary'));
  await rm(join(www, 'republish', 'SHA256SUMS.gpg'), { force: true });
  signer.detachSign(join(www, 'republish', 'SHA256SUMS'), join(www, 'republish', 'SHA256SUMS.gpg'));
  return hex;
}
test.after.always(async () => {
  for (const lab of [SIGNED, LOOSE, REPUB]) await rejviz('rejviz-up', ['destroy', '--lab', lab, '-c', TEST_URI], { env: env() }).catch(() => undefined);
  await runner.run('virsh', ['-c', TEST_URI, 'pool-destroy', POOL], { allowFailure: true });
  releaseTestDriver();
  await mirror?.stop();
  await signer?.remove();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('images catalogue: the built-in keys with URL, checksum file and key fingerprint; REJVIZ_IMAGE_CATALOGUE names another', async (t) => {
  const builtin = await rejviz('rejviz-up', ['images', 'catalogue', '--json']);
  t.is(builtin.exitCode, 0, builtin.stderr);
  const items = JSON.parse(builtin.stdout) as { key: string; image: string; checksum: string; keys: { fingerprint: string }[] }[];
  t.deepEqual(items.map((i) => i.key), ['debian-12', 'debian-13', 'ubuntu-26.04', 'ubuntu-24.04', 'ubuntu-22.04', 'fedora-44', 'fedora-43', 'fedora-42', 'fedora-41', 'centos-stream-9', 'centos-stream-10', 'almalinux-9', 'rocky-9', 'opensuse-leap-15.6']);
  t.like(items.find((i) => i.key === 'ubuntu-24.04'), { keys: [{ fingerprint: 'D2EB44626FDDC30B513D5BB71A5D6C4C7DB87C81' }] });
  const text = await rejviz('rejviz-up', ['images', 'catalogue']);
  t.regex(text.stdout, /^debian-12: Debian 12 \(bookworm\) genericcloud, latest \(osinfo debian12\)\n {2}image {5}https:\/\/cloud\.debian\.org\/\S+\n {2}checksum {2}https:\/\/cloud\.debian\.org\/\S+\/SHA512SUMS\n {2}signature none published\n/);
  t.regex(text.stdout, /\nfedora-42: .*\n {2}image {5}https:\/\/download\.fedoraproject\.org\/\S+\n {2}archive {3}https:\/\/archives\.fedoraproject\.org\/pub\/archive\/fedora\/linux\/releases\/42\/\S+ \(after a 404: the release's end of life\)\n/);
  t.is((JSON.parse(builtin.stdout) as { key: string; archive?: string }[]).find((i) => i.key === 'debian-12')!.archive, undefined);
  const mine = await rejviz('rejviz-up', ['images', 'catalogue'], { env: env() });
  t.is(mine.stdout, [
    "mirror-debian: the test mirror's image (osinfo debian11)",
    `  image     ${mirror.url('signed/disk-amd64.qcow2')}`,
    `  checksum  ${mirror.url('signed/SHA256SUMS')}`,
    `  signature detached, ${mirror.url('signed/SHA256SUMS.gpg')}`,
    `  key       ${signer.fingerprint} (rejviz test signer)`,
    'mirror-latest: republished (osinfo debian11)',
    `  image     ${mirror.url('republish/disk-amd64.qcow2')}`,
    `  checksum  ${mirror.url('republish/SHA256SUMS')}`,
    `  signature detached, ${mirror.url('republish/SHA256SUMS.gpg')}`,
    `  key       ${signer.fingerprint} (rejviz test signer)`,
    '',
  ].join('\n'));
});

test.serial('--offline without a cache entry: one line, exit 2, nothing resolved (the mirror sees no request), nothing made', async (t) => {
  const res = await up(['-f', `${SIGNED}.yaml`, '--pool', POOL, '--offline']);
  t.is(res.exitCode, 2, res.stderr);
  t.is(res.stderr, 'rejviz-up: error: template os: --offline: no cached image of mirror-debian; run once without --offline to fetch it\n');
  t.is(mirror.requests.length, 0);
  t.false((await virsh('list', '--all', '--name')).stdout.includes(SIGNED));
  await t.throwsAsync(stat(join(dir, 'state', 'rejviz', 'labs', SIGNED)), { code: 'ENOENT' }, 'no lab state written');
});

test.serial('up pulls the signed image once and keeps it; images --cloud --json lists it as signed; --offline then uses it without a request; status names the image', async (t) => {
  const volume = await prepareLab(SIGNED, `sha256:${signedHex}`);
  const dry = await up(['-f', `${SIGNED}.yaml`, '--pool', POOL, '--dry-run']);
  t.regex(dry.stdout, /\n {2}template os: build \(the image's digest is known once it is pulled\), from image mirror-debian \(http:\/\/127\.0\.0\.1:\d+\/signed\/disk-amd64\.qcow2\), digest known after the pull\n/);
  t.is(mirror.requests.length, 0, '--dry-run fetches nothing');

  const res = await up(['-f', `${SIGNED}.yaml`, '--pool', POOL]);
  t.is(res.exitCode, 0, res.stderr);
  t.regex(res.stdout, /template os: keep \(built before with the same content\), from image mirror-debian .*, sha256:[0-9a-f]{12}… \(verified, signed\)\n/);
  t.is(imageGets('signed/disk-amd64.qcow2'), 1);
  t.true((await virsh('list', '--all', '--name')).stdout.includes(`${SIGNED}_m`));

  const listed = await up(['images', '--cloud', '--json']);
  t.is(listed.exitCode, 0, listed.stderr);
  const images = JSON.parse(listed.stdout) as { source: string; url: string; digest: string; verification: { level: string; signer: string }; templates: string[] }[];
  t.deepEqual(images.map((i) => [i.source, i.url, i.digest, i.verification.level, i.verification.signer, i.templates]), [
    ['mirror-debian', mirror.url('signed/disk-amd64.qcow2'), `sha256:${signedHex}`, 'signed', signer.fingerprint, []],
  ]);
  const plain = await up(['images', '--json']);
  t.true(Array.isArray(JSON.parse(plain.stdout)), 'images --json is the template images, as before');

  // The template volume was made by this test, not built: the record a build writes says what it came from.
  await writeTemplateRecord({ ...process.env, ...env() }, { pool: POOL, volume, profile: 'os', builtAt: new Date().toISOString(), from: { kind: 'image', source: 'mirror-debian', url: images[0]!.url, digest: images[0]!.digest, level: 'signed' } });
  t.deepEqual((JSON.parse((await up(['images', '--cloud', '--json'])).stdout) as { templates: string[] }[])[0]!.templates, [`${POOL}/${volume}`]);
  const status = await up(['status', '--lab', SIGNED]);
  t.regex(status.stdout, /\nm +\S+ +os \(image mirror-debian, signed\) +/);

  const before = mirror.requests.length;
  const offline = await up(['-f', `${SIGNED}.yaml`, '--pool', POOL, '--offline']);
  t.is(offline.exitCode, 0, offline.stderr);
  t.is(offline.stdout, `lab ${SIGNED} is up as the file says: nothing to do\n`);
  t.is(mirror.requests.length, before, '--offline resolved nothing');
});

test.serial('an image nothing verifies is refused naming it and --insecure-unverified; with the flag it is taken and shown as unverified', async (t) => {
  await prepareLab(LOOSE, `sha256:${looseHex}`);
  const refused = await up(['-f', `${LOOSE}.yaml`, '--pool', POOL]);
  t.is(refused.exitCode, 2, refused.stderr);
  t.is(refused.stderr.split('\n').length, 2, 'one line');
  t.regex(refused.stderr, new RegExp(`^rejviz-up: error: template os: ${mirror.url('loose/other.qcow2').replace(/[.]/g, '\\.')}: nothing verifies .*--insecure-unverified`));
  t.is(imageGets('loose/other.qcow2'), 0, 'refused before any byte of the image');
  t.false((await virsh('list', '--all', '--name')).stdout.includes(LOOSE));

  const taken = await up(['-f', `${LOOSE}.yaml`, '--pool', POOL, '--insecure-unverified']);
  t.is(taken.exitCode, 0, taken.stderr);
  t.regex(taken.stdout, /template os: keep .*\(verified, unverified\)\n/);
  const text = await up(['images', '--cloud']);
  t.regex(text.stdout, new RegExp(`\\n${mirror.url('loose/other.qcow2').replace(/[.]/g, '\\.')} +sha256:${looseHex.slice(0, 12)}… +unverified +`));
});

test.serial('a republished image: the next up pulls it and keeps the machine as it is, saying so; --replace-outdated replaces it', async (t) => {
  const www = join(dir, 'www');
  // An image cache of its own, and its template volumes removed at the end: the images prune
  // test after this one counts what the other tests left in the cache and the pool.
  const repubEnv = { ...env(), XDG_CACHE_HOME: join(dir, 'cache-republish') };
  const up = (args: string[]) => rejvizHostNet('rejviz-up', [...args, '-c', TEST_URI], { cwd: dir, env: repubEnv });
  const volumes: string[] = [];
  t.teardown(async () => {
    await up(['destroy', '--lab', REPUB]);
    for (const v of volumes) await runner.run('virsh', ['-c', TEST_URI, 'vol-delete', '--pool', POOL, v], { allowFailure: true });
  });
  const firstHex = await fileDigest(join(www, 'republish', 'disk-amd64.qcow2'));
  volumes.push(await prepareLab(REPUB, `sha256:${firstHex}`));
  const made = await up(['-f', `${REPUB}.yaml`, '--pool', POOL]);
  t.is(made.exitCode, 0, made.stderr);
  t.regex(made.stdout, new RegExp(`\n {2}${REPUB}_m: create \\(new\\)\n`));
  const fullRecord = async () => readMachineRecord((await virsh('dumpxml', `${REPUB}_m`)).stdout)!;
  const record = async () => (await fullRecord()).config!;
  const before = await record();
  t.truthy(before.templateProfile);

  // A record written before templateProfile existed: the next up keeps the machine and writes the
  // record again (when it was made kept), so that the new base below is told from a change.
  const original = await fullRecord();
  const { templateProfile: _profile, ...older } = before;
  const olderXml = machineMetadataXml(REPUB, 'm', older as MachineConfig, new Date(original.created!)).replace(new RegExp(`^<${LAB_XMLNS_KEY}:machine xmlns:${LAB_XMLNS_KEY}="[^"]*"`), '<machine').replace(new RegExp(`</${LAB_XMLNS_KEY}:machine>$`), '</machine>');
  await virsh('metadata', `${REPUB}_m`, LAB_XMLNS, '--key', LAB_XMLNS_KEY, '--set', olderXml, '--config', '--live');
  t.is((await record()).templateProfile, undefined);
  const refreshed = await up(['-f', `${REPUB}.yaml`, '--pool', POOL]);
  t.is(refreshed.exitCode, 0, refreshed.stderr);
  t.is(refreshed.stdout, `lab ${REPUB} is up as the file says: nothing to do\n`);
  t.deepEqual(await fullRecord(), original, 'the record as up made it, its creation time kept');

  const secondHex = await publish(www, 20);
  t.not(secondHex, firstHex);
  const again = await up(['-f', `${REPUB}.yaml`, '--pool', POOL]);
  t.is(again.exitCode, 0, again.stderr);
  t.is(imageGets('republish/disk-amd64.qcow2'), 2, 'the new image was pulled');
  t.is(again.stdout, [
    `lab ${REPUB} is up as the file says: nothing to do`,
    `  template os: skip (no image with this content in the cache; no machine is made from it now), from image mirror-latest (${mirror.url('republish/disk-amd64.qcow2')}), sha256:${secondHex.slice(0, 12)}… (verified, signed)`,
    `  ${REPUB}_m: keep (template os has a new base since it was made; kept as it is (--replace-outdated replaces it))`,
    '',
  ].join('\n'));
  t.deepEqual(await record(), before, 'the domain is the one made from the first image');
  const prune = await up(['images', 'prune', '--pool', POOL, '--dry-run', '--json']);
  t.is(prune.exitCode, 0, prune.stderr);
  const prunable = JSON.parse(prune.stdout) as { kind: string; volume?: string }[];
  t.false(prunable.some((i) => i.volume === volumes[0]), "the kept machine's template image is in use");

  // With --replace-outdated the machine is made again from the new image (its template volume
  // put in the pool beforehand, as prepareLab does: the test driver cannot build one).
  volumes.push(await prepareLab(REPUB, `sha256:${secondHex}`));
  const plan = await up(['plan', '-f', `${REPUB}.yaml`, '--pool', POOL, '--replace-outdated']);
  t.is(plan.exitCode, 0, plan.stderr);
  t.regex(plan.stdout, new RegExp(`\n {2}${REPUB}_m: replace \\(template os has a new base\\)\n`));
  const replaced = await up(['-f', `${REPUB}.yaml`, '--pool', POOL, '--replace-outdated']);
  t.is(replaced.exitCode, 0, replaced.stderr);
  t.regex(replaced.stdout, new RegExp(`\n {2}template os: keep .*sha256:${secondHex.slice(0, 12)}…`));
  t.regex(replaced.stdout, new RegExp(`\n {2}${REPUB}_m: replace \\(template os has a new base\\)\n`));
  const after = await record();
  t.not(after.templateDigest, before.templateDigest, 'made from the new template');
  t.is(after.templateProfile, before.templateProfile);
  const unused = JSON.parse((await up(['images', 'prune', '--pool', POOL, '--dry-run', '--json'])).stdout) as { kind: string; volume?: string }[];
  t.true(unused.some((i) => i.volume === volumes[0]), 'replaced, nothing uses the first template image any more');
  const quiet = await up(['-f', `${REPUB}.yaml`, '--pool', POOL]);
  t.is(quiet.stdout, `lab ${REPUB} is up as the file says: nothing to do\n`);

  const wrongVerb = await up(['status', '--lab', REPUB, '--replace-outdated']);
  t.is(wrongVerb.exitCode, 2);
  t.is(wrongVerb.stderr, 'rejviz-up: error: --replace-outdated: only up, plan and run replace machines; drop --replace-outdated\n');
});

test.serial('images pull: a catalogue key or URL into the image cache ahead of time, verified; again: from the cache; refusals as for a lab', async (t) => {
  const pullEnv = { ...env(), XDG_CACHE_HOME: join(dir, 'cache-pull') };
  const up = (args: string[]) => rejvizHostNet('rejviz-up', args, { cwd: dir, env: pullEnv });
  const before = imageGets('signed/disk-amd64.qcow2');
  const first = await up(['images', 'pull', 'mirror-debian', '--json']);
  t.is(first.exitCode, 0, first.stderr);
  const pulled = JSON.parse(first.stdout) as { source: string; url: string; digest: string; verification: { level: string; signer: string }; fromCache: boolean; path: string };
  t.like(pulled, { source: 'mirror-debian', url: mirror.url('signed/disk-amd64.qcow2'), digest: `sha256:${signedHex}`, verification: { level: 'signed', signer: signer.fingerprint }, fromCache: false });
  t.true(pulled.path.startsWith(join(dir, 'cache-pull', 'rejviz', 'images')));
  t.is(imageGets('signed/disk-amd64.qcow2'), before + 1);
  const again = await up(['images', 'pull', 'mirror-debian']);
  t.is(again.exitCode, 0, again.stderr);
  t.is(again.stdout, `mirror-debian: sha256:${signedHex.slice(0, 12)}… signed by ${signer.fingerprint}, 0 MiB, in the image cache already (checked); ${pulled.path}\n`);
  t.is(imageGets('signed/disk-amd64.qcow2'), before + 1, 'not downloaded again');
  const listed = JSON.parse((await up(['images', '--cloud', '--json', '-c', TEST_URI])).stdout) as { source: string }[];
  t.deepEqual(listed.map((i) => i.source), ['mirror-debian']);

  const loose = mirror.url('loose/other.qcow2');
  const refused = await up(['images', 'pull', loose]);
  t.is(refused.exitCode, 2);
  t.regex(refused.stderr, /^rejviz-up: error: \S+: nothing verifies .*; pin its digest with --checksum sha256:HEX, or pass --insecure-unverified to take it unverified\n$/);
  const pinned = await up(['images', 'pull', loose, '--checksum', `sha256:${looseHex}`]);
  t.is(pinned.exitCode, 0, pinned.stderr);
  t.regex(pinned.stdout, new RegExp(`^${loose.replace(/[.]/g, '\\.')}: sha256:${looseHex.slice(0, 12)}… pinned, `));
  const wrong = await up(['images', 'pull', loose, '--checksum', `sha256:${'0'.repeat(64)}`]);
  t.is(wrong.exitCode, 2);
  t.regex(wrong.stderr, /has sha256:[0-9a-f]+, but sha256:0+ was expected/);

  for (const [args, message] of [
    [['images', 'pull'], 'images pull needs a SOURCE: a catalogue key (rejviz-up images catalogue lists them) or an https://, http:// or file:/// URL; e.g. rejviz-up images pull debian-12'],
    [['images', 'pull', 'no-such-key'], /^image source 'no-such-key': not a catalogue key or an https:\/\/, http:\/\/ or file:\/\/ URL; known keys: mirror-debian, mirror-latest$/],
    [['images', 'pull', 'mirror-debian', '--offline'], '--offline: images pull fetches the image; drop --offline (rejviz-up images --cloud lists what the cache holds)'],
    [['images', 'pull', 'mirror-debian', '--pool', POOL], `--pool ${POOL}: images pull fills the image cache, not a pool; drop --pool`],
  ] as const) {
    const res = await up([...args]);
    t.is(res.exitCode, 2, args.join(' '));
    const line = res.stderr.replace(/^rejviz-up: error: /, '').replace(/\n$/, '');
    if (typeof message === 'string') t.is(line, message);
    else t.regex(line, message);
  }
});

test.serial('gen pins the image it pulls until its Makefile is written (images prune meanwhile keeps it); the pins go when it returns', async (t) => {
  // A cache of its own, so that gen downloads; the mirror sends the image slowly, and the pin must
  // be there while it does (and so on until the template build: the pin is one for the whole run).
  const genEnv = { ...env(), XDG_CACHE_HOME: join(dir, 'cache-gen') };
  const pins = join(dir, 'state', 'rejviz', 'templates', 'image-pins');
  // The template volume is the one the up test put in the pool; gen's install step also wants its file.
  const plan = JSON.parse((await up(['plan', '-f', `${GEN}.yaml`, '--checksum', `sha256:${signedHex}`, '--json'])).stdout) as { templates: { digest: string }[] };
  await runner.run('qemu-img', ['create', '-q', '-f', 'qcow2', join(dir, 'pool', `rejviz-template_os_${plan.templates[0]!.digest.slice(0, 12)}.qcow2`), '64M']);
  mirror.fault('signed/disk-amd64.qcow2', { kind: 'slow', chunk: 16 * 1024, delayMs: 150 });
  const gen = rejvizHostNet('rejviz-up', ['gen', '--makefile', 'gen-out', '-f', `${GEN}.yaml`, '--pool', POOL, '-c', TEST_URI], { cwd: dir, env: genEnv });
  let settled = false;
  void gen.then(() => (settled = true));
  let seen: string[] = [];
  while (!settled && seen.length === 0) {
    seen = await readdir(pins).catch(() => [] as string[]);
    if (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  t.is(seen.length, 1, 'a pin while gen runs');
  const pin = JSON.parse(await readFile(join(pins, seen[0]!), 'utf8')) as { source: string; url: string };
  t.deepEqual([pin.source, pin.url], ['mirror-debian', mirror.url('signed/disk-amd64.qcow2')]);
  const res = await gen;
  t.is(res.exitCode, 0, res.stderr);
  t.true(mirror.requestsFor('signed/disk-amd64.qcow2').some((r) => r.fault === 'slow'), 'gen downloaded the image (slowly)');
  t.deepEqual(await readdir(pins), [], 'the run\'s pins went with it');
  t.truthy(await stat(join(dir, 'gen-out', 'Makefile')));
});

test.serial('images prune: cloud images no cached template was built from, and stale leftovers of pulls; --older-than; --dry-run removes nothing', async (t) => {
  // --pool: other test files' pools on the shared test driver are not this test's to prune; the image cache is this test's own.
  const cache = join(dir, 'cache', 'rejviz', 'images');
  await mkdir(join(cache, '.partial'), { recursive: true });
  const old = join(cache, '.partial', '0123456789abcdef-disk.qcow2.partial');
  const fresh = join(cache, '.partial', 'fedcba9876543210-disk.qcow2.partial');
  await writeFile(old, 'half a download');
  await writeFile(fresh, 'a download going on');
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
  await utimes(old, twoDaysAgo, twoDaysAgo);

  const recent = await up(['images', 'prune', '--pool', POOL, '--older-than', '1h', '--dry-run', '--json']);
  t.is(recent.exitCode, 0, recent.stderr);
  t.deepEqual((JSON.parse(recent.stdout) as { kind: string; path?: string }[]).map((i) => [i.kind, i.path]), [['leftover', old]], 'the images were fetched just now: only the two-day-old leftover is older than 1h');

  const dry = await up(['images', 'prune', '--pool', POOL, '--dry-run']);
  t.is(dry.exitCode, 0, dry.stderr);
  t.regex(dry.stdout, new RegExp(`^would remove cloud image ${mirror.url('loose/other.qcow2').replace(/[.]/g, '\\.')} sha256:${looseHex.slice(0, 12)}… \\(\\d+ MiB, no cached template was built from it\\)\\nwould remove leftover of an interrupted pull ${old.replace(/[.]/g, '\\.')} \\(0 MiB\\)\\n\\(not run\\)\\n$`));
  t.is((JSON.parse((await up(['images', '--cloud', '--json'])).stdout) as unknown[]).length, 2, '--dry-run removed nothing');

  // A template on another libvirt connection (its pool is not listed here) built from the loose
  // image keeps it; without that record, the image goes (below).
  const elsewhere = { uri: 'qemu:///elsewhere', pool: 'default', volume: 'rejviz-template_loose_0123456789ab.qcow2', profile: 'loose', builtAt: new Date().toISOString(), from: { kind: 'image' as const, source: 'loose', url: mirror.url('loose/other.qcow2'), digest: `sha256:${looseHex}`, level: 'pinned' as const } };
  await writeTemplateRecord(env(), elsewhere);
  const kept = await up(['images', 'prune', '--pool', POOL, '--dry-run', '--json']);
  t.is(kept.exitCode, 0, kept.stderr);
  t.deepEqual((JSON.parse(kept.stdout) as { kind: string }[]).map((i) => i.kind), ['leftover'], 'the loose image is kept for the other connection\'s template');
  await rm(join(dir, 'state', 'rejviz', 'templates', 'sources', `default@${elsewhere.volume}.json`));

  // A run whose pull found the loose image by its digest, asked for under another name and URL,
  // pins the entry's key (create/pinned-pull.ts): prune keeps it while that run is alive (this one).
  const looseKey = (JSON.parse((await up(['images', '--cloud', '--json'])).stdout) as { key: string; source: string }[]).find((i) => i.source !== 'mirror-debian')!.key;
  const pinFile = join(dir, 'state', 'rejviz', 'templates', 'image-pins', `test@${process.pid}.1`);
  await writeFile(pinFile, JSON.stringify({ pid: process.pid, host: hostname(), command: 'rejviz-up', since: new Date().toISOString(), source: 'renamed', url: 'http://127.0.0.1:9/renamed.qcow2', key: looseKey }));
  const pinnedKey = await up(['images', 'prune', '--pool', POOL, '--dry-run', '--json']);
  t.is(pinnedKey.exitCode, 0, pinnedKey.stderr);
  t.deepEqual((JSON.parse(pinnedKey.stdout) as { kind: string }[]).map((i) => i.kind), ['leftover'], 'the entry pinned by its key is kept');
  await rm(pinFile);

  const pruned = await up(['images', 'prune', '--pool', POOL]);
  t.is(pruned.exitCode, 0, pruned.stderr);
  const left = JSON.parse((await up(['images', '--cloud', '--json'])).stdout) as { source: string }[];
  t.deepEqual(left.map((i) => i.source), ['mirror-debian'], 'the image a cached template was built from stays');
  await t.throwsAsync(stat(old), { code: 'ENOENT' });
  t.truthy(await stat(fresh), 'a download touched lately stays');
  t.true((await virsh('vol-list', POOL)).stdout.includes('rejviz-template_os_'), 'template images in use stay');
});
