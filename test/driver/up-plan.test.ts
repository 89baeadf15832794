// Tier 1 (driver): rejviz-up's plan against libvirt's test driver. A new lab plans every machine
// created; once domains carrying the lab's metadata exist, the same file plans no change; a
// changed file replaces what changed (and says what), a lowered count removes, a foreign domain of
// the same name stops the plan. The metadata is written with `virsh metadata --set`, as rejviz-up
// writes it, and read back from `virsh dumpxml`.
import { createRunner, createServices } from '@rejviz/core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testNeeding } from '@rejviz/test-support';
import { configChanges, LAB_XMLNS, LAB_XMLNS_KEY, machineMetadataXml, planUp, readMachineRecord, userDataDigest, type UpPlan } from '@rejviz/up';
import { uniqueName } from '../support/domain.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';

const test = testNeeding([{ tool: 'virsh' }, { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' }]);

const LAB = uniqueName('rjvt-up');
const NETWORK = uniqueName('rjvt-upnet');
const runner = createRunner();
const virsh = (...args: string[]) => runner.run('virsh', ['-c', TEST_URI, ...args]);
let dir = '';
const defined: string[] = [];

test.before(async () => {
  await holdTestDriver();
  dir = await mkdtemp(join(tmpdir(), 'rjv-up-plan-'));
  // A routed test-driver network with a DHCP range, as an existing lab network (the test driver
  // only records it: no bridge, no traffic).
  await writeFile(join(dir, 'net.xml'), `<network><name>${NETWORK}</name><forward mode='route'/><ip address='198.51.100.1' prefix='24'><dhcp><range start='198.51.100.100' end='198.51.100.199'/></dhcp></ip></network>`);
  await virsh('net-define', join(dir, 'net.xml'));
});
test.after.always(async () => {
  for (const d of defined) await runner.run('virsh', ['-c', TEST_URI, 'undefine', d], { allowFailure: true });
  await runner.run('virsh', ['-c', TEST_URI, 'net-undefine', NETWORK], { allowFailure: true });
  if (dir) await rm(dir, { recursive: true, force: true });
  releaseTestDriver();
});

const labFile = (count: number, dbMemory = '1G') => `name: ${LAB}
templates: { debian: { base: debian-12, packages: [curl] } }
networks: { lab: { existing: ${NETWORK} } }
defaults: { template: debian }
machines:
  - { name: db, memory: ${dbMemory}, nics: [{ network: lab, address: 198.51.100.10 }] }
  - { name: web, count: ${count}, nics: [{ network: lab }] }
`;

async function plan(text: string, cached: Set<string> = new Set()): Promise<UpPlan> {
  const services = await createServices({ env: { ...process.env, XDG_STATE_HOME: dir } });
  return planUp({ file: 'rejviz.yaml', text, uri: TEST_URI, cachedTemplates: cached }, services);
}

// What rejviz-up leaves behind for a machine: a domain with its MACs, and the lab's record set
// with virsh metadata, the way rejviz-up sets it.
async function defineMachine(up: UpPlan, name: string): Promise<void> {
  const step = up.plan.machines.find((m) => m.name === name)!;
  const nics = step.config!.nics.map((n) => `<interface type='network'><mac address='${n.mac}'/><source network='${n.network}'/></interface>`).join('');
  await writeFile(join(dir, `${name}.xml`), `<domain type='test'><name>${step.domain}</name><memory unit='MiB'>${step.config!.memoryMiB}</memory><os><type>hvm</type></os><devices>${nics}</devices></domain>`);
  await virsh('define', join(dir, `${name}.xml`));
  defined.push(step.domain);
  const metadata = machineMetadataXml(LAB, name, step.config!);
  const inner = metadata.replace(new RegExp(`^<${LAB_XMLNS_KEY}:machine xmlns:${LAB_XMLNS_KEY}="[^"]*"`), '<machine').replace(new RegExp(`</${LAB_XMLNS_KEY}:machine>$`), '</machine>');
  await virsh('metadata', step.domain, LAB_XMLNS, '--key', LAB_XMLNS_KEY, '--set', inner, '--config');
}

test.serial('a new lab: every machine is created, addresses clear of the DHCP range and the host, MACs generated', async (t) => {
  const up = await plan(labFile(2));
  t.deepEqual(up.plan.machines.map((m) => [m.name, m.domain, m.action]), [
    ['db', `${LAB}_db`, 'create'], ['web-1', `${LAB}_web-1`, 'create'], ['web-2', `${LAB}_web-2`, 'create'],
  ]);
  t.deepEqual(up.plan.templates.map((x) => [x.name, x.action]), [['debian', 'build']]);
  t.deepEqual(up.allocation.map((m) => m.nics[0]!.address?.address), ['198.51.100.10', '198.51.100.2', '198.51.100.3']);
  for (const m of up.allocation) t.regex(m.nics[0]!.mac, /^52:54:00(:[0-9a-f]{2}){3}$/);
  t.is(up.plan.changes, 4);
});

test.serial('once the domains exist with their records, the same file plans no change; a changed file replaces and removes', async (t) => {
  const first = await plan(labFile(2));
  for (const name of ['db', 'web-1', 'web-2']) await defineMachine(first, name);
  const record = readMachineRecord((await virsh('dumpxml', `${LAB}_db`)).stdout);
  t.like(record, { lab: LAB, machine: 'db' });
  t.deepEqual(record?.config, first.plan.machines[0]!.config, 'libvirt gives back the record as written');

  const cached = new Set(first.plan.templates.map((x) => x.digest));
  const again = await plan(labFile(2), cached);
  t.is(again.plan.changes, 0, 'nothing to do');
  t.deepEqual(again.plan.machines.map((m) => m.action), ['keep', 'keep', 'keep']);
  t.deepEqual(again.allocation, first.allocation, 'the MACs and addresses recorded in libvirt are kept');

  const changed = await plan(labFile(1, '2G'), cached);
  t.deepEqual(changed.plan.machines.map((m) => [m.name, m.action, m.reasons]), [
    ['db', 'replace', ['memory 1024M -> 2048M']],
    ['web-1', 'keep', ['as the file says']],
    ['web-2', 'remove', ['no longer in the lab file']],
  ]);
  t.is(changed.plan.changes, 2);
});

test.serial('a domain of the same name that is not the lab\'s stops the plan', async (t) => {
  const other = uniqueName('rjvt-uplab');
  const text = labFile(1).replace(`name: ${LAB}`, `name: ${other}`);
  await writeFile(join(dir, 'foreign.xml'), `<domain type='test'><name>${other}_db</name><memory>131072</memory><os><type>hvm</type></os></domain>`);
  await virsh('define', join(dir, 'foreign.xml'));
  defined.push(`${other}_db`);
  const err = await t.throwsAsync(plan(text));
  t.is(err?.message, `a domain named ${other}_db exists and belongs to no lab; rename the machine or the lab, or remove that domain (virsh undefine ${other}_db)`);
});

test.serial("a template changed in its repository (the index's checksum or revision) is built again; an unchanged one is kept", async (t) => {
  const repo = await mkdtemp(join(dir, 'repo-'));
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(repo, 'virt-builder', 'repos.d'), { recursive: true });
  const index = join(repo, 'index');
  await writeFile(join(repo, 'virt-builder', 'repos.d', 'lab.conf'), `[lab]\nuri=file://${index}\n`);
  const entry = (checksum: string, revision: number) => `[debian-12]\nname=Debian 12\nfile=debian-12.raw\nchecksum[sha512]=${checksum}\nrevision=${revision}\n`;
  const planWith = async (cached: Set<string> = new Set()) => {
    const services = await createServices({ env: { ...process.env, XDG_STATE_HOME: dir, VIRT_BUILDER_DIRS: repo, XDG_CONFIG_HOME: join(repo, 'empty') } });
    return planUp({ file: 'rejviz.yaml', text: labFile(1).replace(`name: ${LAB}`, `name: ${LAB}-repo`), uri: TEST_URI, cachedTemplates: cached }, services);
  };
  await writeFile(index, entry('aa'.repeat(64), 1));
  const first = await planWith();
  const cached = new Set(first.plan.templates.map((x) => x.digest));
  t.deepEqual((await planWith(cached)).plan.templates.map((x) => x.action), ['keep'], 'same index entry: the cached image is used');
  await writeFile(index, entry('bb'.repeat(64), 1));
  const newChecksum = await planWith(cached);
  t.deepEqual(newChecksum.plan.templates.map((x) => x.action), ['build'], 'a new checksum: built again');
  t.not(newChecksum.plan.templates[0]!.digest, first.plan.templates[0]!.digest);
  await writeFile(index, entry('aa'.repeat(64), 2));
  t.deepEqual((await planWith(cached)).plan.templates.map((x) => x.action), ['build'], 'a new revision: built again');
});

test.serial('a template from an http repository is keyed on its index entry too (fetched with curl from 127.0.0.1; the copy fetched last stands in when the server is gone)', async (t) => {
  const { createServer } = await import('node:http');
  const { mkdir } = await import('node:fs/promises');
  let served: string | null = '';
  const server = createServer((_req, res) => {
    res.writeHead(served === null ? 503 : 200);
    res.end(served ?? 'down');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  const repo = await mkdtemp(join(dir, 'http-repo-'));
  await mkdir(join(repo, 'virt-builder', 'repos.d'), { recursive: true });
  const port = (server.address() as import('node:net').AddressInfo).port;
  await writeFile(join(repo, 'virt-builder', 'repos.d', 'lab.conf'), `[lab]\nuri=http://127.0.0.1:${port}/builder/index.asc\nproxy=off\n`);
  const entry = (checksum: string, revision: number) => `[debian-12]\nname=Debian 12\nfile=debian-12.raw\nchecksum[sha512]=${checksum}\nrevision=${revision}\n`;
  const notices: string[] = [];
  const planWith = async (cached: Set<string> = new Set()) => {
    const services = await createServices({
      env: { ...process.env, XDG_STATE_HOME: dir, XDG_CACHE_HOME: join(repo, 'cache'), VIRT_BUILDER_DIRS: repo, XDG_CONFIG_HOME: join(repo, 'empty') },
      notice: (text) => notices.push(text),
    });
    return planUp({ file: 'rejviz.yaml', text: labFile(1).replace(`name: ${LAB}`, `name: ${LAB}-http`), uri: TEST_URI, cachedTemplates: cached }, services);
  };
  served = entry('aa'.repeat(64), 1);
  const first = await planWith();
  const cached = new Set(first.plan.templates.map((x) => x.digest));
  t.deepEqual((await planWith(cached)).plan.templates.map((x) => x.action), ['keep'], 'same index entry: the cached image is used');
  served = entry('bb'.repeat(64), 1);
  t.deepEqual((await planWith(cached)).plan.templates.map((x) => x.action), ['build'], 'a new checksum upstream: built again');
  served = entry('aa'.repeat(64), 2);
  const newRevision = await planWith(cached);
  t.deepEqual(newRevision.plan.templates.map((x) => x.action), ['build'], 'a new revision upstream: built again');
  t.deepEqual(notices, []);
  served = null;
  const offline = await planWith(new Set([newRevision.plan.templates[0]!.digest]));
  t.deepEqual(offline.plan.templates.map((x) => x.action), ['keep'], 'server gone: the last copy of the index keys the template as before');
  t.is(notices.length, 1);
  t.regex(notices[0]!, /could not read the template index http:\/\/127\.0\.0\.1:\d+\/builder\/index\.asc \(.*503.*\); using the copy fetched at /);
});

test.serial('a planLab tap adds user-data to machines before their configurations are compared; it may not add or remove machines', async (t) => {
  const seen: string[] = [];
  const withTap = (key: string, drop = false) => createServices({
    env: { ...process.env, XDG_STATE_HOME: dir },
    plugins: [{
      name: 'probe', options: [],
      apply: (hooks) => hooks.planLab.tap('probe', (draft) => {
        seen.push(...draft.machines.map((m) => `${m.domain}:${m.template}:${m.hostname}`));
        for (const m of draft.machines) m.userData = { ...m.userData, ssh_authorized_keys: [key] };
        return drop ? { ...draft, machines: draft.machines.slice(1) } : draft;
      }),
    }],
  });
  const text = labFile(1).replace(`name: ${LAB}`, `name: ${LAB}-tap`);
  const first = await planUp({ file: 'rejviz.yaml', text, uri: TEST_URI }, await withTap('ssh-ed25519 AAAA one'));
  t.deepEqual(seen, [`${LAB}-tap_db:debian:db`, `${LAB}-tap_web-1:debian:web-1`]);
  // The machine's userData with the tap's addition, and the configuration's digest of it (the record keeps no userData in the clear).
  t.deepEqual(first.lab.machines.map((m) => m.userData), [{ ssh_authorized_keys: ['ssh-ed25519 AAAA one'] }, { ssh_authorized_keys: ['ssh-ed25519 AAAA one'] }]);
  t.deepEqual(first.plan.machines.map((m) => m.config!.userData), ['db', 'web-1'].map((m) => userDataDigest(`${LAB}-tap`, m, { ssh_authorized_keys: ['ssh-ed25519 AAAA one'] })));
  const other = await planUp({ file: 'rejviz.yaml', text, uri: TEST_URI }, await withTap('ssh-ed25519 AAAA two'));
  // (Two plans of a lab with no state or domains draw new MACs: the NICs differ too.)
  t.true(configChanges(first.plan.machines[0]!.config!, other.plan.machines[0]!.config!).includes('userData changed'), "the tap's addition is part of the machine's configuration");
  const err = await t.throwsAsync(planUp({ file: 'rejviz.yaml', text, uri: TEST_URI }, await withTap('k', true)));
  t.regex(err!.message, /a planLab tap added, removed or reordered machines/);
});
