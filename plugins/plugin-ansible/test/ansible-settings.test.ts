// The lab-wide ansible section, checked when the lab is planned (planLab): defaults, each bad
// value refused in one line naming the key, the value and the fix, and the lab-level problems
// (a playbook that is not there, playbooks with no machine ansible reaches, userData that would
// undo the guests' /etc/hosts block).
import test from 'ava';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHooks, createRunner, type LabDraft, type LabPlanMachine } from '@rejviz/core';
import { ansiblePlugin, readAnsibleSettings } from '../src/index.js';

test('defaults: no playbooks, a block in the guests, none on the host', (t) => {
  t.deepEqual(readAnsibleSettings(undefined), { playbooks: [], etcHosts: { guests: true, host: false } });
  t.deepEqual(readAnsibleSettings({ ansible: { playbooks: ['/srv/site.yml'], etcHosts: { host: true } } }), { playbooks: ['/srv/site.yml'], etcHosts: { guests: true, host: true } });
});

const bad: [string, Record<string, unknown>, string][] = [
  ['an unknown key', { playbook: [] }, "plugins.ansible: unknown key 'playbook'; the keys here are playbooks, etcHosts"],
  ['playbooks not a list', { playbooks: 'site.yml' }, "plugins.ansible.playbooks: 'site.yml' is not a list; give the lab's playbooks in the lab file's top-level playbooks: (paths relative to the file)"],
  ['a relative playbook', { playbooks: ['/a.yml', '-v.yml'] }, "plugins.ansible.playbooks[1]: '-v.yml' is not an absolute path; give the lab's playbooks in the lab file's top-level playbooks: (paths relative to the file)"],
  ['etcHosts not a map', { etcHosts: true }, "plugins.ansible.etcHosts: 'true' is not a map; write e.g. etcHosts: { guests: true, host: false }"],
  ['an unknown etcHosts key', { etcHosts: { guest: true } }, "plugins.ansible.etcHosts: unknown key 'guest'; the keys here are guests, host"],
  ['etcHosts.host not a boolean', { etcHosts: { host: 'yes' } }, "plugins.ansible.etcHosts.host: 'yes' is not valid; write true or false"],
];
for (const [what, section, message] of bad) {
  test(`refused: ${what}`, (t) => {
    t.throws(() => readAnsibleSettings({ ansible: section }), { message });
  });
}

const planMachine = (name: string, more: Partial<LabPlanMachine> = {}): LabPlanMachine => ({
  machine: name, domain: `lab_${name}`, template: 't', hostname: name, groups: [], management: true, plannedAddress: true, userData: {}, plugins: { ssh: {} }, ...more,
});

async function plan(plugins: Record<string, Record<string, unknown>>, machines: LabPlanMachine[] = [planMachine('a')]): Promise<LabDraft> {
  const hooks = await createHooks();
  ansiblePlugin().apply(hooks);
  return hooks.planLab.promise({ lab: 'lab', connection: { uri: null, option: '-c' }, machines, plugins }, { runner: createRunner(), env: process.env, cwd: '/', notice: () => undefined });
}

test('planLab: a good section passes; a missing playbook, or playbooks no machine can run, is refused', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'rjv-ansible-plan-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const site = join(dir, 'site.yml');
  await writeFile(site, '- hosts: all\n  tasks: []\n');
  await t.notThrowsAsync(plan({ ansible: { playbooks: [site] } }));
  await t.throwsAsync(plan({ ansible: { playbooks: [join(dir, 'gone.yml')] } }), {
    message: `plugins.ansible.playbooks[0]: '${join(dir, 'gone.yml')}' is not a file; give the lab's playbooks in the lab file's top-level playbooks: (paths relative to the file)`,
  });
  await t.throwsAsync(plan({ ansible: { playbooks: [dir] } }), { message: /^plugins\.ansible\.playbooks\[0\]: .* is not a file;/ });
  await t.throwsAsync(plan({ ansible: { playbooks: [site] } }, [planMachine('a', { plugins: {} })]), {
    message: 'playbooks: no machine of lab lab has ssh, so ansible reaches none; give the machines plugins: { ssh: {} } (in defaults: for all)',
  });
});

test("planLab: userData that would rewrite the guests' /etc/hosts is refused unless the block is off", async (t) => {
  await t.throwsAsync(plan({}, [planMachine('a', { userData: { manage_etc_hosts: 'localhost' } })]), {
    message: "machine a: userData.manage_etc_hosts: 'localhost' would make cloud-init rewrite /etc/hosts, where plugin-ansible puts the lab's block; drop it, or turn the lab's block off at the top level: plugins: { ansible: { etcHosts: { guests: false } } }",
  });
  await t.throwsAsync(plan({}, [planMachine('a', { userData: { write_files: [{ path: '/etc/hosts', content: '' }] } })]), { message: /^machine a: userData\.write_files writes \/etc\/hosts, / });
  await t.notThrowsAsync(plan({}, [planMachine('a', { userData: { manage_etc_hosts: false } })]), 'false is what the block needs');
  await t.notThrowsAsync(plan({ ansible: { etcHosts: { guests: false } } }, [planMachine('a', { userData: { manage_etc_hosts: true } })]));
  await t.notThrowsAsync(plan({}, [planMachine('a', { plannedAddress: false, userData: { manage_etc_hosts: true } })]), 'no planned address: no block in it');
});
