// Tier 1 (driver): rejviz-up gen --makefile DIR on libvirt's test driver, through the bin. It
// writes the Makefile, the network and domain XML and the seed files (user-data 0600, no secret on
// stdout); `make -n up` lists the commands; `make up` (virsh, qemu-img and genisoimage only) makes
// a lab that rejviz-up status lists and rejviz-up plan keeps as the file says; `make up` again
// changes nothing; gen refuses a DIR that holds other files, and a lab that exists, leaving DIR
// as it was; `make destroy` leaves nothing. The test driver keeps volumes in memory, so the lab's
// pool is a host directory: the Makefile's qemu-img and genisoimage write there. The template is
// put in the pool as rejviz-up caches it (a volume, and a file for rejviz-install's check).
import { createRunner } from '@rejviz/core';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testNeeding } from '@rejviz/test-support';
import { lockLab, readMachineRecord } from '@rejviz/up';
import { uniqueName } from '../support/domain.js';
import { rejviz } from '../support/rejviz.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';

const test = testNeeding([
  { tool: 'virsh' }, { tool: 'virt-install' }, { tool: 'qemu-img' }, { tool: 'make' }, { tool: 'genisoimage' }, { tool: 'unshare' },
  { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' },
]);

const LAB = uniqueName('rjvt-gen');
const POOL = `${LAB}-pool`;
const SECRET = 's3cret-gen-pw';
const runner = createRunner();
const virsh = (...args: string[]) => runner.run('virsh', ['-c', TEST_URI, ...args]);
let dir = '';
let pool = '';

const LAB_FILE = `name: ${LAB}
templates: { tiny: { base: tiny-centos7, sysprep: false } }
networks: { lab: { subnet: 198.51.100.0/24, gateway: 198.51.100.1 } }
defaults: { template: tiny, memory: 128M }
machines:
  - { name: db, vcpus: 2, management: true, disks: [{ size: 32M, format: raw }], nics: [{ network: lab, address: 198.51.100.10, mac: "52:54:00:0a:00:01" }], userData: { password: ${SECRET}, chpasswd: { expire: false } } }
  - { name: plain, seed: false, nics: [{ network: lab, address: dhcp, mac: "52:54:00:0a:00:02" }] }
`;

const up = (args: string[]) => rejviz('rejviz-up', [...args, '-c', TEST_URI], { cwd: dir, env: { XDG_STATE_HOME: join(dir, 'state') } });
const make = (...args: string[]) => runner.run('make', ['-C', join(dir, 'out'), ...args], { allowFailure: true });
const names = async (...args: string[]) => (await virsh(...args)).stdout.split('\n').map((l) => l.trim()).filter(Boolean);

test.before(async () => {
  await holdTestDriver();
  dir = await mkdtemp(join(tmpdir(), 'rjv-up-gen-'));
  pool = join(dir, 'pool');
  await mkdir(pool);
  await virsh('pool-create-as', POOL, 'dir', '--target', pool);
  await writeFile(join(dir, 'rejviz.yaml'), LAB_FILE);
  const plan = JSON.parse((await up(['plan', '--json'])).stdout) as { templates: { digest: string }[] };
  const template = `rejviz-template_tiny_${plan.templates[0]!.digest.slice(0, 12)}.qcow2`;
  await virsh('vol-create-as', POOL, template, '64M', '--format', 'qcow2');
  await runner.run('qemu-img', ['create', '-q', '-f', 'qcow2', join(pool, template), '64M']);
});
test.after.always(async () => {
  if (dir) await make('destroy');
  await runner.run('virsh', ['-c', TEST_URI, 'pool-destroy', POOL], { allowFailure: true });
  releaseTestDriver();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test.serial("gen while another run holds the lab's lock: exit 2 naming the holder, nothing written", async (t) => {
  const lock = await lockLab(LAB, { env: { XDG_STATE_HOME: join(dir, 'state') }, command: 'rejviz-up' });
  try {
    const res = await up(['gen', '--makefile', 'out', '--pool', POOL]);
    t.is(res.exitCode, 2, res.stderr);
    t.regex(res.stderr, new RegExp(`lab '?${LAB}'? .*rejviz-up.*pid ${process.pid}|${process.pid}.*rejviz-up`), res.stderr);
    await t.throwsAsync(stat(join(dir, 'out')), { code: 'ENOENT' });
  } finally {
    await lock.release();
  }
});

test.serial('gen writes the Makefile, XML and seed files; make -n up lists the commands', async (t) => {
  const res = await up(['gen', '--makefile', 'out', '--pool', POOL]);
  t.is(res.exitCode, 0, res.stderr);
  t.regex(res.stdout, new RegExp(`^wrote ${dir}/out for lab ${LAB}: machine\\(s\\) db, plain, network\\(s\\) ${LAB}_lab\\n`));
  t.false(`${res.stdout}${res.stderr}`.includes(SECRET), 'no secret in the output');
  const out = join(dir, 'out');
  t.deepEqual((await readdir(out, { recursive: true })).sort(), [
    '.rejviz-up-gen', 'Makefile', 'machines', 'machines/db', 'machines/db/domain.xml', 'machines/db/seed', 'machines/db/seed/meta-data',
    'machines/db/seed/network-config', 'machines/plain', 'machines/plain/domain.xml', 'networks', `networks/${LAB}_lab.xml`,
  ]);
  // The user-data (secrets: the password, the host keys' private halves) is in the lab's state
  // directory, which make destroy removes; DIR holds none of it.
  const seeds = join(dir, 'state', 'rejviz', 'labs', LAB, 'seeds');
  t.is((await stat(join(seeds, 'db', 'user-data'))).mode & 0o777, 0o600);
  t.is((await stat(seeds)).mode & 0o777, 0o700);
  for (const file of await readdir(out, { recursive: true })) {
    const path = join(out, file);
    if ((await stat(path)).isFile()) t.false(/PRIVATE KEY|s3cret-gen-pw/.test(await readFile(path, 'utf8')), `no secret in ${file}`);
  }
  t.true((await readFile(join(out, 'Makefile'), 'utf8')).includes(join(seeds, 'db', 'user-data')), "the Makefile's seed takes it from there");
  const userData = await readFile(join(seeds, 'db', 'user-data'), 'utf8');
  t.true(userData.startsWith('#cloud-config\n') && userData.includes(`password: ${SECRET}`) && userData.includes('hostname: db'), userData);
  // dsmode: local: the template is a fast-boot one (plugin-cloud-init's fast-boot.ts).
  t.regex(await readFile(join(out, 'machines/db/seed/meta-data'), 'utf8'), new RegExp(`^instance-id: ${LAB}_db-[0-9a-f]{12}\\nlocal-hostname: db\\ndsmode: local\\n$`));
  const networkConfig = await readFile(join(out, 'machines/db/seed/network-config'), 'utf8');
  t.true(networkConfig.includes('macaddress: "52:54:00:0a:00:01"') && networkConfig.includes('- 198.51.100.10/24'), networkConfig);
  // db's management NIC: qemu's own (restricted user-mode, ssh from a port on 127.0.0.1), not a
  // libvirt interface; the seed's network-config brings it up by MAC as mgmt0.
  const dbXml = await readFile(join(out, 'machines/db/domain.xml'), 'utf8');
  const mgmt = /-netdev user,id=rjvmgmt0,restrict=on,ipv6=off,hostfwd=tcp:127\.0\.0\.1:(\d+)-:22 -device virtio-net-pci,netdev=rjvmgmt0,mac=(52:54:00(?::[0-9a-f]{2}){3}),bus=pcie\.0,addr=0x10/.exec(dbXml.replace(/<\/?qemu:arg value="|"\/>\s*/g, (x) => (x.startsWith('"') ? ' ' : '')));
  t.truthy(mgmt, dbXml);
  t.is((dbXml.match(/<interface /g) ?? []).length, 1, 'one libvirt interface: the lab NIC');
  t.regex(networkConfig, new RegExp(`mgmt0:\\s+match:\\s+macaddress: "${mgmt?.[2]}"[\\s\\S]*?- 10\\.0\\.2\\.15/24`));
  t.false(/mgmt0:[\s\S]*gateway4|routes:[\s\S]*10\.0\.2\.2/.test(networkConfig), 'no route through the management NIC');
  t.is(await readFile(join(out, `networks/${LAB}_lab.xml`), 'utf8'), `<network><name>${LAB}_lab</name></network>\n`);

  const xml = await readFile(join(out, 'machines/db/domain.xml'), 'utf8');
  t.regex(xml, new RegExp(`<name>${LAB}_db</name>`));
  t.regex(xml, /<vcpu[^>]*>2<\/vcpu>/);
  t.regex(xml, /<source network="[^"]+_lab"\/>\s*<mac address="52:54:00:0a:00:01"\/>/);
  for (const file of [`${LAB}_db.qcow2`, `${LAB}_db-disk1.img`, `${LAB}_db-cidata.iso`]) t.true(xml.includes(`<source file="${pool}/${file}"/>`), file);
  t.like(readMachineRecord(xml), { lab: LAB, machine: 'db', config: { memoryMiB: 128, vcpus: 2 } });
  // The record (readable by anyone with read-only libvirt access) holds the userData as a digest only.
  t.false(xml.includes(SECRET), 'no userData secret in the domain XML');
  t.regex(readMachineRecord(xml)!.config!.userData, /^scrypt:[0-9a-f]{64}$/);
  t.false((await readFile(join(out, 'machines/plain/domain.xml'), 'utf8')).includes('cidata'), 'seed: false: no seed');

  const dry = await make('-n', 'up');
  t.is(dry.exitCode, 0, dry.stderr);
  for (const line of [
    `net-define networks/${LAB}_lab.xml`, `net-start ${LAB}_lab`,
    `qemu-img create -q -f qcow2 -b ${pool}/rejviz-template_tiny_`, `-F qcow2 ${pool}/${LAB}_db.qcow2 64M`,
    `qemu-img create -q -f raw ${pool}/${LAB}_db-disk1.img 32M`, `-o ${pool}/${LAB}_db-cidata.iso -V cidata -J -R machines/db/seed/meta-data`,
    `pool-refresh ${POOL}`, '-q define machines/db/domain.xml', `start ${LAB}_db`, '-q define machines/plain/domain.xml',
  ]) t.true(dry.stdout.includes(line), line);
  t.deepEqual(await names('list', '--all', '--name').then((n) => n.filter((x) => x.startsWith(LAB))), [], 'make -n made nothing');
});

test.serial('make up: the lab as rejviz-up would have it (status lists it, plan keeps it); again: no change; gen refuses it and a foreign DIR', async (t) => {
  const made = await make('up');
  t.is(made.exitCode, 0, made.stderr);
  const status = JSON.parse((await up(['status', '--lab', LAB, '--json'])).stdout) as { machine: string; state: string; nics: { mac: string; address: string | null }[] }[];
  t.deepEqual(status.map((m) => [m.machine, m.state, m.nics.map((n) => [n.mac, n.address])]), [
    ['db', 'running', [['52:54:00:0a:00:01', '198.51.100.10/24']]], ['plain', 'running', [['52:54:00:0a:00:02', null]]],
  ]);
  const planned = await up(['plan', '--json']);
  t.false(planned.stdout.includes(SECRET), 'no userData secret in plan --json');
  t.false((await virsh('dumpxml', `${LAB}_db`)).stdout.includes(SECRET), "no userData secret in libvirt's domain definition");
  const plan = JSON.parse(planned.stdout) as { machines: { domain: string; action: string }[] };
  t.deepEqual(plan.machines.map((m) => [m.domain, m.action]), [[`${LAB}_db`, 'keep'], [`${LAB}_plain`, 'keep']], 'rejviz-up sees the lab as its file says');
  t.true((await names('net-list', '--name')).includes(`${LAB}_lab`));
  const overlay = join(pool, `${LAB}_db.qcow2`);
  const before = [(await stat(overlay)).mtimeMs, (await virsh('domuuid', `${LAB}_db`)).stdout];
  const again = await make('up');
  t.is(again.exitCode, 0, again.stderr);
  t.deepEqual([(await stat(overlay)).mtimeMs, (await virsh('domuuid', `${LAB}_db`)).stdout], before, 'make up again: the same domain and disk, nothing made again');

  const makefile = await readFile(join(dir, 'out/Makefile'), 'utf8');
  const exists = await up(['gen', '--makefile', 'out', '--pool', POOL]);
  t.is(exists.exitCode, 2);
  t.regex(exists.stderr, new RegExp(`rejviz-up: error: lab ${LAB} has domains on this connection already \\(${LAB}_db, ${LAB}_plain\\); gen writes how to create the lab from nothing`));
  t.is(await readFile(join(dir, 'out/Makefile'), 'utf8'), makefile, 'DIR untouched');

  await mkdir(join(dir, 'mine'));
  await writeFile(join(dir, 'mine', 'notes.txt'), 'mine\n');
  const foreign = await up(['gen', '--makefile', 'mine', '--pool', POOL]);
  t.is(foreign.exitCode, 2);
  t.regex(foreign.stderr, /--makefile mine: the directory holds other files \(notes\.txt\); give a new or empty directory/);
  t.deepEqual(await readdir(join(dir, 'mine')), ['notes.txt']);
  t.false((await readdir(dir)).some((n) => n.includes('.gen-')), 'no temporary directory left');
});

test.serial('make destroy: nothing of the lab is left; again: still fine', async (t) => {
  const gone = await make('destroy');
  t.is(gone.exitCode, 0, gone.stderr);
  t.deepEqual((await names('list', '--all', '--name')).filter((n) => n.startsWith(LAB)), []);
  t.deepEqual((await names('net-list', '--all', '--name')).filter((n) => n.startsWith(LAB)), []);
  t.deepEqual((await readdir(pool)).filter((n) => n.startsWith(LAB)), []);
  await t.throwsAsync(stat(join(dir, 'state', 'rejviz', 'labs', LAB)), { code: 'ENOENT' }, "the lab's state directory goes too, as with rejviz-up destroy, and the seeds' user-data with it");
  t.is((await make('destroy')).exitCode, 0, 'destroy on nothing succeeds');
  // make up again needs a new gen: said before anything is made.
  const again = await make('up-db');
  t.not(again.exitCode, 0);
  t.regex(again.stderr, /make up-db: the user-data of its seed is gone \(make destroy removes it with the state of the lab\); run rejviz-up gen again/);
  t.deepEqual((await names('net-list', '--all', '--name')).filter((n) => n.startsWith(LAB)), [], 'no network made');
});

test.serial("the template image stays pinned while a gen Makefile names it, with no overlay on it yet; without the Makefile, prune takes it", async (t) => {
  const template = (await names('vol-list', '--pool', POOL)).map((l) => l.split(/\s+/)[0]!).find((n) => n.startsWith('rejviz-template_tiny_'))!;
  t.truthy(template);
  const pruneDryRun = async () => {
    const res = await up(['images', 'prune', '--dry-run', '--pool', POOL]);
    t.is(res.exitCode, 0, res.stderr);
    return res.stdout;
  };
  const kept = await pruneDryRun();
  t.false(kept.includes(template), `after make destroy, out/Makefile still names it: kept (${kept}; pins: ${(await readdir(join(dir, 'state', 'rejviz', 'templates', 'pins')).catch((e: Error) => [e.message])).join(' ')})`);
  const pruned = await up(['images', 'prune', '--pool', POOL]);
  t.is(pruned.exitCode, 0, pruned.stderr);
  t.true((await names('vol-list', '--pool', POOL)).some((l) => l.startsWith(template)), 'a real prune keeps it too');
  await rm(join(dir, 'out'), { recursive: true });
  t.regex(await pruneDryRun(), new RegExp(`would remove ${POOL}/${template.replace(/[.]/g, '\\.')} `), 'the Makefile gone: the image is unused');
  t.deepEqual(await readdir(join(dir, 'state', 'rejviz', 'templates', 'pins')), [], 'the stale pin is removed');
});

test('argument errors: gen needs --makefile, other verbs refuse it, --lab and --dry-run are refused (exit 2)', async (t) => {
  for (const [args, message] of [
    [['gen'], /^rejviz-up: error: gen needs --makefile DIR/],
    [['plan', '--makefile', 'x'], /^rejviz-up: error: --makefile x: only gen writes a Makefile/],
    [['gen', '--makefile', 'x', '--lab', LAB], /^rejviz-up: error: --lab .*: gen reads the lab file/],
    [['gen', '--makefile', 'x', '--dry-run'], /^rejviz-up: error: gen --dry-run: gen changes nothing in libvirt/],
  ] as const) {
    const res = await up([...args]);
    t.is(res.exitCode, 2, args.join(' '));
    t.regex(res.stderr, message, args.join(' '));
  }
});
