// plugin-ssh on rejviz-up's lab hooks: its section read and checked at plan time; prepareLab makes
// the keys and pins them; machineSeed gives the guest its keys and user (real ssh-keygen, openssl).
import { createHooks, createRunner, type LabContext, type LabDraft, type LabMachineInfo, type LabPlanMachine } from '@rejviz/core';
import test from 'ava';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readSshSettings, sshPlugin } from '../src/index.js';
import { scratchDir } from '@rejviz/test-support';

const ctx = (notices: string[] = []): LabContext => ({ runner: createRunner(), env: { HOME: '/home/u' }, cwd: '/work', notice: (t) => notices.push(t) });
const hooks = async () => {
  const h = await createHooks();
  sshPlugin().apply(h);
  return h;
};

test('the section: none or enabled: false is no ssh; {} is the defaults; each bad key is named with its fix', (t) => {
  t.is(readSshSettings('a', {}), null);
  t.is(readSshSettings('a', { ssh: { enabled: false } }), null);
  t.deepEqual(readSshSettings('a', { ssh: {} }), { user: 'rejviz', sudo: 'ALL=(ALL) NOPASSWD:ALL', password: false, key: null, authorizedKeys: [], timeoutSeconds: 900 });
  t.is(readSshSettings('a', { ssh: { key: '~/.ssh/id_ed25519' } }, { env: { HOME: '/home/u' }, cwd: '/w' })!.key, '/home/u/.ssh/id_ed25519');
  t.is(readSshSettings('a', { ssh: { key: 'keys/id' } }, { env: {}, cwd: '/w' })!.key, '/w/keys/id');
  for (const [section, message] of [
    [{ usr: 'x' }, /^machine a: plugins\.ssh: unknown key 'usr'; the keys here are enabled, user, sudo, password, key, authorizedKeys, timeout$/],
    [{ user: 'root' }, /^machine a: plugins\.ssh\.user: 'root' is not valid; .*not root/],
    [{ user: 'Bad User' }, /^machine a: plugins\.ssh\.user: 'Bad User' is not valid/],
    [{ sudo: 'ALL\nALL' }, /^machine a: plugins\.ssh\.sudo: .* is not valid; give one sudoers rule/],
    [{ password: 'yes' }, /^machine a: plugins\.ssh\.password: 'yes' is not valid/],
    [{ authorizedKeys: ['not a key'] }, /^machine a: plugins\.ssh\.authorizedKeys: .* is not valid; give a list of public key lines/],
    [{ timeout: 5 }, /^machine a: plugins\.ssh\.timeout: '5' is not valid; give whole seconds from 10 to 86400$/],
  ] as const) {
    const err = t.throws(() => readSshSettings('a', { ssh: section as Record<string, unknown> }));
    t.is((err as { exitCode?: number }).exitCode, 2);
    t.regex(err!.message, message);
  }
});

const planMachine = (machine: string, over: Partial<LabPlanMachine> = {}): LabPlanMachine => ({
  machine, domain: `lab_${machine}`, template: 't', hostname: machine, groups: [], management: true, plannedAddress: false, userData: {}, plugins: { ssh: {} }, ...over,
});

test('planLab: a machine ssh cannot reach, or two login keys in one lab, is refused before anything is made', async (t) => {
  const h = await hooks();
  const draft = (machines: LabPlanMachine[]): LabDraft => ({ lab: 'lab', connection: { uri: null, option: '-c' }, machines });
  await t.notThrowsAsync(h.planLab.promise(draft([planMachine('a'), planMachine('b', { management: false, plannedAddress: true }), planMachine('c', { management: false, plugins: {} })]), ctx()));
  const unreachable = await t.throwsAsync(h.planLab.promise(draft([planMachine('a', { management: false })]), ctx()));
  t.regex(unreachable!.message, /^machine a: plugins\.ssh: ssh has no way to reach it \(no management NIC, no planned address\); add management: true/);
  const keys = await t.throwsAsync(h.planLab.promise(draft([planMachine('a'), planMachine('b', { plugins: { ssh: { key: '/k/id' } } })]), ctx()));
  t.regex(keys!.message, /^machine b: plugins\.ssh\.key: \/k\/id differs from another machine's the lab's key; a lab logs in with one key/);
});

test('prepareLab pins the ssh machines\' host keys; machineSeed hands the guest its keys and the lab\'s user, keeping what other taps gave', async (t) => {
  const h = await hooks();
  const stateDir = await scratchDir(t, 'rjv-ssh-plugin-');
  const info = (machine: string, plugins: Record<string, Record<string, unknown>>): LabMachineInfo => ({ lab: 'lab', machine, domain: `lab_${machine}`, nics: [], groups: [], stateDir, plugins, management: null });
  const machines = [info('a', { ssh: { password: true } }), info('b', {})];
  await h.prepareLab.promise({ lab: 'lab', connection: { uri: null, option: '-c' }, machines, stateDir }, ctx());
  const knownHosts = await readFile(join(stateDir, 'ssh', 'known_hosts'), 'utf8');
  t.deepEqual(knownHosts.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(' ').slice(0, 2).join(' ')), ['lab_a ssh-ed25519', 'lab_a ecdsa-sha2-nistp256', 'lab_a ssh-rsa'], 'only the machine with ssh');
  t.is((await stat(join(stateDir, 'ssh', 'id_ed25519'))).mode & 0o777, 0o600);

  const notices: string[] = [];
  const seed = await h.machineSeed.promise({ write_files: [{ path: '/etc/other', content: 'x' }], runcmd: ['echo hi'] }, machines[0]!, ctx(notices));
  const users = seed.users as { name: string; ssh_authorized_keys: string[]; hashed_passwd?: string; sudo?: string }[];
  t.deepEqual(users.map((u) => u.name), ['rejviz']);
  t.deepEqual(users[0]!.ssh_authorized_keys, [(await readFile(join(stateDir, 'ssh', 'id_ed25519.pub'), 'utf8')).trim()]);
  t.is(users[0]!.sudo, 'ALL=(ALL) NOPASSWD:ALL');
  const keys = seed.ssh_keys as Record<string, string>;
  t.is(keys.ed25519_private, await readFile(join(stateDir, 'ssh', 'hostkeys', 'a', 'ssh_host_ed25519_key'), 'utf8'));
  t.deepEqual((seed.write_files as { path: string }[]).map((f) => f.path), ['/etc/other', '/etc/ssh/sshd_config.d/10-rejviz.conf']);
  t.deepEqual(seed.runcmd, ['echo hi']);
  t.is(seed.manage_etc_hosts, true);
  // The password: shown once, in the notice; the guest gets only its hash.
  t.is(notices.length, 1);
  const password = /has the password (\S+) \(shown only now/.exec(notices[0]!)![1]!;
  t.true(users[0]!.hashed_passwd!.startsWith('$6$'));
  const salt = users[0]!.hashed_passwd!.split('$')[2]!;
  const again = await createRunner().run('openssl', ['passwd', '-6', '-salt', salt, '-stdin'], { input: `${password}\n` });
  t.is(again.stdout.trim(), users[0]!.hashed_passwd!);
  t.false(JSON.stringify(seed).includes(password), 'the password itself is not in the seed');
  // A machine without the section: its seed is left alone.
  t.deepEqual(await h.machineSeed.promise({ runcmd: ['x'] }, machines[1]!, ctx()), { runcmd: ['x'] });
});
