// Tier 1 (driver): rejviz-up down, start, reboot and list against libvirt's test driver. A lab's
// domains carry its record (as rejviz-up leaves them) in three states: running, shut off and
// paused; a neighbour lab and a lab that only has state on this host are listed beside it.
import { createRunner, createServices } from '@rejviz/core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testNeeding } from '@rejviz/test-support';
import { LAB_XMLNS, LAB_XMLNS_KEY, labSnapshots, listLabs, machineMetadataXml, planUp, powerLab, writeLabState } from '@rejviz/up';
import { uniqueName } from '../support/domain.js';
import { rejviz } from '../support/rejviz.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';

const test = testNeeding([{ tool: 'virsh' }, { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' }]);

const LAB = uniqueName('rjvt-uppow');
const NEIGHBOUR = `${LAB}-x`;
const STATE_ONLY = `${LAB}-gone`;
const runner = createRunner();
const virsh = (...args: string[]) => runner.run('virsh', ['-c', TEST_URI, ...args]);
let dir = '';
let env: NodeJS.ProcessEnv = {};

test.before(async () => {
  await holdTestDriver();
  dir = await mkdtemp(join(tmpdir(), 'rjv-up-power-'));
  env = { ...process.env, XDG_STATE_HOME: dir };
});
test.after.always(async () => {
  const all = (await runner.run('virsh', ['-c', TEST_URI, 'list', '--all', '--name'], { allowFailure: true })).stdout.split('\n').map((l) => l.trim());
  for (const d of all.filter((n) => n.startsWith(LAB))) {
    await runner.run('virsh', ['-c', TEST_URI, 'destroy', d], { allowFailure: true });
    await runner.run('virsh', ['-c', TEST_URI, 'undefine', d], { allowFailure: true });
  }
  if (dir) await rm(dir, { recursive: true, force: true });
  releaseTestDriver();
});

// Defines the lab's machines the way rejviz-up leaves them (domain, record in its metadata, state).
async function define(lab: string, machines: string[]): Promise<void> {
  const text = `name: ${lab}\ntemplates: { t: { base: tiny-centos7 } }\nnetworks: { n: { existing: default } }\ndefaults: { template: t }\nmachines:\n${machines.map((m) => `  - { name: ${m}, nics: [{ network: n, address: dhcp }] }`).join('\n')}\n`;
  const up = await planUp({ file: 'rejviz.yaml', text, uri: TEST_URI }, await createServices({ env }));
  for (const step of up.plan.machines) {
    await writeFile(join(dir, 'domain.xml'), `<domain type='test'><name>${step.domain}</name><memory>131072</memory><os><type>hvm</type></os></domain>`);
    await virsh('define', join(dir, 'domain.xml'));
    const inner = machineMetadataXml(lab, step.name, step.config!).replace(/^<[^ ]+ xmlns:[^ ]+/, '<machine').replace(/<\/[^>]+>$/, '</machine>');
    await virsh('metadata', step.domain, LAB_XMLNS, '--key', LAB_XMLNS_KEY, '--set', inner, '--config');
  }
  await writeLabState({ version: 1, lab, file: '/srv/rejviz.yaml', machines: up.allocation }, env);
}

const states = async (lab: string, machines: string[]) => Promise.all(machines.map(async (m) => (await virsh('domstate', `${lab}_${m}`)).stdout.trim()));

test.serial('down shuts every machine down (a paused one hard), start starts them, reboot reboots what runs; list shows every lab', async (t) => {
  await define(LAB, ['a', 'b', 'c']);
  await define(NEIGHBOUR, ['a']);
  await writeLabState({ version: 1, lab: STATE_ONLY, file: '/srv/gone.yaml', machines: [] }, env);
  await virsh('start', `${LAB}_a`);
  await virsh('start', `${LAB}_c`);
  await virsh('suspend', `${LAB}_c`);
  await virsh('start', `${NEIGHBOUR}_a`);
  const services = await createServices({ env });

  const labs = (await listLabs({ uri: TEST_URI }, services)).filter((l) => l.lab.startsWith(LAB));
  t.deepEqual(labs, [
    { lab: LAB, state: true, machines: [['a', 'running'], ['b', 'shut off'], ['c', 'paused']].map(([m, s]) => ({ machine: m!, domain: `${LAB}_${m}`, state: s! })) },
    { lab: STATE_ONLY, state: true, machines: [] },
    { lab: NEIGHBOUR, state: true, machines: [{ machine: 'a', domain: `${NEIGHBOUR}_a`, state: 'running' }] },
  ]);

  const down = await powerLab({ lab: LAB, action: 'down', uri: TEST_URI, timeoutSeconds: 10, pollMs: 50 }, services);
  t.deepEqual(down.map((r) => [r.machine, r.before, r.after, r.how]), [['a', 'running', 'shut off', 'shutdown'], ['b', 'shut off', 'shut off', 'none'], ['c', 'paused', 'shut off', 'forced']]);
  t.deepEqual(await states(NEIGHBOUR, ['a']), ['running'], 'the other lab is untouched');

  const start = await powerLab({ lab: LAB, action: 'start', uri: TEST_URI }, services);
  t.deepEqual(start.map((r) => [r.machine, r.after, r.how]), [['a', 'running', 'started'], ['b', 'running', 'started'], ['c', 'running', 'started']]);
  t.deepEqual((await powerLab({ lab: LAB, action: 'start', uri: TEST_URI }, services)).map((r) => r.how), ['none', 'none', 'none'], 'again: nothing to do');

  await virsh('destroy', `${LAB}_b`);
  const reboot = await powerLab({ lab: LAB, action: 'reboot', uri: TEST_URI }, services);
  t.deepEqual(reboot.map((r) => [r.machine, r.before, r.after, r.how]), [['a', 'running', 'running', 'rebooted'], ['b', 'shut off', 'running', 'started'], ['c', 'running', 'running', 'rebooted']]);
});

test.serial('the bin: down, start and list print tables (--json: the results); --timeout is checked before anything runs', async (t) => {
  const common = ['--lab', LAB, '-c', TEST_URI];
  const opts = { env: { XDG_STATE_HOME: dir } };
  const down = await rejviz('rejviz-up', ['down', ...common, '--timeout', '10'], opts);
  t.is(down.exitCode, 0, down.stderr);
  t.regex(down.stdout, /^MACHINE\s+BEFORE\s+NOW\s+DONE\n/);
  t.regex(down.stdout, /\na\s+running\s+shut off\s+shut down\n/);
  const start = await rejviz('rejviz-up', ['start', ...common, '--json'], opts);
  t.is(start.exitCode, 0, start.stderr);
  t.deepEqual((JSON.parse(start.stdout) as { machine: string; how: string }[]).map((r) => [r.machine, r.how]), [['a', 'started'], ['b', 'started'], ['c', 'started']]);
  const list = await rejviz('rejviz-up', ['list', '-c', TEST_URI], opts);
  t.is(list.exitCode, 0, list.stderr);
  t.regex(list.stdout, new RegExp(`\\n${LAB}\\s+3\\s+3 running\\s+yes\\n`));
  t.regex(list.stdout, new RegExp(`\\n${STATE_ONLY}\\s+0\\s+-\\s+yes\\n`));

  for (const [args, message] of [
    [['down', ...common, '--timeout', 'soon'], /^rejviz-up: error: --timeout soon: give whole seconds from 0 to 86400, e\.g\. --timeout 60$/],
    [['start', ...common, '--timeout', '5'], /^rejviz-up: error: --timeout 5: only down waits for its guests/],
    [['list', '--lab', LAB], /^rejviz-up: error: --lab .*: list shows every lab; drop --lab/],
    [['up', '-f', 'nonexistent.yaml', '--jobs', '0'], /^rejviz-up: error: --jobs 0: give a whole number from 1 to 64, e\.g\. --jobs 4$/],
    [['down', ...common, '--jobs', '2'], /^rejviz-up: error: --jobs 2: only up creates machines; drop --jobs$/],
  ] as const) {
    const r = await rejviz('rejviz-up', [...args], opts);
    t.is(r.exitCode, 2, args.join(' '));
    t.regex(r.stderr.trim(), message);
    t.is(r.stderr.trim().split('\n').length, 1);
  }
  t.deepEqual(await states(LAB, ['a', 'b', 'c']), ['running', 'running', 'running'], 'the refused runs changed nothing');
});

test.serial('snapshot create, list, revert and delete act on every machine; a snapshot one machine lacks is refused with nothing changed', async (t) => {
  const services = await createServices({ env });
  const snap = (action: 'create' | 'list' | 'revert' | 'delete', name?: string) => labSnapshots({ lab: LAB, action, uri: TEST_URI, ...(name && { name }) }, services);
  t.deepEqual(await snap('list'), []);
  const made = await snap('create', 'clean');
  t.deepEqual(made.map((x) => [x.name, x.complete, x.machines.map((m) => m.machine)]), [['clean', true, ['a', 'b', 'c']]]);
  t.regex(made[0]!.machines[0]!.created, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}$/);
  const again = await t.throwsAsync(snap('create', 'clean'));
  t.regex(again!.message, /^snapshot 'clean' exists already on a, b, c; choose another name/);

  // One machine loses it (deleted by hand): revert refuses, and reverts none.
  await virsh('snapshot-delete', `${LAB}_b`, 'clean');
  await virsh('destroy', `${LAB}_a`);
  const partial = await t.throwsAsync(snap('revert', 'clean'));
  t.is(partial!.message, "snapshot 'clean' is missing on b: nothing reverted; rejviz-up snapshot list shows the lab's snapshots");
  t.deepEqual(await states(LAB, ['a']), ['shut off'], 'a was not reverted');
  t.deepEqual((await snap('list')).map((x) => [x.name, x.complete]), [['clean', false]]);

  await virsh('snapshot-create-as', `${LAB}_b`, 'clean');
  t.deepEqual((await snap('revert', 'clean')).map((x) => x.complete), [true]);
  t.deepEqual(await states(LAB, ['a']), ['running'], 'a is back to the moment it was taken: running');

  const bin = await rejviz('rejviz-up', ['snapshot', 'list', '--lab', LAB, '-c', TEST_URI], { env: { XDG_STATE_HOME: dir } });
  t.is(bin.exitCode, 0, bin.stderr);
  t.regex(bin.stdout, /^SNAPSHOT\s+TAKEN\s+MACHINES\nclean\s+\S+ \S+ \S+\s+a \(running\), b \(running\), c \(running\)\n$/);
  for (const [args, message] of [
    [['snapshot', 'create', 'no/slash'], /^rejviz-up: error: snapshot name 'no\/slash' is not usable/],
    [['snapshot', 'create'], /^rejviz-up: error: a snapshot name is needed/],
    [['snapshot', 'take', 'x'], /^rejviz-up: error: snapshot 'take': the snapshot actions are create, list, revert, delete/],
    [['snapshot'], /^rejviz-up: error: snapshot needs an action/],
  ] as const) {
    const r = await rejviz('rejviz-up', [...args, '--lab', LAB, '-c', TEST_URI], { env: { XDG_STATE_HOME: dir } });
    t.is(r.exitCode, 2, args.join(' '));
    t.regex(r.stderr, message);
  }

  t.deepEqual(await snap('delete', 'clean'), []);
  for (const m of ['a', 'b', 'c']) t.is((await virsh('snapshot-list', `${LAB}_${m}`, '--name')).stdout.trim(), '', `${m} has no snapshot left`);
});
