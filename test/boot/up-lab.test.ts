// Tier 3: rejviz-up's library brings a lab up on qemu:///system, on the real toolchain: the
// template is built once (virt-builder through rejviz-builder's library) into the default pool,
// each machine's disk is an overlay on it, the domains are defined by rejviz-install's library
// with the planned MACs on the isolated network and start. Running it again changes nothing and
// writes nothing; down, start and a snapshot act on both; a second lab reuses the template; destroy leaves
// nothing of either lab. The
// program runs under unshare -n (virt-builder --no-network on the offline repository) and starts
// no rejviz bin.
import { createRunner, createServices } from '@rejviz/core';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scratchDir, testNeeding } from '@rejviz/test-support';
import { labSnapshots, powerLab, readMachineRecord } from '@rejviz/up';
import { ISOLATED_NETWORK, SYSTEM, uniqueName, virsh } from '../support/domain.js';
import { watchArgv } from '../support/argv-watch.js';
import { hasRepository, REPO_ROOT, toolEnv } from '../support/env.js';

const test = testNeeding([
  { tool: 'virt-builder' }, { tool: 'virt-install' }, { tool: 'unshare' }, { tool: 'virsh' },
  { check: hasRepository, what: 'fixture repository (fixtures/images/build)' },
]);

const LAB = uniqueName('rjvt-lab');
const SECOND = uniqueName('rjvt-lab');
// A profile content no other run shares, so that this run's template is built here.
const MARK = uniqueName('mark');

const labFile = (name: string, machines: string) => `name: ${name}
templates:
  tiny: { base: tiny-centos7, sysprep: false, runCommand: ["echo ${MARK} > /etc/rejviz-lab"] }
networks:
  iso: { existing: ${ISOLATED_NETWORK}, subnet: 198.51.100.0/24 }
defaults: { template: tiny, memory: 256M }
machines:
${machines}`;

const FIRST_MACHINES = `  - { name: a, disks: [{ size: 64M }], nics: [{ network: iso, address: 198.51.100.31 }] }
  - { name: b, nics: [{ network: iso }] }
`;

// The program: one library call (upLab or destroyLab), its result and every command it ran as JSON.
const PROGRAM = `
import { createServices } from '@rejviz/core';
import { destroyLab, upLab } from '@rejviz/up';
import { statSync } from 'node:fs';
const [verb, lab, text] = process.argv.slice(2);
const commands = [];
const events = [];
// A plugin on the lab hooks, as issue 14's ssh and inventory plugins will tap them.
const probe = { name: 'probe', options: [], apply(hooks) {
  hooks.prepareLab.tap('probe', (l) => events.push(['prepare', l.machines.map((m) => m.machine), (statSync(l.stateDir).mode & 0o777).toString(8)]));
  // What a machineSeed tap adds goes into the seed only (never the plan, metadata or the log).
  hooks.machineSeed.tap('probe', (data, m) => ({ ...data, write_files: [{ path: '/etc/rejviz-probe', content: 'probe-secret-' + m.machine }] }));
  hooks.machineDefined.tap('probe', (m) => events.push(['defined', m.machine, m.nics.map((n) => n.mac)]));
  hooks.labReady.tap('probe', (l) => events.push(['ready', l.machines.map((m) => m.machine)]));
} };
const services = await createServices({ log: (c) => commands.push(c), plugins: [probe] });
const result = verb === 'up'
  ? await upLab({ file: 'rejviz.yaml', text, uri: 'qemu:///system', buildArgs: ['--no-network'], installArgs: ['--graphics', 'none'] }, services)
  : await destroyLab({ lab, uri: 'qemu:///system' }, services);
console.log(JSON.stringify({ result, commands, events }));
`;

interface UpOutput {
  result: { built: string[]; created: string[]; removed: string[]; plan: { changes: number; templates: { name: string; action: string; digest: string }[] }; allocation: { name: string; nics: { mac: string; address: { address: string } | null }[] }[] };
  commands: string[];
  events: [string, ...unknown[]][];
}

async function run(verb: 'up' | 'destroy', lab: string, text = ''): Promise<UpOutput> {
  const script = join(REPO_ROOT, 'build', `up-lab-${process.pid}.mjs`);
  await writeFile(script, PROGRAM);
  try {
    const res = await createRunner().run('unshare', ['-n', process.execPath, script, verb, lab, text], { cwd: REPO_ROOT, env: { ...(await toolEnv()), RJV_ARGV_WATCH: WATCH_TAG.split('=')[1]! }, allowFailure: true });
    if (res.exitCode !== 0) throw new Error(`rejviz-up ${verb} failed (${res.exitCode}):\n${res.stderr}`);
    return JSON.parse(res.stdout.trim().split('\n').pop()!) as UpOutput;
  } finally {
    await rm(script, { force: true });
  }
}

// Marks this file's processes and their children for the argv watch.
const WATCH_TAG = `RJV_ARGV_WATCH=${MARK}`;

const templateVolumes = new Set<string>();
test.after.always(async () => {
  for (const lab of [LAB, SECOND]) await run('destroy', lab).catch(() => undefined);
  for (const v of templateVolumes) await createRunner().run('virsh', ['-c', SYSTEM, 'vol-delete', '--pool', 'default', v], { allowFailure: true });
});

const names = async (...args: string[]) => (await virsh(...args)).split('\n').map((l) => l.trim()).filter(Boolean);
// What of a lab exists: domains and volumes named after it.
const inventory = async (lab: string) => ({
  domains: (await names('list', '--all', '--name')).filter((n) => n.startsWith(`${lab}_`)).sort(),
  volumes: (await names('vol-list', 'default')).slice(2).map((l) => l.split(/\s+/)[0]!).filter((n) => n.startsWith(`${lab}_`)).sort(),
});

// Read-only commands: what a lab that is up may cost when rejviz-up runs again.
const READ_ONLY = /^(virsh( -c \S+)? (list|net-list|pool-list|vol-list|dumpxml|net-dumpxml|pool-dumpxml|vol-dumpxml|domstate|net-info)\b|virsh( -c \S+)? '?(net-list|net-dumpxml|dumpxml|echo|vol-list|domstate)|virt-builder --list)/;

test.serial('a lab from the tiny template: built once, overlays, planned MACs, running; again: no change; destroy: nothing left', async (t) => {
  const watch = watchArgv(join(REPO_ROOT, 'packages') + '/', 25, WATCH_TAG);
  const first = await run('up', LAB, labFile(LAB, FIRST_MACHINES));
  t.deepEqual((await watch.stop()).hits, [], 'no rejviz bin ran');
  const template = first.result.plan.templates[0]!;
  const templateVolume = `rejviz-template_tiny_${template.digest.slice(0, 12)}.qcow2`;
  templateVolumes.add(templateVolume);
  t.deepEqual(first.result.built, ['tiny']);
  t.deepEqual(first.result.created, [`${LAB}_a`, `${LAB}_b`]);
  t.deepEqual(first.events[0], ['prepare', ['a', 'b'], '700'], 'the lab hooks: the lab prepared first, its state directory private');
  // a and b are created at once (--jobs defaults to the CPUs): their defined events come in either order.
  t.deepEqual([...first.events.slice(1, 3)].sort(), [
    ['defined', 'a', [first.result.allocation[0]!.nics[0]!.mac]], ['defined', 'b', [first.result.allocation[1]!.nics[0]!.mac]],
  ], 'each machine defined');
  t.deepEqual(first.events.slice(3), [['ready', ['a', 'b']]], 'then the lab ready');
  // The machineSeed addition is in a's seed volume, and nowhere rejviz-up records or logs.
  const seedIso = (await virsh('vol-path', '--pool', 'default', `${LAB}_a-cidata.iso`)).trim();
  const extracted = join(await scratchDir(t, 'rjv-seed-'), 'user-data');
  await createRunner().run('xorriso', ['-osirrox', 'on', '-indev', seedIso, '-extract', '/user-data', extracted]);
  t.true((await readFile(extracted, 'utf8')).includes('probe-secret-a'), 'the seed carries the machineSeed addition');
  t.false(JSON.stringify(first).includes('probe-secret'), 'not in the plan, the result or the commands run');
  t.false((await virsh('dumpxml', `${LAB}_a`)).includes('probe-secret'), 'not in the domain or its metadata');
  t.deepEqual(await inventory(LAB), { domains: [`${LAB}_a`, `${LAB}_b`], volumes: [`${LAB}_a-cidata.iso`, `${LAB}_a-disk1.qcow2`, `${LAB}_a.qcow2`, `${LAB}_b-cidata.iso`, `${LAB}_b.qcow2`] });

  for (const [i, machine] of ['a', 'b'].entries()) {
    const domain = `${LAB}_${machine}`;
    t.is((await virsh('domstate', domain)).trim(), 'running', domain);
    // The NIC carries the planned MAC, on the isolated network.
    const mac = first.result.allocation[i]!.nics[0]!.mac;
    t.regex(await virsh('domiflist', domain), new RegExp(`network\\s+${ISOLATED_NETWORK}\\s+virtio\\s+${mac}`));
    // The system disk is an overlay on the template volume (no copy).
    const volume = await virsh('vol-dumpxml', '--pool', 'default', `${domain}.qcow2`);
    t.regex(volume, new RegExp(`<backingStore>\\s*<path>[^<]*/${templateVolume.replace(/\./g, '\\.')}</path>`));
    t.like(readMachineRecord(await virsh('dumpxml', domain)), { lab: LAB, machine });
  }
  t.is(first.result.allocation[0]!.nics[0]!.address?.address, '198.51.100.31');
  t.is(first.result.allocation[1]!.nics[0]!.address?.address, '198.51.100.1', 'auto: the lowest free address (the file gives no gateway)');
  t.regex(await virsh('domblklist', `${LAB}_a`), new RegExp(`vdb\\s+\\S*/${LAB}_a-disk1\\.qcow2`), 'the extra disk is attached');

  // down and start on real domains: whether the tiny guest acts on ACPI or is stopped hard after
  // the timeout, both are shut off after it; start brings both back.
  const down = await powerLab({ lab: LAB, action: 'down', uri: SYSTEM, timeoutSeconds: 10 }, await createServices());
  t.deepEqual(down.map((r) => [r.machine, r.before, r.after]), [['a', 'running', 'shut off'], ['b', 'running', 'shut off']]);
  t.true(down.every((r) => r.how === 'shutdown' || r.how === 'forced'));
  const start = await powerLab({ lab: LAB, action: 'start', uri: SYSTEM }, await createServices());
  t.deepEqual(start.map((r) => [r.machine, r.after, r.how]), [['a', 'running', 'started'], ['b', 'running', 'started']]);

  // A snapshot of the whole running lab (internal qcow2 snapshots of the overlays and extra disk,
  // with memory), reverted to and deleted.
  const snap = (action: 'create' | 'revert' | 'delete') => labSnapshots({ lab: LAB, action, name: 'clean', uri: SYSTEM });
  t.deepEqual((await snap('create')).map((x) => [x.name, x.complete, x.machines.map((m) => m.machine)]), [['clean', true, ['a', 'b']]]);
  t.deepEqual((await snap('revert')).map((x) => x.complete), [true]);
  t.is((await virsh('domstate', `${LAB}_a`)).trim(), 'running', 'reverted to a running moment');
  t.deepEqual(await snap('delete'), []);

  const again = await run('up', LAB, labFile(LAB, FIRST_MACHINES));
  t.is(again.result.plan.changes, 0);
  t.deepEqual([again.result.built, again.result.created, again.result.removed], [[], [], []]);
  t.true(again.commands.some((c) => c.includes('dumpxml')), 'it did look at libvirt');
  t.deepEqual(again.events, [['ready', ['a', 'b']]]);
  t.deepEqual(again.commands.filter((c) => !READ_ONLY.test(c)), [], 'a lab that is up costs no libvirt write');

  const second = await run('up', SECOND, labFile(SECOND, '  - { name: c, nics: [{ network: iso }] }\n'));
  t.deepEqual(second.result.plan.templates.map((x) => [x.name, x.action]), [['tiny', 'keep']], 'the template is built once for every lab');
  t.deepEqual(second.result.built, []);
  t.is(second.result.allocation[0]!.nics[0]!.address?.address, '198.51.100.2', "the first lab's machines have .1 and .31 on the same libvirt network");

  for (const lab of [LAB, SECOND]) {
    await run('destroy', lab);
    t.deepEqual(await inventory(lab), { domains: [], volumes: [] }, `nothing of ${lab} is left`);
  }
  t.true((await names('vol-list', 'default')).some((l) => l.startsWith(templateVolume)), 'the template stays for other labs');
});
