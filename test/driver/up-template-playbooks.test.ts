// Tier 1 (driver): template playbooks (issue 14) through the rejviz-up bin on libvirt's test
// driver: plan and --dry-run say the template would run its playbooks (paths taken from the lab
// file's directory), the template's digest follows a playbook's content, and a playbook path that
// is not a file is one line naming templates.NAME.playbooks[I], exit 2, with nothing made. Then
// the build VM as rejviz-install's planner makes it from what the build asks for (the real
// virt-install argument reader and the test driver's state): a transient domain with no libvirt
// NIC, the management NIC's restricted user-mode network forwarding ssh from 127.0.0.1 only, and
// a seed whose user-data logs root in with the throwaway key.
import { createRunner, createServices, requestOptionValues } from '@rejviz/core';
import { planInstall } from '@rejviz/install';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testNeeding } from '@rejviz/test-support';
import { BUILD_MAC, buildDomainInstall, buildDomainName, loadLab, provisionUserData } from '@rejviz/up';
import { parse } from 'yaml';
import { uniqueName } from '../support/domain.js';
import { rejviz } from '../support/rejviz.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';

const test = testNeeding([{ tool: 'virsh' }, { tool: 'virt-install' }, { tool: 'qemu-img' }, { tool: 'unshare' }, { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' }]);

const LAB = uniqueName('rjvt-tpb');
let dir = '';
const env = () => ({ XDG_STATE_HOME: join(dir, 'state') });
const labFile = (playbook: string) => `name: ${LAB}
templates:
  debian: { base: debian-12, network: false, playbooks: [${playbook}] }
networks: { n: { existing: default } }
machines:
  - { name: m, template: debian, nics: [{ network: n, address: dhcp }] }
`;

test.before(async () => {
  await holdTestDriver();
  dir = await mkdtemp(join(tmpdir(), 'rjv-up-tpb-'));
  await mkdir(join(dir, 'labs'));
  await mkdir(join(dir, 'play'));
  await writeFile(join(dir, 'play', 'site.yml'), '- hosts: all\n  tasks: [{ ansible.builtin.ping: }]\n');
  // The lab file one directory below where rejviz-up runs: paths are taken from the file's directory.
  await writeFile(join(dir, 'labs', 'lab.yaml'), labFile('../play/site.yml'));
  await writeFile(join(dir, 'labs', 'bad.yaml'), labFile('missing.yml'));
});
test.after.always(async () => {
  releaseTestDriver();
  await rm(dir, { recursive: true, force: true });
});

test.serial('plan and --dry-run say the template runs its playbooks; --json lists them; the digest follows their content', async (t) => {
  const site = join(dir, 'play', 'site.yml');
  const plan = await rejviz('rejviz-up', ['plan', '-f', 'labs/lab.yaml', '-c', TEST_URI], { cwd: dir, env: env() });
  t.is(plan.exitCode, 0, plan.stderr);
  t.is(plan.stdout.split('\n')[1], `  template debian: build (no image with this content in the cache), then runs its playbooks before sysprep: ${site}`);
  const dry = await rejviz('rejviz-up', ['-f', 'labs/lab.yaml', '-c', TEST_URI, '--dry-run'], { cwd: dir, env: env() });
  t.is(dry.exitCode, 0, dry.stderr);
  t.is(dry.stdout, plan.stdout);
  const json = await rejviz('rejviz-up', ['plan', '-f', 'labs/lab.yaml', '-c', TEST_URI, '--json'], { cwd: dir, env: env() });
  const first = (JSON.parse(json.stdout) as { templates: { name: string; digest: string; playbooks: string[] }[] }).templates[0]!;
  t.deepEqual(first.playbooks, [site]);

  await writeFile(site, '- hosts: all\n  tasks: [{ ansible.builtin.ping: }, { ansible.builtin.ping: }]\n');
  const again = await rejviz('rejviz-up', ['plan', '-f', 'labs/lab.yaml', '-c', TEST_URI, '--json'], { cwd: dir, env: env() });
  const second = (JSON.parse(again.stdout) as { templates: { digest: string }[] }).templates[0]!;
  t.not(second.digest, first.digest, 'an edited playbook is another template');
  t.false(existsSync(join(dir, 'state', 'rejviz', 'labs', LAB)), 'plan and --dry-run write no state');
});

test.serial('a playbook path that is not a file: one line naming templates.debian.playbooks[0], exit 2, nothing made', async (t) => {
  // up and gen read the pool first: the test driver's is default-pool.
  for (const args of [['plan'], ['up', '--pool', 'default-pool'], ['gen', '--makefile', 'out', '--pool', 'default-pool']]) {
    const res = await rejviz('rejviz-up', [...args, '-f', 'labs/bad.yaml', '-c', TEST_URI], { cwd: dir, env: env() });
    t.is(res.exitCode, 2, args[0]);
    t.is(res.stdout, '');
    t.is(res.stderr, `rejviz-up: error: labs/bad.yaml:3:58: templates.debian.playbooks[0]: 'missing.yml' does not exist (${join(dir, 'labs', 'missing.yml')}); give the path of a playbook file, relative to ${join(dir, 'labs')}\n`);
  }
  t.false(existsSync(join(dir, 'state', 'rejviz', 'labs', LAB)), 'no state');
  t.false(existsSync(join(dir, 'out')), 'no gen output');
  const domains = (await createRunner().run('virsh', ['-c', TEST_URI, 'list', '--all', '--name'])).stdout;
  t.false(domains.includes(LAB), 'no domain');
});

test.serial("the build VM as rejviz-install plans it: transient, the image as its disk, no libvirt NIC, ssh forwarded from 127.0.0.1 only, root's key in the seed", async (t) => {
  const image = join(dir, '.rejviz-template_debian_0123456789ab.1.tmp');
  await createRunner().run('qemu-img', ['create', '-q', '-f', 'qcow2', image, '64M']);
  const lab = await loadLab({ file: 'lab.yaml', text: await readFile(join(dir, 'labs', 'lab.yaml'), 'utf8'), path: join(dir, 'labs', 'lab.yaml') });
  const template = lab.templates[0]!;
  const domain = buildDomainName('debian', '0123456789abcdef', 4242);
  const userData = join(dir, 'user-data');
  const login = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKey+/x= rejviz@rejviz-provision-abc';
  const hostKey = (type: string) => ({ privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${type}\n-----END OPENSSH PRIVATE KEY-----\n`, publicKey: `ssh-${type} AAAA root@build` });
  await writeFile(userData, provisionUserData(login, { ed25519: hostKey('ed25519'), ecdsa: hostKey('ecdsa'), rsa: hostKey('rsa') }), { mode: 0o600 });
  const { request, plugins } = buildDomainInstall({ domain, template, image, osinfo: 'debian12', pool: 'default-pool', connection: { uri: TEST_URI, option: '-c' }, userData }, 21999);
  const services = await createServices({ plugins });
  const options = await requestOptionValues(services.plugins, 'install', request.options, () => undefined);
  const run = await planInstall({ ...request, options }, services);
  const args = run.plan.args;
  for (const arg of ['--import', '--transient', '--noautoconsole', `path=${image},format=qcow2,bus=virtio`, `vol=default-pool/${domain}-cidata.iso,device=cdrom`]) t.true(args.includes(arg), arg);
  t.is(args[args.indexOf('--network') + 1], 'none');
  t.is(args.filter((a) => a === '--network').length, 1, 'no libvirt NIC at all');
  const qemu = args.find((a) => a.startsWith('--qemu-commandline='))!;
  t.regex(qemu, new RegExp(`^--qemu-commandline=-netdev user,id=rjvmgmt0,restrict=on,ipv6=off,hostfwd=tcp:127\\.0\\.0\\.1:21999-:22 -device virtio-net-pci,netdev=rjvmgmt0,mac=${BUILD_MAC},`));
  const files = Object.fromEntries(run.plan.seed!.files.map((f) => [f.name, f.content]));
  const data = parse(files['user-data']!) as Record<string, unknown>;
  t.like(data, { users: [{ name: 'root', lock_passwd: false, ssh_authorized_keys: [login] }], hostname: 'debian' });
  t.regex(files['network-config']!, new RegExp(BUILD_MAC));
  t.regex(files['network-config']!, /10\.0\.2\.15\/24/);
  // What --dry-run would show of the seed hides the private host keys.
  const shown = run.plan.seed!.files.find((f) => f.name === 'user-data')!.shown ?? '';
  t.false(shown.includes('PRIVATE KEY'));
});
