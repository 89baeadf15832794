// Cloud image templates in the lab file and in run: image:, checksum:, insecureUnverified:, their
// one-line errors with file:line:col, --checksum/--insecure-unverified/--image, and what plan and
// --dry-run show without fetching anything (the digest from the cache, from checksum:, or known
// after the pull). Nothing here touches a network or libvirt.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { PulledImage } from '@rejviz/images';
import { loadLab, planLab, runLabData, runLabFile, asRunError, templateDigest, type LabInput } from '../src/index.js';
import { applyImageOptions } from '../src/images/lab-image-options.js';
import { knownImage } from '../src/images/known-image.js';
import { parseDuration } from '../src/images/duration.js';
import { runImageName } from '../src/run/run-lab.js';
import { planText } from '../src/print.js';
import { readUpArgs } from '../src/up-args.js';

const HEX = 'ab'.repeat(32);
const URL_IMAGE = 'http://127.0.0.1:8080/debian/debian-12-generic-amd64.qcow2';
const lab = (template: string, more = '') => `name: cloud
templates:
${template}
${more}machines:
  - name: vm
    template: web
`;
const load = (text: string, more: Partial<LabInput> = {}) => loadLab({ file: 'rejviz.yaml', text, env: {}, ...more });

let dir = '';
test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rjv-cloud-lab-'));
  // A catalogue of one key, as a test mirror's would be (REJVIZ_IMAGE_CATALOGUE).
  await writeFile(join(dir, 'catalogue.json'), JSON.stringify({
    version: 1,
    entries: {
      'mirror-debian': {
        description: 'test image', osinfo: 'debian12', image: 'http://127.0.0.1:8080/debian/disk-{arch}.qcow2', arches: { x86_64: 'amd64', aarch64: 'arm64' },
        format: 'qcow2', alias: true, checksum: { url: 'http://127.0.0.1:8080/debian/SHA256SUMS', algorithm: 'sha256', perImage: false },
        signature: { kind: 'none', note: 'test' }, keys: [],
      },
    },
  }));
});
test.after.always(() => rm(dir, { recursive: true, force: true }));

test('image: a URL or a catalogue key instead of base, with checksum: and insecureUnverified: beside it', async (t) => {
  const byUrl = await load(lab(`  web: { image: "${URL_IMAGE}", checksum: "sha256:${HEX.toUpperCase()}", insecureUnverified: true, runCommand: [echo hi] }`));
  const web = byUrl.templates[0]!;
  t.is(web.base, URL_IMAGE);
  t.like(web.image, { source: URL_IMAGE, checksum: { algorithm: 'sha256', hex: HEX }, insecureUnverified: true, spec: { imageUrl: URL_IMAGE, fileName: 'debian-12-generic-amd64.qcow2' } });
  t.deepEqual(web.runCommand, ['echo hi']);

  const builtin = await load(lab('  web: { image: debian-12 }'));
  t.like(builtin.templates[0]!.image, { source: 'debian-12', checksum: null, insecureUnverified: false, spec: { osinfo: 'debian12' } });
  t.regex(builtin.templates[0]!.image!.spec.imageUrl, /^https:\/\/cloud\.debian\.org\/images\/cloud\/bookworm\/latest\/debian-12-genericcloud-/);

  const mirrored = await load(lab('  web: { image: mirror-debian }'), { env: { REJVIZ_IMAGE_CATALOGUE: join(dir, 'catalogue.json') } });
  t.is(mirrored.templates[0]!.image!.spec.imageUrl, 'http://127.0.0.1:8080/debian/disk-amd64.qcow2');

  // A child may name another source than its parent: the nearest wins.
  const child = await load(lab('  os: { base: debian-12 }\n  web: { extends: os, image: debian-12 }'));
  t.deepEqual(child.templates.map((x) => [x.name, x.image?.source ?? null, x.base]), [['os', null, 'debian-12'], ['web', 'debian-12', 'debian-12']]);
  t.is((await load(lab('  web: { base: debian-12 }'))).templates[0]!.image, null);
});

const refused: [string, string, string, Partial<LabInput>?][] = [
  ['base and image', lab('  web:\n    base: debian-12\n    image: debian-12'), "rejviz.yaml:5:5: templates.web.image: the profile 'web' names both base and image; give base (a virt-builder template) or image (a cloud image), not both"],
  ['neither', lab('  web: { packages: [curl] }'), "rejviz.yaml:3:8: templates.web: the profile 'web' has no base or image; add base: TEMPLATE (a virt-builder template, e.g. debian-12) or image: URL|KEY (a cloud image, e.g. debian-12) to it or to a profile it extends"],
  ['checksum without image', lab('  web:\n    base: debian-12\n    checksum: sha256:00'), "rejviz.yaml:5:5: templates.web.checksum: checksum belongs to a cloud image, and the profile 'web' names none; write it beside image: URL|KEY in the same profile, or drop it"],
  ['a bad checksum', lab('  web:\n    image: debian-12\n    checksum: md5:abc'), "rejviz.yaml:5:15: templates.web.checksum: 'md5:abc' is not a digest; write sha256:<64 hex digits> or sha512:<128 hex digits>"],
  ['an unknown key', lab('  web:\n    image: debain-12'), "rejviz.yaml:4:12: templates.web.image: image source 'debain-12': not a catalogue key or an https://, http:// or file:// URL; known keys: debian-12, "],
  ['a file URL with a host', lab('  web:\n    image: file://host/x.qcow2'), "rejviz.yaml:4:12: templates.web.image: image URL 'file://host/x.qcow2': a file URL names a local path; write file:///ABSOLUTE/PATH"],
  ['credentials in a URL', lab('  web:\n    image: https://u:secret@example.invalid/x.qcow2'), 'rejviz.yaml:4:12: templates.web.image: image URL https://example.invalid/x.qcow2: credentials in a URL would be shown and recorded; use a URL without user:password@'],
  ['insecureUnverified not a boolean', lab('  web:\n    image: debian-12\n    insecureUnverified: yes please'), "rejviz.yaml:5:25: templates.web.insecureUnverified: 'yes please' is not valid; expected true or false (the default): take the image even when nothing verifies it"],
  ['a catalogue file that is not there', lab('  web: { image: debian-12 }'), 'REJVIZ_IMAGE_CATALOGUE: catalogue /nonexistent/c.json: cannot read it (ENOENT); give an existing JSON file', { env: { REJVIZ_IMAGE_CATALOGUE: '/nonexistent/c.json' } }],
];
for (const [what, text, message, more] of refused) {
  test(`refused, one line: ${what}`, async (t) => {
    const error = await t.throwsAsync(load(text, more));
    t.true(error!.message.startsWith(message), error!.message);
    t.false(error!.message.includes('secret'), 'a password in a URL is never shown');
    t.false(error!.message.includes('\n'));
  });
}

test("a cloud image template's digest is its image's digest, not its name; a virt-builder template's is what it was", async (t) => {
  const [byKey] = (await load(lab('  web: { image: debian-12, runCommand: [x] }'))).templates;
  const [byUrl] = (await load(lab(`  web: { image: "${URL_IMAGE}", runCommand: [x] }`))).templates;
  t.is(templateDigest(byKey!, `sha256:${HEX}`), templateDigest(byUrl!, `sha256:${HEX}`), 'the same bytes under another name: the same template');
  t.not(templateDigest(byKey!, `sha256:${HEX}`), templateDigest(byKey!, `sha256:${'cd'.repeat(32)}`), 'other bytes: another template');
  const [vb] = (await load(lab('  web: { base: debian-12, runCommand: [x] }'))).templates;
  t.not(templateDigest(vb!, 'r1'), templateDigest(byKey!, 'r1'));
});

test('--checksum pins the digest of the lab\'s one cloud image; --insecure-unverified applies to each', async (t) => {
  const one = await load(lab('  web: { image: debian-12 }\n  vb: { base: debian-12 }'));
  const applied = applyImageOptions(one, { checksum: `sha512:${'0f'.repeat(64)}`, insecureUnverified: true });
  t.like(applied.templates[0]!.image, { checksum: { algorithm: 'sha512', hex: '0f'.repeat(64) }, insecureUnverified: true });
  t.is(applied.templates[1]!.image, null);
  const two = await load(lab('  web: { image: debian-12 }\n  db: { image: debian-12 }'));
  t.is(t.throws(() => applyImageOptions(two, { checksum: `sha256:${HEX}` }))!.message, `--checksum sha256:${HEX}: the lab has 2 cloud-image templates; --checksum pins the digest of one, so write checksum: beside each image: in the lab file instead`);
  t.regex(t.throws(() => applyImageOptions(one, { checksum: 'sha256:12' }))!.message, /^--checksum 'sha256:12': expected sha256:<64 hex digits>/);
});

test('run --image: a profile of the image, named from its key or file; its flags need it; TEMPLATE and --image exclude each other', async (t) => {
  t.deepEqual(runLabData({ image: 'debian-12', checksum: `sha256:${HEX}`, insecureUnverified: true }).templates, { 'debian-12': { image: 'debian-12', checksum: `sha256:${HEX}`, insecureUnverified: true, network: false } });
  t.is(runLabData({ image: URL_IMAGE }).name, 'debian-12-generic-amd64');
  t.deepEqual([runImageName('file:///srv/x/Fedora-Cloud-41.qcow2.xz'), runImageName('https://h.invalid/dir/')], ['fedora-cloud-41', 'image']);
  t.is(t.throws(() => runLabData({ template: 'debian-12', image: 'debian-12' }))!.message, "TEMPLATE 'debian-12': and --image debian-12 both name what to build from; give a virt-builder TEMPLATE or --image URL|KEY, not both");
  t.is(t.throws(() => runLabData({ template: 'debian-12', checksum: `sha256:${HEX}` }))!.message, '--checksum: only a cloud image is verified; give --image URL|KEY with it, or drop --checksum');
  t.is(t.throws(() => runLabData({ template: 'debian-12', insecureUnverified: true }))!.message, '--insecure-unverified: only a cloud image is verified; give --image URL|KEY with it, or drop --insecure-unverified');
  t.regex(t.throws(() => runLabData({}))!.message, /^run needs a TEMPLATE .* or --image URL\|KEY/);
  // An error the lab file's checks find is said in terms of the option.
  const bad = await loadLab(runLabFile({ image: 'ftp://example.invalid/x.qcow2' })).catch((e: unknown) => asRunError(e));
  t.regex((bad as Error).message, /^--image: image source 'ftp:\/\/example\.invalid\/x\.qcow2': not a catalogue key/);
  const sum = await loadLab(runLabFile({ image: 'debian-12', checksum: 'sha1:00' })).catch((e: unknown) => asRunError(e));
  t.is((sum as Error).message, "--checksum: 'sha1:00' is not a digest; write sha256:<64 hex digits> or sha512:<128 hex digits>");
});

test('the verb line: images catalogue, images pull SOURCE, and run without TEMPLATE when --image is given', (t) => {
  t.like(readUpArgs(['images', 'catalogue']), { verb: 'images', catalogue: true, prune: false });
  t.like(readUpArgs(['run'], true), { verb: 'run', template: null });
  t.regex(t.throws(() => readUpArgs(['images', 'prune', 'catalogue']))!.message, /^one verb at a time: got images and 'catalogue'/);
  t.like(readUpArgs(['images', 'pull', 'debian-12']), { verb: 'images', pull: 'debian-12', prune: false, catalogue: false });
  t.like(readUpArgs(['-c', 'qemu:///system', 'images', 'pull', 'https://example.invalid/x.qcow2']), { pull: 'https://example.invalid/x.qcow2', uri: 'qemu:///system' });
  t.is(readUpArgs(['images']).pull, null);
  t.regex(t.throws(() => readUpArgs(['images', 'pull']))!.message, /^images pull needs a SOURCE/);
  t.regex(t.throws(() => readUpArgs(['images', 'pull', 'a', 'b']))!.message, /^one verb at a time: got images and 'b'/);
  t.regex(t.throws(() => readUpArgs(['images', 'prune', 'pull']))!.message, /^one verb at a time: got images and 'pull'/);
  t.deepEqual(['90s', '30m', '12h', '7d', '2w'].map((d) => parseDuration(d)), [90, 1800, 43_200, 604_800, 1_209_600]);
  t.is(t.throws(() => parseDuration('7 days'))!.message, "--older-than '7 days': not a duration; give a whole number and a unit (s, m, h, d, w), e.g. --older-than 7d");
});

test('plan and --dry-run fetch nothing: the digest comes from the pull, checksum:, or the cache, else it is known after the pull', async (t) => {
  const cacheDir = join(dir, 'cache');
  const [web] = (await load(lab(`  web: { image: "${URL_IMAGE}" }`))).templates;
  const unknown = await knownImage(web!.image!, undefined, cacheDir);
  t.deepEqual(unknown, { source: URL_IMAGE, url: URL_IMAGE, digest: null, known: 'after-pull', level: null });

  // A cache entry of the same source (as a pull leaves it).
  const entry = join(cacheDir, `sha256-${HEX}`);
  await mkdir(entry, { recursive: true });
  const record = { version: 1, source: URL_IMAGE, url: URL_IMAGE, digest: { algorithm: 'sha256', hex: HEX }, imageDigest: { algorithm: 'sha256', hex: HEX }, size: 1024, sourceFormat: 'qcow2', compression: 'none', verification: { level: 'unverified', checksumUrl: null, signer: null }, fetchedAt: '2026-12-01T10:00:00.000Z' };
  await writeFile(join(entry, 'entry.json'), JSON.stringify(record));
  t.like(await knownImage(web!.image!, undefined, cacheDir), { digest: `sha256:${HEX}`, known: 'cache', level: 'unverified' });
  t.like(await knownImage({ ...web!.image!, checksum: { algorithm: 'sha512', hex: '0f'.repeat(64) } }, undefined, cacheDir), { digest: `sha512:${'0f'.repeat(64)}`, known: 'checksum', level: 'pinned' });
  const pulled = { path: join(entry, 'image.qcow2'), fromCache: false, entry: { key: `sha256-${HEX}`, dir: entry, image: join(entry, 'image.qcow2'), record: { ...record, verification: { level: 'signed', checksumUrl: 'x', signer: 'F' } } } } as unknown as PulledImage;
  t.like(await knownImage(web!.image!, pulled, cacheDir), { digest: `sha256:${HEX}`, known: 'pulled', level: 'signed' });

  const l = await load(lab(`  web: { image: "${URL_IMAGE}" }`));
  const text = (info: Awaited<ReturnType<typeof knownImage>>, cached: boolean) => {
    const digest = templateDigest(l.templates[0]!, info.digest ?? 'after-pull');
    const plan = planLab(l, { allocation: [{ name: 'vm', nics: [] }], domains: [], templateDigests: new Map([['web', digest]]), cachedTemplates: new Set(cached ? [digest] : []), images: new Map([['web', info]]) });
    return planText(plan).split('\n')[1];
  };
  t.is(text(unknown, false), `  template web: build (the image's digest is known once it is pulled), from image ${URL_IMAGE}, digest known after the pull`);
  t.is(text(await knownImage(web!.image!, undefined, cacheDir), true), `  template web: keep (built before with the same content), from image ${URL_IMAGE}, sha256:abababababab… (from the image cache, unverified)`);
  t.is(text(await knownImage({ ...web!.image!, source: 'mirror-debian' }, pulled, cacheDir), false), `  template web: build (no image with this content in the cache), from image mirror-debian (${URL_IMAGE}), sha256:abababababab… (verified, signed)`);
});
