// Tier 3: issue 15's boot proof. A lab whose template is the fixture repository's debian-12 image
// served as a signed "cloud image" by a mirror on 127.0.0.1 (a qcow2, its SHA256SUMS and a
// detached signature by a throw-away key that a catalogue file, named by REJVIZ_IMAGE_CATALOGUE,
// pins by fingerprint), through the rejviz-up bin on qemu:///system: `rejviz-up run --image`
// --dry-run fetches nothing; `rejviz-up -f` pulls and verifies the image, builds the template from
// it (copied into the pool, the profile's runCommand applied by virt-customize, sysprepped), and
// its machine boots to ready (ssh with the pinned host key, cloud-init finished). status and
// images show the image as signed. The image republished on the mirror: the next up pulls it and
// keeps the machine (nothing built), plan --replace-outdated would replace it. destroy leaves
// nothing of the lab. The bin runs in this host's
// network namespace to reach the mirror and the machine's ssh forward on 127.0.0.1; virt-customize
// and virt-sysprep run under unshare -n (rejvizHostNet's wrappers).
import { createRunner } from '@rejviz/core';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestSigner, fileDigest, gnuChecksums, startImageMirror, testNeeding, type ImageMirror, type TestSigner } from '@rejviz/test-support';
import { IMAGES, ISOLATED_NETWORK, SYSTEM, uniqueName, virsh } from '../support/domain.js';
import { fixtureRepo, hasRepository } from '../support/env.js';
import { rejvizHostNet } from '../support/rejviz.js';

const test = testNeeding([
  { tool: 'virt-customize' }, { tool: 'virt-sysprep' }, { tool: 'virt-install' }, { tool: 'qemu-img' }, { tool: 'gpg' }, { tool: 'gpgv' },
  { tool: 'unshare' }, { tool: 'virsh' }, { tool: 'genisoimage' }, { tool: 'ssh' },
  { check: hasRepository, what: 'fixture repository (fixtures/images/build)' },
]);

const LAB = uniqueName('rjvt-cloud');
// A profile content of this file's own, so that this run builds (and removes) its template.
const MARK = uniqueName('mark');
const LAB_FILE = `name: ${LAB}
templates:
  cloud: { image: mirror-debian-12, sysprep: true, network: false, runCommand: ["echo ${MARK} > /etc/rejviz-cloud-test"] }
networks:
  iso: { existing: ${ISOLATED_NETWORK}, subnet: 198.51.100.0/24 }
machines:
  - { name: c1, template: cloud, memory: 768M, management: true, plugins: { ssh: {} }, nics: [{ network: iso, address: 198.51.100.81 }] }
`;

const runner = createRunner();
let dir = '';
let mirror: ImageMirror | undefined;
let signer: TestSigner | undefined;
let env: Record<string, string> = {};
let template = '';

const names = async (...args: string[]) => (await virsh(...args)).split('\n').map((l) => l.trim()).filter(Boolean);
const leftovers = async () => ({
  domains: (await names('list', '--all', '--name')).filter((n) => n.startsWith(`${LAB}_`)),
  volumes: (await names('vol-list', 'default')).slice(2).map((l) => l.split(/\s+/)[0]!).filter((n) => n.startsWith(`${LAB}_`)),
});

test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rjv-up-cloud-'));
  signer = await createTestSigner();
  const www = join(dir, 'www', 'debian');
  await mkdir(www, { recursive: true });
  // As a distribution publishes it: a qcow2, its SHA256SUMS, and a detached signature of those.
  const image = join(www, 'debian-12-generic-amd64.qcow2');
  await runner.run('qemu-img', ['convert', '-q', '-f', 'raw', '-O', 'qcow2', join(fixtureRepo(), 'debian-12.raw'), image]);
  await writeFile(join(www, 'SHA256SUMS'), gnuChecksums([{ name: 'debian-12-generic-amd64.qcow2', hex: await fileDigest(image) }]));
  signer.detachSign(join(www, 'SHA256SUMS'), join(www, 'SHA256SUMS.gpg'));
  mirror = await startImageMirror({ root: join(dir, 'www') });
  await writeFile(join(dir, 'catalogue.json'), JSON.stringify({
    version: 1,
    entries: {
      'mirror-debian-12': {
        description: 'the fixture debian-12 image on the test mirror', osinfo: 'debian11', image: `http://127.0.0.1:${mirror.port}/debian/debian-12-generic-{arch}.qcow2`,
        arches: { x86_64: 'amd64' }, format: 'qcow2', alias: true,
        checksum: { url: mirror.url('debian/SHA256SUMS'), algorithm: 'sha256', perImage: false },
        signature: { kind: 'detached', url: mirror.url('debian/SHA256SUMS.gpg') },
        keys: [{ name: 'rejviz test signer', fingerprint: signer.fingerprint, sources: [{ file: signer.armoredPublicKey }] }],
      },
    },
  }));
  await writeFile(join(dir, 'lab.yaml'), LAB_FILE);
  // The cache, rejviz's keyring and the lab's state in the test's own directory.
  env = { XDG_STATE_HOME: join(dir, 'state'), XDG_CACHE_HOME: join(dir, 'cache'), XDG_DATA_HOME: join(dir, 'data'), REJVIZ_IMAGE_CATALOGUE: join(dir, 'catalogue.json') };
});
test.after.always(async () => {
  if (dir) await rejvizHostNet('rejviz-up', ['destroy', '-f', 'lab.yaml', '-c', SYSTEM], { cwd: dir, env });
  if (template) await runner.run('virsh', ['-c', SYSTEM, 'vol-delete', '--pool', 'default', template], { allowFailure: true });
  await mirror?.stop();
  await signer?.remove();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test.serial('a lab from a signed cloud image on a loopback mirror: verified, built into a template, its machine ready; destroy leaves nothing', async (t) => {
  const up = (args: string[]) => rejvizHostNet('rejviz-up', [...args, '-c', SYSTEM], { cwd: dir, env });
  // run --image, planned only: nothing is fetched, nothing made.
  const dry = await up(['run', '--image', 'mirror-debian-12', '--name', `${LAB}-run`, '--nic', `network=${ISOLATED_NETWORK},address=198.51.100.82/24`, '--ssh', '--dry-run']);
  t.is(dry.exitCode, 0, dry.stderr);
  t.regex(dry.stdout, /from image mirror-debian-12 \(http:\/\/127\.0\.0\.1:\d+\/debian\/debian-12-generic-amd64\.qcow2\), digest known after the pull/);
  t.is(mirror!.requests.length, 0, 'run --dry-run fetched nothing');

  const started = Date.now();
  const res = await up(['-f', 'lab.yaml', '--json']);
  t.log(`rejviz-up (pull, template from the image, one machine ready) took ${Math.round((Date.now() - started) / 1000)} s`);
  t.is(res.exitCode, 0, res.stderr);
  for (const line of res.stdout.split('\n').filter((l) => l.includes('"status":"done"'))) {
    const e = JSON.parse(line) as { machine: string | null; template?: string; phase: string; seconds: number };
    t.log(`${e.machine ?? `template ${e.template}`}: ${e.phase} ${e.seconds} s`);
  }
  const result = JSON.parse(res.stdout.trimEnd().split('\n').pop()!) as { plan: { templates: { name: string; digest: string; action: string; image: { level?: string } | null }[] } };
  const step = result.plan.templates[0]!;
  t.deepEqual([step.name, step.action, step.image?.level], ['cloud', 'build', 'signed']);
  template = `rejviz-template_cloud_${step.digest.slice(0, 12)}.qcow2`;
  const info = JSON.parse((await runner.run('qemu-img', ['info', '-U', '--output=json', join(IMAGES, template)])).stdout) as { format: string; 'backing-filename'?: string };
  t.deepEqual([info.format, info['backing-filename']], ['qcow2', undefined], 'the template is a copy of the cached image, not an overlay on the cache');
  t.regex(res.stderr, /c1: ready: ssh answered with the pinned host key after \d+(\.\d)? s, cloud-init finished after \d+(\.\d)? s/);
  t.is(mirror!.requestsFor('debian/debian-12-generic-amd64.qcow2').filter((r) => r.method === 'GET').length, 1, 'the image was downloaded once');
  t.false(`${res.stdout}${res.stderr}`.includes('PRIVATE KEY'));

  // In the machine: the profile's runCommand, applied to the cloud image by virt-customize.
  const inGuest = await rejvizHostNet('rejviz-up', ['ssh', '--lab', LAB, '-c', SYSTEM, 'c1', '--', 'cat /etc/rejviz-cloud-test; hostname'], { cwd: dir, env });
  t.is(inGuest.exitCode, 0, inGuest.stderr);
  t.is(inGuest.stdout, `${MARK}\nc1\n`);
  t.regex(await virsh('vol-dumpxml', '--pool', 'default', `${LAB}_c1.qcow2`), new RegExp(`<backingStore>[\\s\\S]*${template.replace(/\./g, '\\.')}`), 'the disk is an overlay on the template');

  // status and images say where the template came from, and that it was verified by signature.
  const status = await up(['status', '--lab', LAB]);
  t.is(status.exitCode, 0, status.stderr);
  t.regex(status.stdout, /\nc1 +\S+ +cloud \(image mirror-debian-12, signed\) +/, status.stdout);
  const images = await up(['images', '--cloud', '--json']);
  t.is(images.exitCode, 0, images.stderr);
  const entries = JSON.parse(images.stdout) as { url: string; verification: { level: string }; templates: string[] }[];
  t.deepEqual(entries.map((e) => [e.url, e.verification.level, e.templates]), [[mirror!.url('debian/debian-12-generic-amd64.qcow2'), 'signed', [`default/${template}`]]], images.stdout);

  // The image republished under the same URL (other bytes, as a distribution's new `latest`):
  // the next up pulls it, keeps c1 as it is (the same domain, still on its template) and builds
  // nothing; --replace-outdated would replace it.
  const uuid = (await virsh('domuuid', `${LAB}_c1`)).trim();
  const www = join(dir, 'www', 'debian');
  const image = join(www, 'debian-12-generic-amd64.qcow2');
  await rm(image);
  await runner.run('qemu-img', ['convert', '-q', '-f', 'raw', '-O', 'qcow2', '-o', 'cluster_size=131072', join(fixtureRepo(), 'debian-12.raw'), image]);
  const republished = await fileDigest(image);
  await writeFile(join(www, 'SHA256SUMS'), gnuChecksums([{ name: 'debian-12-generic-amd64.qcow2', hex: republished }]));
  await rm(join(www, 'SHA256SUMS.gpg'));
  signer!.detachSign(join(www, 'SHA256SUMS'), join(www, 'SHA256SUMS.gpg'));
  const again = await up(['-f', 'lab.yaml']);
  t.is(again.exitCode, 0, again.stderr);
  t.is(mirror!.requestsFor('debian/debian-12-generic-amd64.qcow2').filter((r) => r.method === 'GET').length, 2, 'the republished image was pulled');
  t.is(again.stdout, [
    `lab ${LAB} is up as the file says: nothing to do`,
    `  template cloud: skip (no image with this content in the cache; no machine is made from it now), from image mirror-debian-12 (${mirror!.url('debian/debian-12-generic-amd64.qcow2')}), sha256:${republished.slice(0, 12)}… (verified, signed)`,
    `  ${LAB}_c1: keep (template cloud has a new base since it was made; kept as it is (--replace-outdated replaces it))`,
    '',
  ].join('\n'));
  t.is((await virsh('domuuid', `${LAB}_c1`)).trim(), uuid, 'the same domain');
  t.regex(await virsh('vol-dumpxml', '--pool', 'default', `${LAB}_c1.qcow2`), new RegExp(`<backingStore>[\\s\\S]*${template.replace(/\./g, '\\.')}`), 'still on the template it was made from');
  const replacing = await up(['plan', '-f', 'lab.yaml', '--replace-outdated']);
  t.is(replacing.exitCode, 0, replacing.stderr);
  t.true(replacing.stdout.includes(`\n  ${LAB}_c1: replace (template cloud has a new base)\n`), replacing.stdout);
  t.regex(replacing.stdout, /\n {2}template cloud: build \(no image with this content in the cache\)/);

  const destroyed = await up(['destroy', '-f', 'lab.yaml']);
  t.is(destroyed.exitCode, 0, destroyed.stderr);
  t.deepEqual(await leftovers(), { domains: [], volumes: [] }, 'destroy leaves nothing of the lab');
});
