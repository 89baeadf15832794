// The lab's playbooks, run by plugin-ansible on labReady with the real ansible-playbook against a
// real sshd on 127.0.0.1 that proves itself with the machine's pinned host keys (the same
// inventory rejviz-up writes): a passing playbook leaves its mark, and runs only after a run that
// created machines; a failing one stops the run with ansible-playbook's own exit code (2: a task
// failed), names the playbook, and the playbooks after it do not run; a host key that is not the
// pinned one fails even with the user's ANSIBLE_HOST_KEY_CHECKING=False.
import type { ExecutionContext } from 'ava';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHooks, createRunner, ToolError, type LabInfo } from '@rejviz/core';
import { ensureLabKeys, HOST_KEY_TYPES, knownHostsPath, writeKnownHosts } from '@rejviz/plugin-ssh';
import { freePort, startSshd, SSHD_PREREQS, testNeeding } from '@rejviz/test-support';
import { ansiblePlugin, inventoryPaths } from '../src/index.js';

const test = testNeeding([...SSHD_PREREQS, { tool: 'ansible-playbook', install: 'apt-get install ansible-core (scripts/host-setup)' }]);

interface Lab {
  dir: string;
  info(plugins: Record<string, Record<string, unknown>>, created: string[]): LabInfo;
  /** labReady with the plugin; what it noticed is in `notices` (also when it throws). */
  run(info: LabInfo, env?: Record<string, string>): Promise<void>;
  notices: string[];
}

// A lab of one machine, db, reached through its "management" port, where a real sshd answers with
// db's host keys and lets the lab's key in as `rejviz` (an alias of root in sshd's namespace).
async function servedLab(t: ExecutionContext): Promise<Lab> {
  const dir = await mkdtemp(join(tmpdir(), 'rejviz playbooks '));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const stateDir = join(dir, 'state');
  const keys = await ensureLabKeys({ dir: stateDir, machines: ['db'], runner: createRunner() });
  await writeKnownHosts(knownHostsPath(stateDir), [{ alias: 'lab_db', publicKeys: HOST_KEY_TYPES.map((type) => keys.hostKeys.db![type].publicKey) }]);
  const port = await freePort();
  const sshd = await startSshd({ port, hostKeys: HOST_KEY_TYPES.map((type) => keys.hostKeys.db![type].privateKeyPath), authorizedKeys: `${keys.login.publicKey}\n`, users: ['rejviz'] });
  t.teardown(() => sshd.stop());
  // ansible's home, temp directories and config in the test's directory: nothing of this host's.
  await writeFile(join(dir, 'ansible.cfg'), '');
  const ansibleEnv = {
    HOME: dir, ANSIBLE_HOME: join(dir, '.ansible'), ANSIBLE_LOCAL_TEMP: join(dir, '.ansible', 'tmp'), ANSIBLE_REMOTE_TMP: join(dir, 'remote-tmp'),
    ANSIBLE_CONFIG: join(dir, 'ansible.cfg'), ANSIBLE_NOCOLOR: 'True',
  };
  const notices: string[] = [];
  return {
    dir,
    notices,
    info: (plugins, created) => ({
      lab: 'lab', connection: { uri: null, option: '-c' }, stateDir, plugins, created,
      machines: [{ lab: 'lab', machine: 'db', domain: 'lab_db', nics: [], groups: ['databases'], stateDir, template: 'debian', plugins: { ssh: {} }, management: { host: '127.0.0.1', port } }],
    }),
    async run(info, env = {}) {
      const hooks = await createHooks();
      ansiblePlugin().apply(hooks);
      notices.length = 0;
      await hooks.labReady.promise(info, { runner: createRunner({ env: { ...ansibleEnv, ...env } }), env: { ...process.env, ...ansibleEnv, ...env }, cwd: '/', notice: (x) => notices.push(x) });
    },
  };
}

async function playbook(dir: string, name: string, tasks: string): Promise<string> {
  await mkdir(join(dir, 'playbooks'), { recursive: true });
  const path = join(dir, 'playbooks', name);
  await writeFile(path, `- hosts: all\n  gather_facts: false\n  tasks:\n${tasks}`);
  return path;
}

// A task writing FILE on the machine (the sshd shares this host's file system).
const mark = (file: string, text: string) => `    - ansible.builtin.copy: { dest: "${file}", content: "${text}" }\n`;

test('a lab playbook runs against the inventory after a run that created machines, not after one that created none', async (t) => {
  const lab = await servedLab(t);
  const done = join(lab.dir, 'done');
  const site = await playbook(lab.dir, 'site.yml', mark(done, 'from {{ inventory_hostname }}'));

  await lab.run(lab.info({ ansible: { playbooks: [site] } }, []));
  t.false(existsSync(done), 'no machine created: no playbook');
  t.deepEqual(lab.notices, [`lab lab: ansible inventory in ${inventoryPaths(join(lab.dir, 'state')).yaml} (and .ini)`]);

  await lab.run(lab.info({ ansible: { playbooks: [site] } }, ['db']));
  t.is(await readFile(done, 'utf8'), 'from db');
  t.true(lab.notices.includes(`lab lab: running playbook ${site}`), lab.notices.join('\n'));
});

test('a failing playbook stops the run with ansible-playbook\'s exit code, naming it; the next one does not run', async (t) => {
  const lab = await servedLab(t);
  const failing = await playbook(lab.dir, 'fails.yml', '    - ansible.builtin.fail: { msg: "on purpose" }\n');
  const after = join(lab.dir, 'after');
  const next = await playbook(lab.dir, 'next.yml', mark(after, 'x'));
  const error = await t.throwsAsync(lab.run(lab.info({ ansible: { playbooks: [failing, next] } }, ['db'])), { instanceOf: ToolError });
  t.is(error!.exitCode, 2, 'a failed task');
  t.is(error!.tool, 'ansible-playbook');
  t.true(error!.command.includes(failing), error!.command);
  t.true(error!.stderrShown, 'streamed to stderr as it ran');
  t.false(existsSync(after));
  t.is(lab.notices.at(-1), `lab lab: playbook ${failing} failed (exit 2); the machines stay as they are: fix it and run rejviz-up provision --lab lab`);
});

test('a host key that is not the pinned one fails, even with ANSIBLE_HOST_KEY_CHECKING=False', async (t) => {
  const lab = await servedLab(t);
  const done = join(lab.dir, 'done');
  const site = await playbook(lab.dir, 'site.yml', mark(done, 'x'));
  const other = await ensureLabKeys({ dir: join(lab.dir, 'other'), machines: ['db'], runner: createRunner() });
  await writeKnownHosts(knownHostsPath(join(lab.dir, 'state')), [{ alias: 'lab_db', publicKeys: HOST_KEY_TYPES.map((type) => other.hostKeys.db![type].publicKey) }]);
  const error = await t.throwsAsync(lab.run(lab.info({ ansible: { playbooks: [site] } }, ['db']), { ANSIBLE_HOST_KEY_CHECKING: 'False' }), { instanceOf: ToolError });
  t.is(error!.exitCode, 4, 'unreachable');
  t.false(existsSync(done));
});
