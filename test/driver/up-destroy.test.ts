// Tier 1 (driver): rejviz-up status and destroy against libvirt's test driver. A lab brought up
// the way rejviz-up leaves it (domains with the lab's record, a running one, overlays on a
// template volume, an extra disk, a seed, a volume an interrupted run left without a domain, the
// lab's isolated network, its state) is destroyed: afterwards none of it remains, listed before
// and after, while another lab whose name starts the same and the template volume stay.
import { createRunner, createServices } from '@rejviz/core';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testNeeding } from '@rejviz/test-support';
import { destroyLab, labStatus, LAB_XMLNS, LAB_XMLNS_KEY, lockLab, machineMetadataXml, planUp, writeLabState, type UpPlan } from '@rejviz/up';
import { uniqueName } from '../support/domain.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';

const test = testNeeding([{ tool: 'virsh' }, { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' }]);

// Two labs, the second named like the first plus "-db": lab "L" machine "db-1" and lab "L-db"
// machine "1" would both be L-db-1 with '-' as the separator.
const LAB = uniqueName('rjvt-updel');
const NEIGHBOUR = `${LAB}-db`;
const POOL = 'default-pool';
const TEMPLATE_VOLUME = `${uniqueName('rejviz-template')}.qcow2`;
const runner = createRunner();
const virsh = (...args: string[]) => runner.run('virsh', ['-c', TEST_URI, ...args]);
let dir = '';
let env: NodeJS.ProcessEnv = {};

test.before(async () => {
  await holdTestDriver();
  dir = await mkdtemp(join(tmpdir(), 'rjv-up-destroy-'));
  env = { ...process.env, XDG_STATE_HOME: dir };
  await virsh('vol-create-as', POOL, TEMPLATE_VOLUME, '1G', '--format', 'qcow2');
});
test.after.always(async () => {
  const all = (await runner.run('virsh', ['-c', TEST_URI, 'list', '--all', '--name'], { allowFailure: true })).stdout.split('\n').map((l) => l.trim());
  for (const d of all.filter((n) => n.startsWith(LAB))) await runner.run('virsh', ['-c', TEST_URI, 'undefine', d], { allowFailure: true });
  const vols = (await runner.run('virsh', ['-c', TEST_URI, 'vol-list', POOL], { allowFailure: true })).stdout;
  for (const v of vols.split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter((n) => n.startsWith(LAB) || n === TEMPLATE_VOLUME)) {
    await runner.run('virsh', ['-c', TEST_URI, 'vol-delete', '--pool', POOL, v], { allowFailure: true });
  }
  for (const n of [`${LAB}_lab`, `${NEIGHBOUR}_lab`]) await runner.run('virsh', ['-c', TEST_URI, 'net-undefine', n], { allowFailure: true });
  if (dir) await rm(dir, { recursive: true, force: true });
  releaseTestDriver();
});

const labFile = (name: string) => `name: ${name}
templates: { debian: { base: debian-12 } }
networks: { lab: { subnet: 198.51.100.0/24 } }
defaults: { template: debian }
machines:
  - { name: db, nics: [{ network: lab }], disks: [{ size: 1G }] }
  - { name: web, count: 2, nics: [{ network: lab }], groups: [web, front] }
`;

// Brings a lab up the way rejviz-up leaves it, on the test driver.
async function bringUp(name: string): Promise<UpPlan> {
  const services = await createServices({ env });
  const up = await planUp({ file: 'rejviz.yaml', text: labFile(name), uri: TEST_URI }, services);
  const network = up.lab.networks[0]!.libvirtName;
  await writeFile(join(dir, `${network}.xml`), `<network><name>${network}</name></network>`);
  await virsh('net-define', join(dir, `${network}.xml`));
  for (const step of up.plan.machines) {
    const overlay = `${step.domain}.qcow2`;
    await virsh('vol-create-as', POOL, overlay, '2G', '--format', 'qcow2', '--backing-vol', TEMPLATE_VOLUME, '--backing-vol-format', 'qcow2');
    const disks = [`<disk type='volume' device='disk'><source pool='${POOL}' volume='${overlay}'/><target dev='vda'/></disk>`];
    if (step.name === 'db') {
      await virsh('vol-create-as', POOL, `${step.domain}-disk1.qcow2`, '1G', '--format', 'qcow2');
      await virsh('vol-create-as', POOL, `${step.domain}-cidata.iso`, '1M', '--format', 'raw');
      disks.push(`<disk type='volume' device='disk'><source pool='${POOL}' volume='${step.domain}-disk1.qcow2'/><target dev='vdb'/></disk>`);
    }
    const nics = step.config!.nics.map((n) => `<interface type='network'><mac address='${n.mac}'/><source network='${n.network}'/></interface>`).join('');
    await writeFile(join(dir, 'domain.xml'), `<domain type='test'><name>${step.domain}</name><memory>131072</memory><os><type>hvm</type></os><devices>${disks.join('')}${nics}</devices></domain>`);
    await virsh('define', join(dir, 'domain.xml'));
    const groups = up.lab.machines.find((m) => m.name === step.name)!.groups;
    const inner = machineMetadataXml(name, step.name, step.config!, new Date(), groups).replace(/^<[^ ]+ xmlns:[^ ]+/, '<machine').replace(/<\/[^>]+>$/, '</machine>');
    await virsh('metadata', step.domain, LAB_XMLNS, '--key', LAB_XMLNS_KEY, '--set', inner, '--config');
  }
  await writeLabState({ version: 1, lab: name, file: '/srv/rejviz.yaml', machines: up.allocation }, env);
  return up;
}

async function inventory(prefix: string): Promise<{ domains: string[]; volumes: string[]; networks: string[] }> {
  const words = async (...args: string[]) => (await virsh(...args)).stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  return {
    domains: (await words('list', '--all', '--name')).filter((n) => n.startsWith(prefix)).sort(),
    volumes: (await words('vol-list', POOL)).slice(2).map((l) => l.split(/\s+/)[0]!).filter((n) => n.startsWith(prefix)).sort(),
    networks: (await words('net-list', '--all', '--name')).filter((n) => n.startsWith(prefix)).sort(),
  };
}

test.serial('status lists the machines with their state and planned addresses; destroy leaves nothing of the lab', async (t) => {
  const up = await bringUp(LAB);
  await bringUp(NEIGHBOUR);
  // A volume an interrupted run left: named after the lab, attached to no domain.
  await virsh('vol-create-as', POOL, `${LAB}_web-3.qcow2`, '1G', '--format', 'qcow2');
  await virsh('start', `${LAB}_web-1`);
  const services = await createServices({ env });

  const status = await labStatus({ lab: LAB, uri: TEST_URI }, services);
  t.deepEqual(status.map((m) => [m.machine, m.domain, m.state, m.template]), [
    ['db', `${LAB}_db`, 'shut off', 'debian'], ['web-1', `${LAB}_web-1`, 'running', 'debian'], ['web-2', `${LAB}_web-2`, 'shut off', 'debian'],
  ]);
  // The record says when each was made (bringUp wrote it just now): its age is a few seconds.
  for (const m of status) {
    t.regex(m.created ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    t.true(m.ageSeconds !== null && m.ageSeconds >= 0 && m.ageSeconds < 600, String(m.ageSeconds));
  }
  t.deepEqual(status.map((m) => m.nics.map((n) => [n.network, n.mac, n.address, n.source])), up.allocation.map((a) => a.nics.map((n) => [`${LAB}_lab`, n.mac, `${n.address!.address}/24`, 'planned'])));

  const before = await inventory(`${LAB}_`);
  t.deepEqual(before, {
    domains: [`${LAB}_db`, `${LAB}_web-1`, `${LAB}_web-2`],
    volumes: [`${LAB}_db-cidata.iso`, `${LAB}_db-disk1.qcow2`, `${LAB}_db.qcow2`, `${LAB}_web-1.qcow2`, `${LAB}_web-2.qcow2`, `${LAB}_web-3.qcow2`],
    networks: [`${LAB}_lab`],
  });
  const neighbourBefore = await inventory(`${NEIGHBOUR}_`);

  // A plugin on the labDestroyed hook hears of it once, with the machines the lab had.
  const heard: { lab: string; machines: string[][] }[] = [];
  const withPlugin = await createServices({
    env,
    plugins: [{ name: 'probe', options: [], apply: (hooks) => hooks.labDestroyed.tap('probe', (lab) => void heard.push({ lab: lab.lab, machines: lab.machines.map((m) => [m.machine, ...m.groups]).sort() })) }],
  });
  const report = await destroyLab({ lab: LAB, uri: TEST_URI }, withPlugin);
  t.deepEqual(heard, [{ lab: LAB, machines: [['db'], ['web-1', 'web', 'front'], ['web-2', 'web', 'front']] }], 'with the groups each machine was made with');
  t.deepEqual([...report.domains].sort(), before.domains);
  t.deepEqual(report.volumes.map((v) => v.replace(`${POOL}/`, '')).sort(), before.volumes);
  t.deepEqual(report.networks, before.networks);

  t.deepEqual(await inventory(`${LAB}_`), { domains: [], volumes: [], networks: [] }, 'no domain, volume or network of the lab');
  t.deepEqual(await readdir(join(dir, 'rejviz', 'labs')), [NEIGHBOUR], 'no state or lock of the lab');
  t.deepEqual(await inventory(`${NEIGHBOUR}_`), neighbourBefore, 'the other lab is untouched');
  t.true((await virsh('vol-list', POOL)).stdout.includes(TEMPLATE_VOLUME), 'the template volume stays');
  t.deepEqual(await labStatus({ lab: LAB, uri: TEST_URI }, services), []);
  await destroyLab({ lab: NEIGHBOUR, uri: TEST_URI }, services);
});

test.serial('destroy waits for, or refuses, a run that holds the lab', async (t) => {
  const lock = await lockLab(LAB, { env, command: 'rejviz-up' });
  const services = await createServices({ env });
  const err = await t.throwsAsync(destroyLab({ lab: LAB, uri: TEST_URI }, services));
  t.regex(err!.message, new RegExp(`^lab '${LAB}' is locked by rejviz-up \\(pid ${process.pid} `));
  await lock.release();
  t.deepEqual(await destroyLab({ lab: LAB, uri: TEST_URI }, services), { domains: [], volumes: [], networks: [] }, 'nothing left to remove');
});
