// Tier 3: rejviz-install's cloud-init seed on qemu:///system, without waiting for a guest: the
// seed is a real ISO 9660 volume labelled cidata in the disk's pool, attached as a cdrom, with
// the planned files; undefine --remove-all-storage removes it; a failed install leaves no volume
// and no domain. The domain type shows the TCG fallback where KVM is unusable.
import { createRunner, type ImageManifest } from '@rejviz/core';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IMAGES, ISOLATED_NETWORK, randomMac, removeDomain, SYSTEM, uniqueName, virsh } from '../support/domain.js';
import { virtType } from '../support/env.js';
import { scratchDir, testNeeding, type Teardown } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';
import { writeTinyDisk } from '../support/test-manifest.js';
import { startRun, waitUntil } from '../support/fault-run.js';

const test = testNeeding([{ tool: 'virt-install' }, { tool: 'virsh' }, { tool: 'qemu-img' }, { tool: 'xorriso' }, { tool: 'blkid' }, { tool: 'cloud-init' }]);

const names: string[] = [];
test.after.always(async () => {
  for (const name of names) {
    await removeDomain(name);
    await createRunner().run('virsh', ['-c', SYSTEM, 'vol-delete', '--pool', 'default', `${name}-cidata.iso`], { allowFailure: true });
    await rm(join(IMAGES, `${name}.img`), { force: true });
  }
});

/** A tiny disk in the default pool's directory and a manifest with one static NIC. */
async function setUp(t: Teardown): Promise<{ name: string; disk: string; manifest: string; mac: string; dir: string }> {
  const name = uniqueName('rjvt-seed');
  names.push(name);
  const disk = join(IMAGES, `${name}.img`);
  // A partition table and nothing else: rejviz-install refuses to --import a disk with no image.
  await writeTinyDisk(disk);
  const mac = randomMac();
  const dir = await scratchDir(t, 'rjv-seed-');
  const doc: ImageManifest = {
    image: disk, format: 'raw', template: 'debian-12', osinfo: 'debian11', nicFormat: null,
    nics: [{ name: 'eth0', mac, bootproto: 'static', addresses: [{ address: '198.51.100.41', prefix: 24 }], gateway: null, gateway6: null, dns: [], mtu: null, onlink: null, defroute: null }], command: 'virt-builder debian-12',
  };
  const manifest = join(dir, 'vm.json');
  await writeFile(manifest, JSON.stringify(doc));
  return { name, disk, manifest, mac, dir };
}

const installArgs = (s: { name: string; disk: string; manifest: string }) => [
  '--connect', SYSTEM, '--manifest', s.manifest, '--default-network', ISOLATED_NETWORK, '--name', s.name, '--memory', '128',
  '--import', '--disk', `path=${s.disk},format=raw`, '--osinfo', 'debian11', '--graphics', 'none', '--noautoconsole',
];

test.serial('the seed is a cidata ISO volume in the disk pool, attached as a cdrom, removed with the domain', async (t) => {
  const s = await setUp(t);
  const key = join(s.dir, 'id.pub');
  await writeFile(key, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKm8YgQ3JQ3XbYp1b3pSx9vY4m4H3m1s1k8xq0rW7xVQ test@rejviz\n');
  const r = await rejviz('rejviz-install', [...installArgs(s), '--cloud-init', '--hostname', 'seed-host', '--user', 'admin', '--ssh-key', key, '--json']);
  t.is(r.exitCode, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { seed: { pool: string; volume: string } };
  t.deepEqual(out.seed.pool, 'default');
  t.is(out.seed.volume, `${s.name}-cidata.iso`);
  const path = (await virsh('vol-path', '--pool', 'default', out.seed.volume)).trim();
  t.is(path, join(IMAGES, out.seed.volume));
  t.is((await createRunner().run('blkid', ['-o', 'value', '-s', 'LABEL', path])).stdout.trim(), 'cidata');
  const extracted = await scratchDir(t, 'rjv-iso-');
  await createRunner().run('xorriso', ['-osirrox', 'on', '-indev', path, '-extract', '/', extracted]);
  const metaData = await readFile(join(extracted, 'meta-data'), 'utf8');
  t.regex(metaData, /^instance-id: iid-rejviz-[0-9a-f]{16}\nlocal-hostname: seed-host\n$/);
  const userData = await readFile(join(extracted, 'user-data'), 'utf8');
  t.regex(userData, /^#cloud-config\n/);
  t.regex(userData, /name: admin/);
  t.true(userData.includes('AAAAC3NzaC1lZDI1NTE5AAAAIKm8YgQ3JQ3XbYp1b3pSx9vY4m4H3m1s1k8xq0rW7xVQ'));
  const networkConfig = await readFile(join(extracted, 'network-config'), 'utf8');
  t.true(networkConfig.includes(`macaddress: "${s.mac}"`));
  t.true(networkConfig.includes('198.51.100.41/24'));
  const xml = await virsh('dumpxml', s.name);
  t.regex(xml, new RegExp(`<disk type='(file|volume)' device='cdrom'>[\\s\\S]*?${out.seed.volume.replace(/\./g, '\\.')}`));
  t.regex(xml, new RegExp(`<domain type='${await virtType()}'`));
  if ((await virtType()) === 'qemu') t.regex(r.stderr, /KVM is not usable here/);
  await virsh('destroy', s.name);
  await virsh('undefine', s.name, '--remove-all-storage');
  const gone = await createRunner().run('virsh', ['-c', SYSTEM, 'vol-info', '--pool', 'default', out.seed.volume], { allowFailure: true });
  t.not(gone.exitCode, 0);
});

test.serial('a failing virt-install leaves no seed volume and no domain, and passes its exit code through', async (t) => {
  const s = await setUp(t);
  // virt-install refuses the memory size after the seed volume exists.
  const r = await rejviz('rejviz-install', [...installArgs(s), '--cloud-init', '--memory', 'lots']);
  t.not(r.exitCode, 0);
  t.not(r.exitCode, 2, r.stderr);
  t.regex(r.stderr, /virt-install failed with exit code/);
  const vol = await createRunner().run('virsh', ['-c', SYSTEM, 'vol-info', '--pool', 'default', `${s.name}-cidata.iso`], { allowFailure: true });
  t.not(vol.exitCode, 0, 'the seed volume is gone');
  const dom = await createRunner().run('virsh', ['-c', SYSTEM, 'dominfo', s.name], { allowFailure: true });
  t.not(dom.exitCode, 0);
});

test.serial('seed input errors: one line, exit 2, no volume', async (t) => {
  const s = await setUp(t);
  const priv = join(s.dir, 'id');
  await writeFile(priv, '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n');
  const noHeader = join(s.dir, 'user-data.yaml');
  await writeFile(noHeader, 'packages: [vim]\n');
  const badSchema = join(s.dir, 'bad-schema.yaml');
  await writeFile(badSchema, '#cloud-config\nruncmd: 5\n');
  const cases: [string[], RegExp][] = [
    [['--user-data', badSchema], /--user-data .*bad-schema\.yaml: cloud-init's schema check failed: .*runcmd/],
    [['--ssh-key', priv], /--ssh-key: this is a private key; pass the public key instead/],
    [['--user-data', noHeader], /--user-data .*user-data\.yaml: first line must be #cloud-config/],
    [['--user-data', join(s.dir, 'missing.yaml')], /--user-data .*missing\.yaml: no such file/],
    [['--hostname', 'bad_host!'], /--hostname/],
    [['--user', 'root'], /--user root: root exists in every image/],
    [['--seed-pool', 'nosuchpool'], /--seed-pool nosuchpool: no such storage pool/],
  ];
  for (const [extra, message] of cases) {
    const r = await rejviz('rejviz-install', [...installArgs(s), ...extra]);
    t.is(r.exitCode, 2, `${extra.join(' ')}: ${r.stderr}`);
    t.regex(r.stderr, message);
    t.is(r.stderr.trim().split('\n').filter((l) => !/KVM is not usable/.test(l)).length, 1, r.stderr);
    const vol = await createRunner().run('virsh', ['-c', SYSTEM, 'vol-info', '--pool', 'default', `${s.name}-cidata.iso`], { allowFailure: true });
    t.not(vol.exitCode, 0);
  }
});

test.serial('SIGTERM while the real virt-install waits: its domain and seed are removed, and a retry of the name works', async (t) => {
  const s = await setUp(t);
  const run = await startRun('rejviz-install', [...installArgs(s), '--cloud-init', '--wait', '1']);
  // virt-install has defined and started the domain and now waits for it to shut down.
  await waitUntil(async () => (await createRunner().run('virsh', ['-c', SYSTEM, 'domstate', s.name], { allowFailure: true })).stdout.trim() === 'running', `${s.name} to run`);
  run.kill('SIGTERM');
  t.is(await run.exit, 143, run.stderr());
  t.regex(run.stderr(), /rejviz-install: interrupted by SIGTERM/);
  const dom = await createRunner().run('virsh', ['-c', SYSTEM, 'dominfo', s.name], { allowFailure: true });
  t.not(dom.exitCode, 0, 'the domain this run defined is gone');
  const vol = await createRunner().run('virsh', ['-c', SYSTEM, 'vol-info', '--pool', 'default', `${s.name}-cidata.iso`], { allowFailure: true });
  t.not(vol.exitCode, 0, 'its seed volume is gone');
  t.deepEqual(await run.leftovers(), []);
  const retry = await rejviz('rejviz-install', [...installArgs(s), '--cloud-init']);
  t.is(retry.exitCode, 0, retry.stderr);
});
