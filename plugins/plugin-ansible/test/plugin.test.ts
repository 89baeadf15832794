// plugin-ansible on rejviz-up's labReady: the inventory of the machines ssh reaches, written into
// the lab's state directory as YAML and INI; nothing for a lab without ssh.
import { createHooks, createRunner, type LabInfo, type LabMachineInfo } from '@rejviz/core';
import test from 'ava';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ansiblePlugin, inventoryPaths } from '../src/index.js';
import { scratchDir } from '@rejviz/test-support';

const machine = (name: string, over: Partial<LabMachineInfo>, stateDir: string): LabMachineInfo => ({
  lab: 'lab', machine: name, domain: `lab_${name}`, nics: [{ network: 'lab_net', mac: '52:54:00:00:00:01', address: '198.51.100.5/24' }], groups: ['db'], stateDir, template: 'debian', ...over,
});

test('when the lab is ready, the inventory of its ssh machines is written (YAML and INI, 0600); a lab without ssh gets none', async (t) => {
  const hooks = await createHooks();
  ansiblePlugin().apply(hooks);
  const stateDir = await scratchDir(t, 'rjv-ansible-plugin-');
  const notices: string[] = [];
  const ctx = { runner: createRunner(), env: {}, cwd: '/', notice: (x: string) => notices.push(x) };
  const lab = (machines: LabMachineInfo[]): LabInfo => ({ lab: 'lab', connection: { uri: null, option: '-c' }, machines, stateDir });

  await hooks.labReady.promise(lab([machine('plain', {}, stateDir)]), ctx);
  t.false(existsSync(inventoryPaths(stateDir).yaml), 'no ssh machine: no inventory');

  await hooks.labReady.promise(lab([
    machine('db', { plugins: { ssh: { user: 'admin' } }, management: { host: '127.0.0.1', port: 20022 } }, stateDir),
    machine('web', { plugins: { ssh: {} }, groups: ['web'] }, stateDir),
    machine('plain', {}, stateDir),
  ]), ctx);
  const paths = inventoryPaths(stateDir);
  const yaml = parse(await readFile(paths.yaml, 'utf8')) as { all: { hosts: Record<string, Record<string, unknown>>; children: Record<string, { hosts: Record<string, unknown> }> } };
  t.deepEqual(Object.keys(yaml.all.hosts).sort(), ['db', 'web']);
  t.like(yaml.all.hosts.db, { ansible_host: '127.0.0.1', ansible_port: 20022, ansible_user: 'admin', ansible_ssh_private_key_file: join(stateDir, 'ssh', 'id_ed25519') });
  t.like(yaml.all.hosts.web, { ansible_host: '198.51.100.5', ansible_port: 22, ansible_user: 'rejviz' });
  t.deepEqual(Object.keys(yaml.all.children.template_debian!.hosts).sort(), ['db', 'web']);
  t.true((await readFile(paths.ini, 'utf8')).includes('[web]'));
  t.is((await stat(paths.yaml)).mode & 0o777, 0o600);
  t.deepEqual(notices, [`lab lab: ansible inventory in ${paths.yaml} (and .ini)`]);
});
