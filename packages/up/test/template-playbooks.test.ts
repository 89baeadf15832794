// Template playbooks (issue 14): the lab file's templates.NAME.playbooks (schema, resolution
// relative to the lab file, the one-line error for a bad path), the template digest (the files'
// content, not their names; unchanged for a profile without playbooks), and what the build plans:
// the build VM's install request and seed, its inventory and ansible-playbook arguments, the
// virt-sysprep arguments that remove the provisioning, the power-off wait, the progress lines.
import test from 'ava';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRunner, ToolError, type RunOptions, type RunResult, type Runner } from '@rejviz/core';
import { parse } from 'yaml';
import { LabFileError, loadLab, templateDigest, type LabInput, type LabTemplate } from '../src/index.js';
import { digest } from '../src/plan/machine-config.js';
import { planText } from '../src/print.js';
import type { LabPlan } from '../src/plan/plan-lab.js';
import { textProgress } from '../src/progress-output.js';
import type { UpEvent } from '../src/create/progress.js';
import { BUILD_MAC, buildDomainName, buildDomainRequest } from '../src/provision/build-domain.js';
import { powerOffBuild } from '../src/provision/power-off-build.js';
import { BUILD_SSHD_DROP_IN, provisionUserData } from '../src/provision/provision-user-data.js';
import { buildInventory, playbookArgs, runPlaybooks } from '../src/provision/run-playbooks.js';
import { provisionCleanupCommands, saveHostnameArgs, templateSysprepArgs } from '../src/provision/template-sysprep-args.js';

let dir = '';
test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rjv-tpb-'));
  await mkdir(join(dir, 'play'));
  await writeFile(join(dir, 'play', 'base.yml'), '- hosts: all\n  tasks: []\n');
  await writeFile(join(dir, 'site.yml'), '- hosts: all\n  gather_facts: false\n  tasks: []\n');
});
test.after.always(() => rm(dir, { recursive: true, force: true }));

const labText = (templates: string) => `name: pb
templates:
${templates}
machines:
  - { name: m, template: web }
`;
const CHAIN = labText(`  base: { base: debian-12, playbooks: [play/base.yml] }
  web: { extends: base, playbooks: [site.yml], plugins: { ssh: { timeout: 1200 } } }`);
const load = (text: string, more: Partial<LabInput> = {}) => loadLab({ file: 'rejviz.yaml', text, path: join(dir, 'rejviz.yaml'), ...more });
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

test('playbooks resolve relative to the lab file, parents first, each with its place in the file and its content digest', async (t) => {
  const lab = await load(CHAIN);
  const web = lab.templates.find((x) => x.name === 'web')!;
  t.deepEqual(web.playbooks, [
    { file: 'play/base.yml', profile: 'base', index: 0, path: join(dir, 'play', 'base.yml'), sha256: sha('- hosts: all\n  tasks: []\n') },
    { file: 'site.yml', profile: 'web', index: 0, path: join(dir, 'site.yml'), sha256: sha('- hosts: all\n  gather_facts: false\n  tasks: []\n') },
  ]);
  t.is(web.provisionTimeoutSeconds, 1200, "the profile's plugins.ssh.timeout");
  t.is(lab.templates.find((x) => x.name === 'base')!.provisionTimeoutSeconds, 900, "plugin-ssh's default");
  // Without a path (stdin), relative to cwd.
  const fromCwd = await loadLab({ file: '(stdin)', text: CHAIN, path: '-', cwd: dir });
  t.is(fromCwd.templates[1]!.playbooks[1]!.path, join(dir, 'site.yml'));
});

test('a playbook that does not exist, a directory, or a wrong type: one line naming templates.NAME.playbooks[I], exit 2', async (t) => {
  const missing = await t.throwsAsync(load(labText('  web: { base: debian-12, playbooks: [site.yml, nope.yml] }')), { instanceOf: LabFileError });
  t.is(missing.message, `rejviz.yaml:3:49: templates.web.playbooks[1]: 'nope.yml' does not exist (${join(dir, 'nope.yml')}); give the path of a playbook file, relative to ${dir}`);
  t.is(missing.exitCode, 2);
  t.false(missing.message.includes('\n'));
  const directory = await t.throwsAsync(load(labText('  web: { base: debian-12, playbooks: [play] }')), { instanceOf: LabFileError });
  t.regex(directory.message, /templates\.web\.playbooks\[0\]: 'play' is not a file \(/);
  const wrong = await t.throwsAsync(load(labText('  web: { base: debian-12, playbooks: [{ file: x.yml }] }')), { instanceOf: LabFileError });
  t.regex(wrong.message, /templates\.web\.playbooks\[0\]/);
  const inDefaults = await t.throwsAsync(load(`name: pb\ndefaults: { playbooks: [site.yml] }\ntemplates: { web: { base: debian-12 } }\nmachines: [{ name: m, template: web }]\n`), { instanceOf: LabFileError });
  t.regex(inDefaults.message, /defaults\.playbooks: unknown key 'playbooks'/);
  const timeout = await t.throwsAsync(load(labText('  web: { base: debian-12, playbooks: [site.yml], plugins: { ssh: { timeout: 5 } } }')), { instanceOf: LabFileError });
  t.regex(timeout.message, /templates\.web\.plugins\.ssh\.timeout: .* give whole seconds from 10 to 86400$/);
  // A lab read for its name only (destroy) does not read them.
  const named = await load(labText('  web: { base: debian-12, playbooks: [nope.yml] }'), { checkFiles: false });
  t.is(named.templates[0]!.playbooks[0]!.sha256, null);
});

test('the digest holds the playbooks\' content: an edit rebuilds, a rename or move does not; without playbooks it is what it was before', async (t) => {
  // fastBoot: false, as before fast boot existed (template-fast-boot.test.ts checks its digest).
  const plain = (await load(labText('  web: { base: debian-12, packages: [curl], cloudInit: { fastBoot: false } }'))).templates[0]!;
  // The digest as it was computed before playbooks existed: cached images of such profiles stay valid.
  const before = digest({ content: { base: 'debian-12', sizeMiB: null, packages: ['curl'], run: [], runCommand: [], firstbootCommand: [], sysprep: [], buildPlugins: {} }, baseRevision: 'r1' });
  t.is(templateDigest(plain, 'r1'), before);
  t.is(before, templateDigest({ ...plain, provisionTimeoutSeconds: 60 }, 'r1'), 'the wait is not content');

  const one = await load(labText('  web: { base: debian-12, packages: [curl], playbooks: [site.yml] }'));
  const d1 = templateDigest(one.templates[0]!, 'r1');
  t.not(d1, before);
  await writeFile(join(dir, 'site.yml'), '- hosts: all\n  gather_facts: false\n  tasks: [{ ansible.builtin.ping: }]\n');
  const edited = templateDigest((await load(labText('  web: { base: debian-12, packages: [curl], playbooks: [site.yml] }'))).templates[0]!, 'r1');
  t.not(edited, d1, 'an edited playbook changes the digest');
  await rename(join(dir, 'site.yml'), join(dir, 'renamed.yml'));
  const renamed = templateDigest((await load(labText('  web: { base: debian-12, packages: [curl], playbooks: [renamed.yml] }'))).templates[0]!, 'r1');
  t.is(renamed, edited, 'the same content under another name');
  await rename(join(dir, 'renamed.yml'), join(dir, 'site.yml'));
  await writeFile(join(dir, 'site.yml'), '- hosts: all\n  gather_facts: false\n  tasks: []\n');
  t.is(templateDigest((await load(labText('  web: { base: debian-12, packages: [curl], playbooks: [site.yml] }'))).templates[0]!, 'r1'), d1);
  t.throws(() => templateDigest({ ...one.templates[0]!, playbooks: [{ ...one.templates[0]!.playbooks[0]!, sha256: null }] }), { message: /were not read/ });
});

const template = (more: Partial<LabTemplate> = {}): LabTemplate => ({
  name: 'web', base: 'debian-12', image: null, sizeMiB: null, packages: [], run: [], runCommand: [], firstbootCommand: [],
  playbooks: [{ file: 'site.yml', profile: 'web', index: 0, path: '/lab/site.yml', sha256: 'ab' }],
  sysprep: [], buildNetwork: false, buildPlugins: {}, provisionTimeoutSeconds: 900, ...more,
});

test('the build VM: a transient domain on the image itself, no libvirt NIC, the seed in the pool, named after template, digest and pid', (t) => {
  const domain = buildDomainName('web', '0123456789abcdef0123', 4242);
  t.is(domain, 'rejviz-build-web-0123456789ab-4242');
  const request = buildDomainRequest({ domain, template: template(), image: '/pool/.img.tmp', osinfo: 'debian12', pool: 'default', connection: { uri: 'qemu:///system', option: '-c' }, userData: '/tmp/x/user-data' });
  t.deepEqual(request.toolArgs, [
    '--import', '--transient', '--memory', '1024', '--vcpus', '2', '--disk', 'path=/pool/.img.tmp,format=qcow2,bus=virtio',
    '--network', 'none', '--graphics', 'none', '--noautoconsole', '--connect', 'qemu:///system',
  ]);
  t.deepEqual(request.options, { hostname: 'web', seedPool: 'default', userData: '/tmp/x/user-data' });
  t.deepEqual(request.manifest.nics, [], 'the only NIC is the management NIC its plugin adds');
  t.is(request.manifest.image, '/pool/.img.tmp');
});

const HOST_KEYS = {
  ed25519: { privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n', publicKey: 'ssh-ed25519 AAAAC3Nza root@build' },
  ecdsa: { privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nBBBB\n-----END OPENSSH PRIVATE KEY-----\n', publicKey: 'ecdsa-sha2-nistp256 AAAAE2Vj root@build' },
  rsa: { privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nCCCC\n-----END OPENSSH PRIVATE KEY-----\n', publicKey: 'ssh-rsa AAAAB3Nz root@build' },
};
const LOGIN = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKey+/x= rejviz@rejviz-provision-abc';

test('the seed: root logs in with the throwaway key only, no user is made nor its password locked, the host keys are the pinned ones', (t) => {
  const text = provisionUserData(LOGIN, HOST_KEYS);
  t.true(text.startsWith('#cloud-config\n'));
  const data = parse(text) as Record<string, unknown>;
  t.deepEqual(data.users, [{ name: 'root', lock_passwd: false, ssh_authorized_keys: [LOGIN] }]);
  t.is(data.ssh_authorized_keys, undefined, 'no key for a default user');
  t.true(data.ssh_deletekeys);
  t.deepEqual(Object.keys(data.ssh_keys as object).sort(), ['ecdsa_private', 'ecdsa_public', 'ed25519_private', 'ed25519_public', 'rsa_private', 'rsa_public']);
  t.is((data.ssh_keys as Record<string, string>).ed25519_public, 'ssh-ed25519 AAAAC3Nza root@build\n');
  const files = data.write_files as { path: string; content: string }[];
  t.deepEqual(files.map((f) => f.path), [BUILD_SSHD_DROP_IN]);
  t.regex(files[0]!.content, /^PermitRootLogin prohibit-password$/m);
  t.regex(files[0]!.content, /^PasswordAuthentication no$/m);
});

test('the inventory: one host, root on 127.0.0.1:PORT with the throwaway key, the build host key pinned strictly; one ansible-playbook per playbook', (t) => {
  const text = buildInventory({ template: template(), domain: 'rejviz-build-web-0123456789ab-4242', port: 21234, privateKeyFile: '/tmp/p/ssh/id_ed25519', knownHostsFile: '/tmp/p/ssh/known_hosts' });
  const inventory = parse(text, { version: '1.1' }) as { all: { hosts: Record<string, Record<string, unknown>>; children: Record<string, { hosts: Record<string, null> }> } };
  const host = inventory.all.hosts.web!;
  t.like(host, { ansible_host: '127.0.0.1', ansible_port: 21234, ansible_user: 'root', ansible_ssh_private_key_file: '/tmp/p/ssh/id_ed25519', ansible_ssh_host_key_checking: true });
  for (const option of ['StrictHostKeyChecking=yes', 'UserKnownHostsFile=/tmp/p/ssh/known_hosts', 'GlobalKnownHostsFile=/dev/null', 'HostKeyAlias=rejviz-build-web-0123456789ab-4242', 'ControlPath=none']) {
    t.true(String(host.ansible_ssh_common_args).includes(option), option);
  }
  t.deepEqual(Object.keys(inventory.all.children), ['template_web'], 'playbooks may say hosts: all or template_web');
  t.deepEqual(playbookArgs('/tmp/p/inventory.yml', template().playbooks[0]!), ['-i', '/tmp/p/inventory.yml', '/lab/site.yml']);
});

/** A runner that answers each command with what `answer` says, and records the commands. */
function scripted(answer: (file: string, args: readonly string[]) => Partial<RunResult>): Runner & { calls: string[][]; options: RunOptions[] } {
  const calls: string[][] = [];
  const options: RunOptions[] = [];
  return {
    dryRun: false, history: [], calls, options,
    async run(file, args, opts = {}) {
      calls.push([file, ...args]);
      options.push(opts);
      const r = { command: [file, ...args].join(' '), exitCode: 0, stdout: '', stderr: '', durationMs: 0, skipped: false, ...answer(file, args) };
      if (r.exitCode !== 0 && !opts.allowFailure) throw new ToolError(file, r.command, r.exitCode, r.stderr);
      return r;
    },
  };
}

test('a failing playbook stops the build with ansible-playbook\'s exit code, naming the template and where the playbook is written; later ones do not run', async (t) => {
  const two = template({ playbooks: [
    { file: 'site.yml', profile: 'base', index: 0, path: '/lab/site.yml', sha256: 'ab' },
    { file: 'more.yml', profile: 'web', index: 0, path: '/lab/more.yml', sha256: 'cd' },
  ] });
  const runner = scripted(() => ({ exitCode: 4 }));
  const error = await t.throwsAsync(runPlaybooks(two, '/tmp/inv.yml', runner, '/lab'), { instanceOf: ToolError });
  t.is(error.exitCode, 4);
  t.is(error.tool, 'ansible-playbook');
  t.regex(error.stderrTail, /^template web: playbook site\.yml \(templates\.base\.playbooks\[0\]\) failed with exit code 4/);
  t.deepEqual(runner.calls, [['ansible-playbook', '-i', '/tmp/inv.yml', '/lab/site.yml']]);
  t.like(runner.options[0], { stream: true, cwd: '/lab' }, "ansible-playbook's output goes to the user's stderr as it runs");
  const ok = scripted(() => ({}));
  await runPlaybooks(two, '/tmp/inv.yml', ok, '/lab');
  t.is(ok.calls.length, 2);
});

test('sysprep after provisioning: the cleanup runs with sysprep true, false and a list, and the provision operations stay on', (t) => {
  const provisioned = { loginKey: LOGIN, buildHostname: 'web' };
  t.is(templateSysprepArgs(null, null), null, 'sysprep: false without playbooks: no sysprep run');
  t.deepEqual(templateSysprepArgs([], null), []);
  t.deepEqual(templateSysprepArgs(['machine-id', 'logfiles'], null), ['--operations', 'machine-id,logfiles']);
  const ops = (args: string[] | null) => (args!.includes('--operations') ? args![args!.indexOf('--operations') + 1] : 'defaults');
  t.is(ops(templateSysprepArgs([], provisioned)), 'defaults', "virt-sysprep's defaults hold customize, ssh-hostkeys and machine-id");
  t.is(ops(templateSysprepArgs(null, provisioned)), 'customize,ssh-hostkeys,machine-id');
  t.is(ops(templateSysprepArgs(['logfiles', 'ssh-hostkeys', '-ssh-hostkeys'], provisioned)), 'logfiles,-ssh-hostkeys,customize,ssh-hostkeys,machine-id', 'the provision operations come last, so they win');
  const args = templateSysprepArgs(null, provisioned)!;
  const commands = args.flatMap((a, i) => (args[i - 1] === '--run-command' ? [a] : []));
  const deleted = args.flatMap((a, i) => (args[i - 1] === '--delete' ? [a] : []));
  t.deepEqual(commands, provisionCleanupCommands(LOGIN, 'web'));
  t.true(commands[0]!.includes("grep -vF 'AAAAC3NzaC1lZDI1NTE5AAAAIKey+/x='"), "root's throwaway key by its base64");
  t.true(commands.some((c) => c.includes('find /var/lib/cloud -mindepth 1 -maxdepth 1 ! -name seed')), "cloud-init's instance state");
  t.true(commands.some((c) => c.includes(BUILD_MAC)), "the udev rule of the build NIC");
  t.true(commands.some((c) => c.includes("= 'web' ]; then mv -f /etc/hostname.rejviz-build /etc/hostname")), 'the image\'s host name back');
  t.true(deleted.includes(BUILD_SSHD_DROP_IN));
  t.true(deleted.includes('/var/log/cloud-init.log'));
  t.deepEqual(saveHostnameArgs(), ['--run-command', 'if [ -e /etc/hostname ]; then cp -p /etc/hostname /etc/hostname.rejviz-build; fi']);
  t.throws(() => provisionCleanupCommands("ssh-ed25519 AA'AA", 'web'), { message: /Assertion failed/ });
});

test('the cleanup commands are valid sh', async (t) => {
  for (const command of [...provisionCleanupCommands(LOGIN, 'web'), saveHostnameArgs()[1]!]) {
    const r = await createRunner().run('sh', ['-n', '-c', command], { allowFailure: true });
    t.is(r.exitCode, 0, `${command}\n${r.stderr}`);
  }
});

test('power-off: asked over ssh, then the transient domain is awaited until it is gone; one that stays is a timeout', async (t) => {
  const target = { name: 'b', hostName: '127.0.0.1', port: 20001, user: 'root', identityFile: '/k', knownHostsFile: '/kh', hostKeyAlias: 'b' };
  let states = ['running (booted)', 'in shutdown (user)'];
  const runner = scripted((file, args) => {
    if (file === 'ssh') return { exitCode: 255, stderr: 'Connection closed by remote host' };
    const next = states.shift();
    return next ? { stdout: `${next}\n` } : { exitCode: 1, stderr: "error: failed to get domain 'b'" };
  });
  await powerOffBuild({ template: 'web', target, domain: 'b', connection: { uri: 'qemu:///system', option: '-c' }, runner, sleep: async () => undefined });
  t.deepEqual(runner.calls[0]!.slice(-3), ['b', '--', 'systemctl poweroff || poweroff']);
  t.deepEqual(runner.calls.slice(1).map((c) => c.slice(0, 5)), Array(3).fill(['virsh', '-c', 'qemu:///system', 'domstate', 'b']));

  states = Array(100).fill('running (booted)');
  let clock = 0;
  const stuck = scripted((file) => (file === 'ssh' ? {} : { stdout: `${states.shift() ?? 'running'}\n` }));
  const error = await t.throwsAsync(powerOffBuild({ template: 'web', target, domain: 'b', connection: { uri: null, option: '-c' }, runner: stuck, timeoutMs: 5000, now: () => clock, sleep: async (ms) => void (clock += ms) }), { instanceOf: ToolError });
  t.is(error.exitCode, 124);
  t.regex(error.stderrTail, /^template web: its build VM b did not power off within 5 s \(running \(booted\)\)/);
});

const event = (p: UpEvent['phase'], status: UpEvent['status'], seconds?: number): UpEvent => ({ lab: 'web', machine: null, template: 'debian', phase: p, status, ...(seconds !== undefined && { seconds }), at: '2026-12-03T12:00:00.000Z' });

test('progress: the provision phase inside the template phase, counted in the bar; the plan says the playbooks run', (t) => {
  const plan = { lab: 'web', templates: [{ name: 'debian', digest: 'd', action: 'build', reason: 'no image with this content in the cache', playbooks: ['/lab/site.yml'] }], machines: [], changes: 1 } as LabPlan;
  let text = '';
  const out = textProgress({ write: (s: string) => (text += s), isTTY: true, columns: 100 });
  out.plan(plan);
  out.event(event('template', 'start'));
  out.event(event('provision', 'start'));
  t.true(text.endsWith('] 0/2  template debian: provision'));
  out.event(event('provision', 'done', 93.25));
  t.true(text.includes('rejviz-up: lab web: template debian: provision in 93.3 s\n'));
  t.true(text.endsWith('] 1/2  template debian: template'), 'the template phase still runs');
  out.event(event('template', 'done', 150));
  t.true(text.endsWith('[########################] 2/2'));
  out.finish();
  t.is(planText(plan), 'lab web: 1 change(s) planned\n  template debian: build (no image with this content in the cache), then runs its playbooks before sysprep: /lab/site.yml\n');
  t.is(planText(plan, true), 'lab web: 1 change(s) made\n  template debian: build (no image with this content in the cache), ran its playbooks before sysprep: /lab/site.yml\n');
});
