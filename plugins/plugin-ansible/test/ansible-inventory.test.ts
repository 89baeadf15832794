// The inventories as ansible itself reads them (ansible-core's ansible-inventory), and the ssh
// command line ansible builds from them as ssh itself reads it (`ssh -G`).
import type { ExecutionContext } from 'ava';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRunner } from '@rejviz/core';
import { testNeeding } from '@rejviz/test-support';
import { dynamicHost, dynamicList, inventoryGroups, labHostVars, renderIniInventory, renderYamlInventory, type InventoryLab } from '../src/index.js';
import { demoLab, machine } from './fixtures.js';

const ANSIBLE = 'apt-get install ansible-core (scripts/host-setup)';
const test = testNeeding([
  { tool: 'ansible-inventory', install: ANSIBLE },
  { tool: 'ansible', install: ANSIBLE },
  { tool: 'ssh', install: 'apt-get install openssh-client' },
]);
const runner = createRunner();

// A scratch directory that is also ansible's home, temp and config: nothing goes to the real home,
// and no ansible.cfg of the host changes what is read.
async function scratch(t: ExecutionContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rejviz ansible-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'ansible.cfg'), '');
  return dir;
}

function ansibleEnv(dir: string, plugin: string): Record<string, string> {
  return {
    HOME: dir,
    ANSIBLE_HOME: join(dir, '.ansible'),
    ANSIBLE_LOCAL_TEMP: join(dir, '.ansible', 'tmp'),
    ANSIBLE_CONFIG: join(dir, 'ansible.cfg'),
    ANSIBLE_SSH_CONTROL_PATH_DIR: join(dir, 'cp'),
    ANSIBLE_NOCOLOR: 'True',
    // Only the plugin meant may read the file, and a file it cannot parse fails the run: by
    // default ansible-inventory warns, tries the next plugin and exits 0 with an empty inventory.
    ANSIBLE_INVENTORY_ENABLED: plugin,
    ANSIBLE_INVENTORY_UNPARSED_FAILED: 'True',
    ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED: 'True',
  };
}

interface Listed {
  _meta: { hostvars: Record<string, Record<string, unknown>> };
  all: { children: string[] };
  [group: string]: unknown;
}

async function ansibleList(t: ExecutionContext, dir: string, file: string, plugin: string): Promise<Listed> {
  const result = await runner.run('ansible-inventory', ['-i', file, '--list'], { env: ansibleEnv(dir, plugin), cwd: dir, readOnly: true });
  t.is(result.stderr, '', `${plugin}: no warning`);
  const listed = JSON.parse(result.stdout) as Listed;
  // ansible always lists its (here empty) `ungrouped`; the order of children is not meaningful.
  listed.all.children = listed.all.children.filter((c) => c !== 'ungrouped').sort();
  return listed;
}

// What ansible-inventory --list should print for the lab.
function expected(lab: InventoryLab): Listed {
  const groups = inventoryGroups(lab);
  return {
    _meta: { hostvars: Object.fromEntries(labHostVars(lab)) as unknown as Listed['_meta']['hostvars'] },
    all: { children: groups.map((g) => g.name).sort() },
    ...Object.fromEntries(groups.map((g) => [g.name, { hosts: g.hosts }])),
  };
}

// An inventory script printing the dynamic inventory, as `rejviz-up inventory` will.
async function inventoryScript(dir: string, lab: InventoryLab): Promise<string> {
  await writeFile(join(dir, 'list.json'), JSON.stringify(dynamicList(lab)));
  for (const m of lab.machines) await writeFile(join(dir, `host-${m.machine}.json`), JSON.stringify(dynamicHost(lab, m.machine)));
  const script = join(dir, 'inventory.sh');
  const body = ['#!/bin/sh', 'cd "$(dirname "$0")" || exit 1', 'case "$1" in', '  --list) cat list.json ;;', '  --host) cat "host-$2.json" ;;', '  *) exit 2 ;;', 'esac', ''];
  await writeFile(script, body.join('\n'));
  await chmod(script, 0o755);
  return script;
}

test('YAML, INI and the inventory script read back as the lab: groups, hosts, variables (a known_hosts path with a blank)', async (t) => {
  const dir = await scratch(t);
  const lab = demoLab(join(dir, "lab's known hosts 100%", 'known_hosts'));
  await writeFile(join(dir, 'inventory.yaml'), renderYamlInventory(lab));
  await writeFile(join(dir, 'inventory.ini'), renderIniInventory(lab));
  const [yaml, ini, script] = await Promise.all([
    ansibleList(t, dir, join(dir, 'inventory.yaml'), 'yaml'),
    ansibleList(t, dir, join(dir, 'inventory.ini'), 'ini'),
    inventoryScript(dir, lab).then((file) => ansibleList(t, dir, file, 'script')),
  ]);
  t.deepEqual(yaml, expected(lab));
  t.is(yaml._meta.hostvars['web-1']!.ansible_port, 2201, 'a number');
  t.deepEqual(ini, yaml);
  t.deepEqual(script, yaml);
});

test('values that YAML or Python would read as something else stay strings', async (t) => {
  const dir = await scratch(t);
  // The ini plugin passes values through ast.literal_eval, PyYAML resolves YAML 1.1 booleans.
  const odd = [machine('a', { user: '1234' }), machine('b', { user: 'True,1' }), machine('c', { user: 'yes' }), machine('d', { user: '0o17', host: '::1' }), machine('e', { user: "b'x'", host: '2001:db8::1e3' })];
  // '#' starts a comment in an INI line, even inside a word.
  const lab: InventoryLab = { lab: 'odd', privateKeyFile: '/k/#1 e3', knownHostsFile: '/kh #2', python: 'None', machines: odd };
  await writeFile(join(dir, 'odd.yaml'), renderYamlInventory(lab));
  await writeFile(join(dir, 'odd.ini'), renderIniInventory(lab));
  const [yaml, ini] = await Promise.all([ansibleList(t, dir, join(dir, 'odd.yaml'), 'yaml'), ansibleList(t, dir, join(dir, 'odd.ini'), 'ini')]);
  t.deepEqual(yaml, expected(lab));
  t.deepEqual(ini, yaml);
});

test('ansible hands ssh the pinning options as meant (a stand-in ssh records its argv, `ssh -G` reads it)', async (t) => {
  const dir = await scratch(t);
  const knownHosts = join(dir, "lab's known hosts 100%", 'known_hosts');
  await mkdir(join(dir, "lab's known hosts 100%"));
  const lab = demoLab(knownHosts);
  await writeFile(join(dir, 'inventory.yaml'), renderYamlInventory(lab));
  const fakeSsh = join(dir, 'ssh');
  await writeFile(fakeSsh, `#!/bin/sh\nprintf '%s\\0' "$@" > "$0.args"\necho 'stand-in ssh: not connecting' >&2\nexit 255\n`);
  await chmod(fakeSsh, 0o755);
  const env = { ...ansibleEnv(dir, 'yaml'), ANSIBLE_SSH_EXECUTABLE: fakeSsh };
  const ping = await runner.run('ansible', ['web-1', '-i', join(dir, 'inventory.yaml'), '-m', 'ping'], { env, cwd: dir, allowFailure: true, readOnly: true });
  t.is(ping.exitCode, 4, `unreachable: ${ping.stdout}${ping.stderr}`);
  const args = (await readFile(`${fakeSsh}.args`, 'utf8')).split('\0').slice(0, -1);
  t.is(args.at(-2), '127.0.0.1');
  t.is(args.filter((a) => /^ControlPath/i.test(a)).length, 1, 'ansible adds no ControlPath of its own');
  // Everything but the remote command, with no ssh_config of this host.
  const config = await runner.run('ssh', ['-G', '-F', '/dev/null', ...args.slice(0, -1)], { readOnly: true, input: '' });
  const settings = new Map(config.stdout.split('\n').map((line) => [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)]));
  t.like(Object.fromEntries(settings), {
    hostname: '127.0.0.1',
    port: '2201',
    user: 'labadmin',
    identityfile: '/var/lib/rejviz/labs/demo/id_ed25519',
    identitiesonly: 'yes',
    stricthostkeychecking: 'true',
    userknownhostsfile: knownHosts,
    globalknownhostsfile: '/dev/null',
    hostkeyalias: 'demo-web-1',
  });
  t.false(settings.has('controlpath'), 'no multiplexing: no session skips the host-key check');

  // The user's ANSIBLE_HOST_KEY_CHECKING=False would make ansible put StrictHostKeyChecking=no
  // first (ssh keeps the first value); the inventory's host variable keeps checking on.
  await runner.run('ansible', ['web-1', '-i', join(dir, 'inventory.yaml'), '-m', 'ping'], { env: { ...env, ANSIBLE_HOST_KEY_CHECKING: 'False' }, cwd: dir, allowFailure: true, readOnly: true });
  const unchecked = (await readFile(`${fakeSsh}.args`, 'utf8')).split('\0').slice(0, -1);
  const overridden = await runner.run('ssh', ['-G', '-F', '/dev/null', ...unchecked.slice(0, -1)], { readOnly: true, input: '' });
  t.regex(overridden.stdout, /^stricthostkeychecking true$/m, 'still strict');
  t.false(unchecked.includes('StrictHostKeyChecking=no'));
});
