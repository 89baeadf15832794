// plugin-ansible's /etc/hosts blocks through the lab hooks: each seed (after plugin-ssh's tap)
// writes the guest's /etc/hosts naming the other machines, with manage_etc_hosts false; the host's
// block (etcHosts.host, in $REJVIZ_HOSTS_FILE here) is written when the lab is ready, taken out
// when the file stops asking for it and when the lab is destroyed, every other byte kept.
import type { ExecutionContext } from 'ava';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHooks, createRunner, type LabContext, type LabInfo, type LabMachineInfo } from '@rejviz/core';
import { sshPlugin } from '@rejviz/plugin-ssh';
import { testNeeding } from '@rejviz/test-support';
import { ansiblePlugin } from '../src/index.js';

const test = testNeeding([{ tool: 'ssh-keygen', install: 'apt-get install openssh-client' }]);

function machine(stateDir: string, name: string, address: string | null, more: Partial<LabMachineInfo> = {}): LabMachineInfo {
  return { lab: 'web', machine: name, domain: `web_${name}`, groups: [], stateDir, template: 'debian', nics: [{ network: 'web_lan', mac: '52:54:00:00:00:01', address }], management: null, ...more };
}

async function lab(t: ExecutionContext, plugins: Record<string, Record<string, unknown>> = {}): Promise<LabInfo> {
  const stateDir = await mkdtemp(join(tmpdir(), 'rjv-ansible-hosts-'));
  t.teardown(() => rm(stateDir, { recursive: true, force: true }));
  return {
    lab: 'web', connection: { uri: null, option: '-c' }, stateDir, plugins,
    machines: [
      machine(stateDir, 'db', '198.51.100.10/24', { hostname: 'pg', plugins: { ssh: {} } }),
      machine(stateDir, 'app', '198.51.100.11/24'),
      // Only DHCP, reached through its management NIC: no planned address, so in no block.
      machine(stateDir, 'mgmt', null, { management: { host: '127.0.0.1', port: 20022 } }),
    ],
  };
}

function context(env: NodeJS.ProcessEnv = {}): LabContext & { notices: string[] } {
  const notices: string[] = [];
  return { runner: createRunner(), env, cwd: '/', notice: (x) => notices.push(x), notices };
}

async function hooks() {
  const h = await createHooks();
  // ansible's before ssh's: the stages, not the load order, put its seed tap last.
  ansiblePlugin().apply(h);
  sshPlugin().apply(h);
  return h;
}

type WriteFile = { path: string; content: string };

test("each seed writes the guest's /etc/hosts with the lab's block of the others, over plugin-ssh's manage_etc_hosts", async (t) => {
  const h = await hooks();
  const info = await lab(t);
  const ctx = context();
  await h.prepareLab.promise(info, ctx);
  const db = await h.machineSeed.promise({}, info.machines[0]!, ctx);
  t.is(db.manage_etc_hosts, false);
  const files = db.write_files as WriteFile[];
  t.deepEqual(files.map((f) => f.path), ['/etc/ssh/sshd_config.d/10-rejviz.conf', '/etc/hosts'], "plugin-ssh's entry kept");
  const hosts = files[1]!.content;
  t.true(hosts.includes('127.0.1.1 pg.web pg\n'), 'its own name resolves');
  t.true(hosts.includes('# BEGIN rejviz-up lab web\n198.51.100.11 app app.web\n# END rejviz-up lab web\n'), hosts);

  const app = await h.machineSeed.promise({ runcmd: ['true'] }, info.machines[1]!, ctx);
  t.deepEqual(app.runcmd, ['true']);
  t.true((app.write_files as WriteFile[])[0]!.content.includes('198.51.100.10 db db.web pg pg.web\n'));
  t.deepEqual(await h.machineSeed.promise({}, info.machines[2]!, ctx), {}, 'no planned address: no block');

  const off = await lab(t, { ansible: { etcHosts: { guests: false } } });
  await h.prepareLab.promise(off, ctx);
  const plain = await h.machineSeed.promise({}, off.machines[0]!, ctx);
  t.is(plain.manage_etc_hosts, true, "plugin-ssh's, for the host name");
  t.deepEqual((plain.write_files as WriteFile[]).map((f) => f.path), ['/etc/ssh/sshd_config.d/10-rejviz.conf']);
});

test("the host's block: written when the lab is ready, out when the file no longer asks or the lab is destroyed", async (t) => {
  const h = await hooks();
  const dir = await mkdtemp(join(tmpdir(), 'rjv-hosts-file-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'hosts');
  const original = '127.0.0.1\tlocalhost\n# mine\n10.0.0.1 router';
  await writeFile(file, original);
  const ctx = context({ REJVIZ_HOSTS_FILE: file });

  await h.labReady.promise(await lab(t, { ansible: { etcHosts: { host: true } } }), ctx);
  t.is(await readFile(file, 'utf8'), `${original}\n# BEGIN rejviz-up lab web\n198.51.100.10 db db.web pg pg.web\n198.51.100.11 app app.web\n# END rejviz-up lab web`);
  t.is(ctx.notices.at(-1), `lab web: its machines' names are in ${file}`);

  await h.labReady.promise(await lab(t), ctx);
  t.is(await readFile(file, 'utf8'), original, 'host: false (the default) takes it out');

  await h.labReady.promise(await lab(t, { ansible: { etcHosts: { host: true } } }), ctx);
  // destroy --lab does not read the lab file: no plugins, and the block goes all the same.
  const destroyed = { ...(await lab(t)), plugins: undefined };
  await h.labDestroyed.promise(destroyed, ctx);
  t.is(await readFile(file, 'utf8'), original);

  await writeFile(file, `${original}\n# BEGIN rejviz-up lab web\n1.2.3.4 x\n`);
  await t.notThrowsAsync(h.labDestroyed.promise(destroyed, ctx), 'the lab is gone already: a damaged block is a warning');
  t.regex(ctx.notices.at(-1)!, /^warning: the hosts file's block of rejviz-up lab web is damaged \('# BEGIN rejviz-up lab web' without '# END rejviz-up lab web'\); fix or remove it by hand$/);
});
