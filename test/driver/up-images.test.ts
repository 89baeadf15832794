// Tier 1 (driver): rejviz-up images and images prune on libvirt's test driver, in a pool of this
// file's own: a template image a lab's overlay uses, one that a volume some other tool made uses,
// one nothing uses, and volumes that are not template images. prune removes only the unused
// image; --dry-run removes nothing.
import { createRunner, createServices } from '@rejviz/core';
import { testNeeding, scratchDir } from '@rejviz/test-support';
import { listTemplateImages, pruneTemplateImages } from '@rejviz/up';
import { uniqueName } from '../support/domain.js';
import { rejviz } from '../support/rejviz.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';

const test = testNeeding([{ tool: 'virsh' }, { tool: 'qemu-img' }, { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' }]);

const POOL = uniqueName('rjvt-img');
const runner = createRunner();
const virsh = (...args: string[]) => runner.run('virsh', ['-c', TEST_URI, ...args]);
const USED = 'rejviz-template_web_0123456789ab.qcow2';
const FOREIGN_USED = 'rejviz-template_db_aaaaaaaaaaaa.qcow2';
const UNUSED = 'rejviz-template_web_ffffffffffff.qcow2';

test.before(async () => {
  await holdTestDriver();
  await virsh('pool-create-as', POOL, 'dir', '--target', `/${POOL}`);
  for (const v of [USED, FOREIGN_USED, UNUSED]) await virsh('vol-create-as', POOL, v, '512M', '--format', 'qcow2');
  await virsh('vol-create-as', POOL, 'lab_web-1.qcow2', '2G', '--format', 'qcow2', '--backing-vol', USED, '--backing-vol-format', 'qcow2');
  await virsh('vol-create-as', POOL, 'someone-elses.qcow2', '2G', '--format', 'qcow2', '--backing-vol', FOREIGN_USED, '--backing-vol-format', 'qcow2');
  // Not template images: a plain disk, and a name that only looks like one.
  await virsh('vol-create-as', POOL, 'plain.img', '1G', '--format', 'raw');
  await virsh('vol-create-as', POOL, 'rejviz-template_web_0123.qcow2', '1G', '--format', 'qcow2');
});
test.after.always(async () => {
  await runner.run('virsh', ['-c', TEST_URI, 'pool-destroy', POOL], { allowFailure: true });
  releaseTestDriver();
});

// Only this file's pool is listed or pruned (--pool): other tests' pools on the test driver stay.

test.serial('images lists the template images with their users; prune --dry-run and prune remove only the unused one', async (t) => {
  const services = await createServices();
  const images = await listTemplateImages({ uri: TEST_URI, pool: POOL }, services);
  t.deepEqual(images.map((i) => [i.volume, i.profile, i.digest12, i.users]), [
    [FOREIGN_USED, 'db', 'aaaaaaaaaaaa', [`${POOL}/someone-elses.qcow2`]],
    [USED, 'web', '0123456789ab', [`${POOL}/lab_web-1.qcow2`]],
    [UNUSED, 'web', 'ffffffffffff', []],
  ]);

  const text = await rejviz('rejviz-up', ['images', '-c', TEST_URI]);
  t.is(text.exitCode, 0, text.stderr);
  t.false(text.stdout.includes('plain.img'));
  t.regex(text.stdout, new RegExp(`\\n${POOL}\\s+${UNUSED.replace(/\./g, '\\.')}\\s+512 MiB\\s+none \\(rejviz-up images prune removes it\\)\\n`));

  const dry = await rejviz('rejviz-up', ['images', 'prune', '-c', TEST_URI, '--pool', POOL, '--dry-run']);
  t.is(dry.exitCode, 0, dry.stderr);
  t.true(dry.stdout.includes(`would remove ${POOL}/${UNUSED} (512 MiB)`), dry.stdout);
  t.is((await listTemplateImages({ uri: TEST_URI, pool: POOL }, services)).length, 3, '--dry-run removed nothing');

  const removed = await pruneTemplateImages({ uri: TEST_URI, pool: POOL }, services);
  t.deepEqual(removed.map((i) => i.volume), [UNUSED]);
  const left = (await virsh('vol-list', POOL)).stdout;
  for (const v of [USED, FOREIGN_USED, 'lab_web-1.qcow2', 'someone-elses.qcow2', 'plain.img', 'rejviz-template_web_0123.qcow2']) t.true(left.includes(v), `${v} stays`);
  t.false(left.includes(UNUSED));

  const bad = await rejviz('rejviz-up', ['images', 'prune', 'now', '-c', TEST_URI]);
  t.is(bad.exitCode, 2);
  t.regex(bad.stderr, /one verb at a time: got images and 'now'/);
});

test.serial('prune removes nothing while a pool cannot be read (an inactive one may hold an overlay on any template); --dry-run says so too', async (t) => {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { readTemplateRecords, writeTemplateRecord } = await import('@rejviz/up');
  const env = { ...process.env, XDG_STATE_HOME: await scratchDir(t, 'rjv-unread-') };
  t.teardown(() => rm(env.XDG_STATE_HOME, { recursive: true, force: true }));
  const services = await createServices({ env });
  const LONELY = 'rejviz-template_web_bbbbbbbbbbbb.qcow2';
  await virsh('vol-create-as', POOL, LONELY, '64M', '--format', 'qcow2');
  // Defined, not started: libvirt cannot list its volumes.
  const INACTIVE = uniqueName('rjvt-off');
  await virsh('pool-define-as', INACTIVE, 'dir', '--target', `/${INACTIVE}`);
  t.teardown(() => runner.run('virsh', ['-c', TEST_URI, 'pool-undefine', INACTIVE], { allowFailure: true }).then(() => undefined));
  const refusal = new RegExp(`^rejviz-up images prune: removed nothing: this could not be read, and a disk in it may be layered on a template image: pool ${INACTIVE} \\(not active, or its volumes could not be listed\\); start the pool \\(virsh pool-start POOL\\)`);
  for (const dryRun of [true, false]) {
    const error = await t.throwsAsync(pruneTemplateImages({ uri: TEST_URI, pool: POOL, dryRun }, services));
    t.regex(error!.message, refusal, `dryRun ${dryRun}`);
  }
  const cli = await rejviz('rejviz-up', ['images', 'prune', '-c', TEST_URI, '--pool', POOL]);
  t.not(cli.exitCode, 0);
  t.regex(cli.stderr, new RegExp(`removed nothing: .*pool ${INACTIVE} `));
  t.true((await virsh('vol-list', POOL)).stdout.includes(LONELY), 'the unused image is still there');
  await virsh('pool-undefine', INACTIVE);
  // Records are filed by pool and volume: one that another connection wrote for a volume of the
  // same name is not this connection's to remove with it.
  await writeTemplateRecord(env, { uri: 'qemu:///elsewhere', pool: POOL, volume: LONELY, profile: 'web', builtAt: new Date().toISOString(), from: { kind: 'virt-builder', template: 'debian-12' } });
  t.deepEqual((await pruneTemplateImages({ uri: TEST_URI, pool: POOL }, services)).map((i) => i.volume), [LONELY], 'with every pool read, the unused image goes');
  t.deepEqual((await readTemplateRecords(env)).map((r) => r.uri), ['qemu:///elsewhere'], "the other connection's record stays");
});

test.serial('a relative backing file and a pool reached through a symlink still count as users (a real dir pool on qemu:///system)', async (t) => {
  const { mkdtemp, symlink, rm } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const dir = await mkdtemp('/var/tmp/rjv-backing-');
  const link = `${dir}-link`;
  await symlink(dir, link);
  const system = (...args: string[]) => runner.run('virsh', ['-c', 'qemu:///system', ...args]);
  const pool = uniqueName('rjvt-rel');
  t.teardown(async () => {
    await runner.run('virsh', ['-c', 'qemu:///system', 'pool-destroy', pool], { allowFailure: true });
    await rm(link, { force: true });
    await rm(dir, { recursive: true, force: true });
  });
  const RELATIVE = 'rejviz-template_rel_cccccccccccc.qcow2';
  const LINKED = 'rejviz-template_rel_dddddddddddd.qcow2';
  const NONE = 'rejviz-template_rel_eeeeeeeeeeee.qcow2';
  for (const v of [RELATIVE, LINKED, NONE]) await runner.run('qemu-img', ['create', '-q', '-f', 'qcow2', join(dir, v), '64M']);
  // Another tool's overlays: one names its backing file relative to its own directory, one by the symlink.
  await runner.run('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', RELATIVE, '-F', 'qcow2', join(dir, 'rel-overlay.qcow2')]);
  await runner.run('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', join(link, LINKED), '-F', 'qcow2', join(dir, 'linked-overlay.qcow2')]);
  await system('pool-create-as', pool, 'dir', '--target', dir);
  const images = await listTemplateImages({ uri: 'qemu:///system', pool }, await createServices());
  t.deepEqual(images.map((i) => [i.volume, i.users]), [
    [RELATIVE, [`${pool}/rel-overlay.qcow2`]],
    [LINKED, [`${pool}/linked-overlay.qcow2`]],
    [NONE, []],
  ]);
});

test.serial("prune never removes an image a running rejviz-up has pinned (decided under the template lock); a dead run's pin is ignored", async (t) => {
  const { mkdtemp, mkdir, writeFile } = await import('node:fs/promises');
  const { tmpdir, hostname } = await import('node:os');
  const { join } = await import('node:path');
  const { pinTemplates, templatesStateDir, withTemplatesLock } = await import('@rejviz/up');
  const env = { ...process.env, XDG_STATE_HOME: await scratchDir(t, 'rjv-pins-') };
  const services = await createServices({ env });
  const PINNED = 'rejviz-template_app_111111111111.qcow2';
  const STALE = 'rejviz-template_app_222222222222.qcow2';
  for (const v of [PINNED, STALE]) await virsh('vol-create-as', POOL, v, '64M', '--format', 'qcow2');

  // A run that died (its pid is gone) left a pin on STALE.
  const dead = await runner.run('sh', ['-c', 'echo $$']);
  await mkdir(join(templatesStateDir(env), 'pins'), { recursive: true });
  await writeFile(join(templatesStateDir(env), 'pins', `${POOL}@${STALE}@${dead.stdout.trim()}`), JSON.stringify({ pid: Number(dead.stdout.trim()), host: hostname(), command: 'rejviz-up', since: new Date().toISOString() }));

  // While this "rejviz-up" holds the template lock (reading the cache), prune waits; the run pins
  // PINNED before letting go, so prune, deciding after it, keeps it.
  let pruned: Promise<{ volume: string }[]> | null = null;
  let settled = false;
  const pins = await withTemplatesLock(env, async () => {
    pruned = pruneTemplateImages({ uri: TEST_URI, pool: POOL }, services);
    void pruned.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 500));
    t.false(settled, 'prune waits for the template lock');
    return pinTemplates(env, POOL, [PINNED]);
  });
  t.deepEqual((await pruned!).map((i) => i.volume), [STALE], 'the pinned image stays; the stale pin protects nothing');
  await pins.release();
  t.deepEqual((await pruneTemplateImages({ uri: TEST_URI, pool: POOL }, services)).map((i) => i.volume), [PINNED], 'once the run is done (its overlays would now use it), an unused image goes');
});

test.serial("prune drops the records of this connection's template volumes removed outside rejviz; records of another connection, of a pinned volume, of a present one and without a connection stay", async (t) => {
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { pinTemplates, readTemplateRecords, withTemplatesLock, writeTemplateRecord } = await import('@rejviz/up');
  const env = { ...process.env, XDG_STATE_HOME: await scratchDir(t, 'rjv-records-') };
  const services = await createServices({ env });
  const GONE = 'rejviz-template_rec_444444444444.qcow2';
  const BUILDING = 'rejviz-template_rec_555555555555.qcow2';
  const OTHER = 'rejviz-template_rec_666666666666.qcow2';
  const OLD = 'rejviz-template_rec_777777777777.qcow2';
  const uri = (await virsh('uri')).stdout.trim();
  const record = (over: { uri?: string; pool?: string; volume: string }) => writeTemplateRecord(env, {
    pool: POOL, profile: 'rec', builtAt: new Date().toISOString(), from: { kind: 'virt-builder', template: 'debian-12' }, ...over,
  });
  await record({ uri, volume: USED });
  await record({ uri, volume: GONE });
  await record({ uri, volume: BUILDING });
  // The same pool name on another connection, and a record from before records named one.
  await record({ uri: 'qemu:///elsewhere', volume: OTHER });
  await record({ volume: OLD });
  // A build that has recorded its volume before libvirt's pool was refreshed holds a pin on it.
  const pins = await withTemplatesLock(env, () => pinTemplates(env, POOL, [BUILDING]));
  t.deepEqual(await pruneTemplateImages({ uri: TEST_URI, pool: POOL }, services), [], 'no template image goes: the ones left are used');
  await pins.release();
  const left = (await readTemplateRecords(env)).map((r) => `${r.pool}/${r.volume}`).sort();
  // GONE went: this connection's, in a pool just listed, not pinned, and not there.
  t.deepEqual(left, [BUILDING, OLD, OTHER, USED].map((v) => `${POOL}/${v}`).sort());
});

test.serial("a domain's disk outside every pool keeps the template under it (directly or a layer down, by its qcow2 headers or libvirt's backing chain); a disk that cannot be read stops prune", async (t) => {
  const { join } = await import('node:path');
  const dir = await scratchDir(t, 'rjv-domain-disks-');
  const DIRECT = 'rejviz-template_dom_888888888888.qcow2';
  const DEEP = 'rejviz-template_dom_999999999999.qcow2';
  const IN_XML = 'rejviz-template_dom_cdcdcdcdcdcd.qcow2';
  const FREE = 'rejviz-template_dom_abababababab.qcow2';
  for (const v of [DIRECT, DEEP, IN_XML, FREE]) await virsh('vol-create-as', POOL, v, '64M', '--format', 'qcow2');
  // The test driver's volumes are not files on this host: the overlays name them unchecked (-u).
  const volPath = async (v: string) => (await virsh('vol-path', '--pool', POOL, v)).stdout.trim();
  const overlay = (file: string, backing: string) => runner.run('qemu-img', ['create', '-q', '-u', '-f', 'qcow2', '-b', backing, '-F', 'qcow2', join(dir, file), '64M']);
  await overlay('direct.qcow2', await volPath(DIRECT));
  await overlay('middle.qcow2', await volPath(DEEP));
  // Named relative to its own directory, as qemu-img create -b NAME writes it.
  await overlay('top.qcow2', 'middle.qcow2');
  const disk = (target: string, file: string, inner = '') => `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${file}'/>${inner}<target dev='${target}' bus='virtio'/></disk>`;
  const domain = uniqueName('rjvt-disks');
  // A disk whose chain libvirt gives in its XML: none of these files exists on this host.
  const chain = `<backingStore type='file'><format type='qcow2'/><source file='/elsewhere/mid.qcow2'/><backingStore type='file'><format type='qcow2'/><source file='${await volPath(IN_XML)}'/><backingStore/></backingStore></backingStore>`;
  const define = async (name: string, disks: string) => {
    const xml = join(dir, `${name}.xml`);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(xml, `<domain type='test'><name>${name}</name><memory unit='MiB'>64</memory><os><type>hvm</type></os><devices>${disks}</devices></domain>`);
    await virsh('define', xml);
    t.teardown(() => runner.run('virsh', ['-c', TEST_URI, 'undefine', name], { allowFailure: true }).then(() => undefined));
  };
  await define(domain, disk('vda', join(dir, 'direct.qcow2')) + disk('vdb', join(dir, 'top.qcow2')) + disk('vdc', '/elsewhere/top.qcow2', chain));
  const services = await createServices();
  const users = new Map((await listTemplateImages({ uri: TEST_URI, pool: POOL }, services)).map((i) => [i.volume, i.users]));
  t.deepEqual(users.get(DIRECT), [`domain ${domain} (vda)`]);
  t.deepEqual(users.get(DEEP), [`domain ${domain} (vdb)`], 'a layer down, through a relative backing name');
  t.deepEqual(users.get(IN_XML), [`domain ${domain} (vdc)`], "libvirt's backingStore chain");
  t.deepEqual(users.get(FREE), []);
  t.deepEqual((await pruneTemplateImages({ uri: TEST_URI, pool: POOL }, services)).map((i) => i.volume), [FREE], 'only the image no disk is layered on goes');

  // A disk this host cannot read (here a directory) may be layered on anything: nothing goes.
  const LATER = 'rejviz-template_dom_efefefefefef.qcow2';
  await virsh('vol-create-as', POOL, LATER, '64M', '--format', 'qcow2');
  const unreadable = uniqueName('rjvt-unread');
  await define(unreadable, disk('vda', dir));
  const error = await t.throwsAsync(pruneTemplateImages({ uri: TEST_URI, pool: POOL }, services));
  t.true(error!.message.includes(`removed nothing: this could not be read, and a disk in it may be layered on a template image: disk ${dir} of domain ${unreadable} (it could not be read); `), error!.message);
  await virsh('undefine', unreadable);
  t.deepEqual((await pruneTemplateImages({ uri: TEST_URI, pool: POOL }, services)).map((i) => i.volume), [LATER]);
  for (const v of [DIRECT, DEEP, IN_XML]) t.true((await virsh('vol-list', POOL)).stdout.includes(v), `${v} stays`);
});
