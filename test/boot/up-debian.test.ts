// Tier 3: a two-machine lab from the debian-12 template on the isolated network, through the
// rejviz-up bin on qemu:///system: both machines boot with the address each was planned, on its
// planned MAC, as the guest agent reports from inside the guest. d1's seed asks only for what
// rejviz's first boot does (the template's unit, in place of cloud-init: the NICs by MAC, the
// host name, keys, user, files); d2's has a runcmd of its own, so cloud-init applies its seed
// (network-config by MAC), beside the same unit, which leaves it alone. Then the same for a machine that `make up` of `rejviz-up gen --makefile` creates (the
// template is the one the first lab built: same profile, same digest). `make destroy` and
// `rejviz-up destroy` leave nothing. The bin runs under unshare -n; the template is built with
// --no-network (network: false). d1 has a management NIC: the guest's sshd answers on its port
// on 127.0.0.1, and nothing listens there after destroy. d1 also has ssh (plugin-ssh): rejviz-up
// returns when it is ready, the lab's key logs in with its host key pinned, a changed pin fails,
// scp and sftp copy files both ways, and destroy removes the keys. The lab file's playbook ran
// against d1 once it was ready (its mark read back with rejviz-up ssh), stdout staying NDJSON; d1
// resolves d2 by name through the lab's /etc/hosts block, also after a reboot (the first boot
// applies a seed once); provision runs it again.
// The template has a playbook too (issue 14's template playbooks; one template build and one lab
// serve both, which saves a build and a boot): after virt-builder, the template boots as a
// transient VM with only a restricted user-mode NIC, ansible-playbook runs it over ssh as root with
// a throwaway key and pinned host keys, the VM is powered off and the provisioning removed (with
// sysprep: false, so that removal is shown to run without sysprep). The machines show the
// playbook's file; what the build VM was reached with (its host key, root's key, its machine-id:
// the playbook copies them aside) is not what d1 has, and nothing of the build (VM, seed volume,
// temporary image, private directory) is left.
import { createRunner } from '@rejviz/core';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { testNeeding } from '@rejviz/test-support';
import { addressLine, agentAddresses } from '../support/agent.js';
import { IMAGES, ISOLATED_NETWORK, SYSTEM, uniqueName, virsh } from '../support/domain.js';
import { hasRepository, virtType } from '../support/env.js';
import { rejviz, rejvizHostNet } from '../support/rejviz.js';

const test = testNeeding([
  { tool: 'virt-builder' }, { tool: 'virt-install' }, { tool: 'virt-sysprep' }, { tool: 'sftp' }, { tool: 'scp' }, { tool: 'unshare' }, { tool: 'virsh' }, { tool: 'make' }, { tool: 'qemu-img' }, { tool: 'genisoimage' },
  { tool: 'ssh' }, { tool: 'ssh-keyscan' }, { tool: 'ansible', install: 'apt-get install ansible-core (scripts/host-setup)' }, { tool: 'ansible-playbook', install: 'apt-get install ansible-core (scripts/host-setup)' },
  { check: hasRepository, what: 'fixture repository (fixtures/images/build)' },
]);

const LAB = uniqueName('rjvt-deb');
const GEN = uniqueName('rjvt-debgen');
// A profile content of this file's own, so that this run builds (and removes) its template.
const MARK = uniqueName('mark');
const labFile = (name: string, machines: string) => `name: ${name}
templates:
  debian: { base: debian-12, sysprep: false, network: false, runCommand: ["echo ${MARK} > /etc/rejviz-lab"], playbooks: [mark.yml] }
networks:
  iso: { existing: ${ISOLATED_NETWORK}, subnet: 198.51.100.0/24 }
defaults: { template: debian, memory: 768M }
machines:
${machines}`;
const FIRST = `${labFile(LAB, '  - { name: d1, management: true, plugins: { ssh: {} }, nics: [{ network: iso, address: 198.51.100.61 }] }\n  - { name: d2, nics: [{ network: iso, address: 198.51.100.62 }], userData: { runcmd: [[sh, -c, "echo ' + MARK + ' > /etc/rejviz-runcmd"]] } }\n')}playbooks: [ansible/site.yml]\n`;
// The lab playbook: a mark in d1, which the test reads back over ssh.
const PLAYBOOK = `- hosts: all\n  gather_facts: false\n  tasks:\n    - ansible.builtin.copy: { dest: /tmp/rejviz-playbook, content: "${MARK} from {{ inventory_hostname }}\\n" }\n`;
// The template's playbook: a mark, and what the build VM was reached with kept aside for the test.
const TEMPLATE_PLAYBOOK = `- hosts: all
  gather_facts: false
  tasks:
    - name: mark the template
      ansible.builtin.copy: { dest: /etc/rejviz-template-mark, content: "${MARK}\\n", mode: "0644" }
    - name: keep aside what the build VM was reached with, for the test to compare with the clone
      ansible.builtin.shell: |
        install -m 0644 /etc/ssh/ssh_host_ed25519_key.pub /etc/rejviz-build-hostkey.pub
        install -m 0644 /root/.ssh/authorized_keys /etc/rejviz-build-login
        install -m 0644 /etc/machine-id /etc/rejviz-build-machine-id
        id -un > /etc/rejviz-build-user
`;
const SECOND = labFile(GEN, '  - { name: g1, nics: [{ network: iso, address: 198.51.100.63 }] }\n');

/** A command run as root in the guest through its QEMU agent (the lab's user has no sudo in the fixture): its stdout. */
async function asRoot(domain: string, script: string): Promise<{ exitCode: number; stdout: string }> {
  const agent = async (command: object) => JSON.parse((await createRunner().run('virsh', ['-c', SYSTEM, 'qemu-agent-command', domain, JSON.stringify(command)])).stdout) as { return: Record<string, unknown> };
  const pid = (await agent({ execute: 'guest-exec', arguments: { path: '/bin/sh', arg: ['-c', script], 'capture-output': true } })).return.pid;
  for (let i = 0; i < 120; i++) {
    const status = (await agent({ execute: 'guest-exec-status', arguments: { pid } })).return;
    if (status.exited) return { exitCode: Number(status.exitcode), stdout: Buffer.from(String(status['out-data'] ?? ''), 'base64').toString('utf8') };
    await sleep(500);
  }
  throw new Error(`guest-exec in ${domain} did not end: ${script}`);
}

const names = async (...args: string[]) => (await virsh(...args)).split('\n').map((l) => l.trim()).filter(Boolean);
const inventory = async (lab: string) => ({
  domains: (await names('list', '--all', '--name')).filter((n) => n.startsWith(`${lab}_`)),
  volumes: (await names('vol-list', 'default')).slice(2).map((l) => l.split(/\s+/)[0]!).filter((n) => n.startsWith(`${lab}_`)),
});

let dir = '';
let template = '';
// The labs' state (keys, known_hosts) in the test's own directory.
let STATE: Record<string, string> = {};
test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rjv-up-debian-'));
  // ansible's own files (the playbook's run) in the test's directory too.
  STATE = { XDG_STATE_HOME: join(dir, 'state'), ANSIBLE_HOME: join(dir, 'ansible-home'), ANSIBLE_LOCAL_TEMP: join(dir, 'ansible-home', 'tmp') };
  await writeFile(join(dir, 'lab.yaml'), FIRST);
  await mkdir(join(dir, 'ansible'));
  await writeFile(join(dir, 'ansible', 'site.yml'), PLAYBOOK);
  await writeFile(join(dir, 'gen.yaml'), SECOND);
  await writeFile(join(dir, 'mark.yml'), TEMPLATE_PLAYBOOK);
});
test.after.always(async () => {
  await createRunner().run('make', ['-C', join(dir, 'make'), 'destroy'], { allowFailure: true });
  for (const file of ['lab.yaml', 'gen.yaml']) await rejviz('rejviz-up', ['destroy', '-f', file, '-c', SYSTEM], { cwd: dir, env: STATE });
  if (template) await createRunner().run('virsh', ['-c', SYSTEM, 'vol-delete', '--pool', 'default', template], { allowFailure: true });
  await rm(dir, { recursive: true, force: true });
});

test.serial('a debian-12 lab: both machines get their planned addresses inside the guest; a gen Makefile machine too; destroy leaves nothing', async (t) => {
  // In this host's network namespace: rejviz-up waits for d1's ssh on 127.0.0.1 (the template
  // tools still run under unshare -n).
  const up = await rejvizHostNet('rejviz-up', ['-f', 'lab.yaml', '-c', SYSTEM, '--json'], { cwd: dir, env: STATE });
  t.is(up.exitCode, 0, up.stderr);
  t.regex(up.stderr, /d1: ready: ssh answered with the pinned host key after \d+(\.\d)? s, the first boot finished after \d+(\.\d)? s/, 'rejviz-up returned once d1 was ready');
  const result = JSON.parse(up.stdout.trimEnd().split('\n').pop()!) as { event: string; plan: { templates: { name: string; digest: string; action: string; playbooks: string[] }[] } };
  t.deepEqual(result.plan.templates.map((x) => [x.name, x.action, x.playbooks]), [['debian', 'build', [join(dir, 'mark.yml')]]]);
  const digest12 = result.plan.templates[0]!.digest.slice(0, 12);
  template = `rejviz-template_debian_${digest12}.qcow2`;
  // Each template phase's time, for the record; the template's playbook ran in its build VM.
  for (const line of up.stdout.split('\n').filter((l) => l.includes('"status":"done"') && l.includes('"template"'))) {
    const e = JSON.parse(line) as { template?: string; phase: string; seconds: number };
    t.log(`template ${e.template}: ${e.phase} ${e.seconds} s`);
  }
  t.regex(up.stdout, /"template":"debian","phase":"provision","status":"done"/, 'NDJSON: the provision phase');
  t.regex(up.stderr, /template debian: rejviz-build-debian-[0-9a-f]{12}-\d+ is ready: ssh answered with the pinned host key/);
  t.regex(up.stderr, /PLAY RECAP \*+\n.*debian\s+: ok=2\s+changed=2\s+unreachable=0\s+failed=0/, "the template playbook's ansible-playbook output on stderr");
  // Nothing of the build is left: no VM, no seed volume, no temporary image, no private directory.
  t.deepEqual((await names('list', '--all', '--name')).filter((n) => n.startsWith(`rejviz-build-debian-${digest12}-`)), []);
  t.deepEqual((await names('vol-list', 'default')).filter((l) => l.includes(`rejviz-build-debian-${digest12}-`)), []);
  t.deepEqual((await readdir(IMAGES)).filter((f) => f.startsWith(`.rejviz-template_debian_${digest12}`)), []);
  t.deepEqual((await readdir(tmpdir())).filter((f) => f.startsWith('rejviz-provision-')), []);
  const ready = (up.stdout.match(/"phase":"ready","status":"done"/g) ?? []).length;
  t.is(ready, 2, 'NDJSON: both machines reached ready');

  // Both guests boot at once; each reports its planned address on its planned MAC.
  const macs = Object.fromEntries(await Promise.all(['d1', 'd2'].map(async (m) => [m, /52:54:00(:[0-9a-f]{2}){3}/.exec(await virsh('domiflist', `${LAB}_${m}`))![0]] as const)));
  const tables = await Promise.all([['d1', '198.51.100.61/24'], ['d2', '198.51.100.62/24']].map(([m, a]) => agentAddresses(`${LAB}_${m}`, a!, 420_000)));
  t.regex(addressLine(tables[0]!, '198.51.100.61/24'), new RegExp(` ${macs.d1} ipv4 198\\.51\\.100\\.61/24$`));
  t.regex(addressLine(tables[1]!, '198.51.100.62/24'), new RegExp(` ${macs.d2} ipv4 198\\.51\\.100\\.62/24$`));
  // d1's management NIC: qemu's restricted user-mode NIC, up in the guest as mgmt0 with slirp's
  // address on its own MAC (from the seed), and the guest's sshd reached through the forward on
  // 127.0.0.1 only, which qemu listens on.
  const d1Xml = await virsh('dumpxml', `${LAB}_d1`);
  const mgmt = /hostfwd=tcp:127\.0\.0\.1:(\d+)-:22[\s\S]*?mac=(52:54:00(?::[0-9a-f]{2}){3})/.exec(d1Xml);
  t.truthy(mgmt, 'the management NIC is in the domain');
  const mgmtTable = await agentAddresses(`${LAB}_d1`, '10.0.2.15/24', 120_000);
  t.regex(addressLine(mgmtTable, '10.0.2.15/24'), new RegExp(`^mgmt0 ${mgmt![2]} ipv4 10\\.0\\.2\\.15/24$`));
  const listening = await createRunner().run('ss', ['-Hltnp', `sport = :${mgmt![1]}`]);
  t.regex(listening.stdout, new RegExp(`^LISTEN .* 127\\.0\\.0\\.1:${mgmt![1]} .*qemu`, 'm'), listening.stdout);
  // The local address of every socket on that port (the fourth column): loopback only.
  t.deepEqual(listening.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/)[3]), [`127.0.0.1:${mgmt![1]}`], 'loopback only');
  let scan = '';
  for (let i = 0; i < 60 && !scan.includes('ssh-ed25519'); i++) {
    scan = (await createRunner().run('ssh-keyscan', ['-T', '5', '-t', 'ed25519', '-p', mgmt![1]!, '127.0.0.1'], { allowFailure: true })).stdout;
    if (!scan.includes('ssh-ed25519')) await new Promise((r) => setTimeout(r, 2000));
  }
  t.regex(scan, new RegExp(`^\\[127\\.0\\.0\\.1\\]:${mgmt![1]} ssh-ed25519 `, 'm'), 'the guest sshd answers through the forward');

  // ssh access (plugin-ssh): the guest's host keys were made on the host and pinned before it
  // booted; the lab's key logs in as the lab's user with strict checking; a changed pin fails.
  const sshDir = join(dir, 'state', 'rejviz', 'labs', LAB, 'ssh');
  const pinned = await readFile(join(sshDir, 'known_hosts'), 'utf8');
  t.true(pinned.includes(`${LAB}_d1 ${scan.split('\n').find((l) => l.includes('ssh-ed25519'))!.split(' ').slice(1, 3).join(' ')}`), 'the key the guest presents is the one pinned');
  const ssh = (knownHosts: string, ...cmd: string[]) => createRunner().run('ssh', [
    '-F', '/dev/null', '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${knownHosts}`,
    '-o', 'GlobalKnownHostsFile=/dev/null', '-o', `HostKeyAlias=${LAB}_d1`, '-i', join(sshDir, 'id_ed25519'), '-p', mgmt![1]!, 'rejviz@127.0.0.1', ...cmd,
  ], { allowFailure: true });
  const hostname = await ssh(join(sshDir, 'known_hosts'), 'hostname; grep -qx "exit 0" /run/rejviz/first-boot.result && echo applied; test -e /run/cloud-init/result.json || echo no-cloud-init');
  t.is(hostname.exitCode, 0, hostname.stderr);
  t.is(hostname.stdout.split('\n')[0], 'd1');
  t.true(hostname.stdout.includes('applied'), 'the first boot had applied the seed when rejviz-up returned');
  t.true(hostname.stdout.includes('no-cloud-init'), 'cloud-init did not run: the unit had it skip this boot');
  // Under TCG the domain has the most capable CPU QEMU emulates (rejviz-install's fallback): the
  // guest sees x86-64-v2 (the EL 9 family needs it) and v3 features, which QEMU's default qemu64
  // lacks.
  if ((await virtType()) === 'qemu') {
    t.regex(d1Xml, /<cpu mode=['"]maximum['"]/);
    const flags = await ssh(join(sshDir, 'known_hosts'), 'grep -m1 "^flags" /proc/cpuinfo');
    for (const flag of ['ssse3', 'sse4_1', 'sse4_2', 'popcnt', 'avx2', 'bmi2', 'fma']) t.regex(flags.stdout, new RegExp(` ${flag}( |$)`, 'm'), `the guest's CPU has ${flag}`);
  }
  const other = join(dir, 'other_known_hosts');
  await createRunner().run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'other')]);
  await writeFile(other, `${LAB}_d1 ${(await readFile(join(dir, 'other.pub'), 'utf8')).split(' ').slice(0, 2).join(' ')}\n`);
  const changed = await ssh(other, 'true');
  t.is(changed.exitCode, 255);
  t.regex(changed.stderr, /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
  // The verbs: rejviz-up ssh with strict checking (in this host's network namespace, to reach
  // the forward), ssh-config for ssh -F, and the inventory ansible pings d1 with.
  const viaVerb = await rejvizHostNet('rejviz-up', ['ssh', '--lab', LAB, '-c', SYSTEM, 'd1', '--', 'hostname'], { cwd: dir, env: STATE });
  t.is(viaVerb.exitCode, 0, viaVerb.stderr);
  t.is(viaVerb.stdout.trim(), 'd1');
  const failing = await rejvizHostNet('rejviz-up', ['ssh', '--lab', LAB, '-c', SYSTEM, 'd1', 'exit', '7'], { cwd: dir, env: STATE });
  t.is(failing.exitCode, 7, "the command's exit code is rejviz-up's");

  // The template's playbook: d1, cloned from the template, has its file; what the build VM was
  // reached with, as the playbook saw it (files it made readable for this), is not what d1 has.
  const mark = await rejvizHostNet('rejviz-up', ['ssh', '--lab', LAB, '-c', SYSTEM, 'd1', '--', 'cat /etc/rejviz-template-mark; awk "FNR == 1" /etc/rejviz-build-user /etc/rejviz-build-hostkey.pub /etc/rejviz-build-machine-id; cat /etc/rejviz-build-login'], { cwd: dir, env: STATE });
  t.is(mark.exitCode, 0, mark.stderr);
  const [marked0, user, buildHostKey, buildMachineId, ...login] = mark.stdout.trim().split('\n');
  t.is(marked0, MARK);
  t.is(user, 'root', 'the template playbook ran as root');
  const keyOf = (line: string | undefined) => line?.split(' ').slice(0, 2).join(' ') ?? '';
  t.regex(buildHostKey!, /^ssh-ed25519 /);
  t.regex(buildMachineId!, /^[0-9a-f]{32}$/);
  const buildKey = login.find((l) => l.startsWith('ssh-ed25519 '));
  t.truthy(buildKey, "root's throwaway key, as the build had it");
  // As root, through the guest agent (cloud-init writes host public keys 0600; the lab's user has
  // no sudo in the fixture): d1's own host key and machine-id, none of the build's login left,
  // the first boot applied d1's instance, and cloud-init has no instance (none of the build's left).
  const rootView = await asRoot(`${LAB}_d1`, [
    'awk "FNR == 1" /etc/ssh/ssh_host_ed25519_key.pub /etc/machine-id',
    `if grep -qF '${keyOf(buildKey).split(' ')[1]}' /root/.ssh/authorized_keys 2>/dev/null; then echo build-key-left; fi`,
    'test -e /etc/ssh/sshd_config.d/10-rejviz-build.conf && echo drop-in-left',
    'test -e /etc/hostname.rejviz-build && echo saved-hostname-left',
    'cat /var/lib/rejviz/first-boot/instance-id',
    'ls /var/lib/cloud/instances 2>/dev/null || true',
  ].join('; '));
  t.is(rootView.exitCode, 0);
  const [hostKey, machineId, ...rest] = rootView.stdout.trim().split('\n');
  t.not(keyOf(hostKey), keyOf(buildHostKey), "d1's host key is not the build's");
  t.true(pinned.includes(`${LAB}_d1 ${keyOf(hostKey)}`), `it is the one the lab pinned:\n${pinned}`);
  t.regex(machineId!, /^[0-9a-f]{32}$/);
  t.not(machineId, buildMachineId, 'a machine-id of its own');
  t.deepEqual(rest.filter((l) => l.endsWith('-left')), [], rootView.stdout);
  t.is(rest.length, 1, `the first boot's instance, and no cloud-init instance: ${rootView.stdout}`);
  t.true(rest[0]!.startsWith(`${LAB}_d1-`), rest[0]);

  // d2's seed went to cloud-init (its runcmd ran); the unit left it alone.
  const d2View = await asRoot(`${LAB}_d2`, 'cat /etc/rejviz-runcmd; test -e /run/cloud-init/result.json && echo cloud-init-done; test -e /run/rejviz/first-boot.result || echo no-first-boot; ls /var/lib/cloud/instances');
  const d2Lines = d2View.stdout.trim().split('\n');
  t.deepEqual(d2Lines.slice(0, 3), [MARK, 'cloud-init-done', 'no-first-boot'], d2View.stdout);
  t.true(d2Lines.length === 4 && d2Lines[3]!.startsWith(`${LAB}_d2-`), `one cloud-init instance, d2's: ${d2View.stdout}`);

  // scp and sftp through the bin, both ways, with the same pinning as ssh.
  await writeFile(join(dir, 'to-guest.txt'), `${MARK} by scp\n`);
  const scpTo = await rejvizHostNet('rejviz-up', ['scp', '--lab', LAB, '-c', SYSTEM, 'to-guest.txt', 'd1:/tmp/by-scp'], { cwd: dir, env: STATE });
  t.is(scpTo.exitCode, 0, scpTo.stderr);
  const scpFrom = await rejvizHostNet('rejviz-up', ['scp', '--lab', LAB, '-c', SYSTEM, 'd1:/tmp/by-scp', 'from-guest.txt'], { cwd: dir, env: STATE });
  t.is(scpFrom.exitCode, 0, scpFrom.stderr);
  t.is(await readFile(join(dir, 'from-guest.txt'), 'utf8'), `${MARK} by scp\n`, 'the file went to d1 and came back');
  // sftp reads its commands from stdin when it is not a terminal.
  const sftp = await rejvizHostNet('rejviz-up', ['sftp', '--lab', LAB, '-c', SYSTEM, 'd1'], { cwd: dir, env: STATE, input: 'put to-guest.txt /tmp/by-sftp\nget /etc/hostname sftp-hostname.txt\n' });
  t.is(sftp.exitCode, 0, sftp.stderr);
  t.is(await readFile(join(dir, 'sftp-hostname.txt'), 'utf8'), 'd1\n', 'sftp fetched the guest file');
  const bySftp = await rejvizHostNet('rejviz-up', ['ssh', '--lab', LAB, '-c', SYSTEM, 'd1', '--', 'cat', '/tmp/by-sftp'], { cwd: dir, env: STATE });
  t.is(bySftp.stdout, `${MARK} by scp\n`, bySftp.stderr);
  const strangers = await rejvizHostNet('rejviz-up', ['sftp', '--lab', LAB, '-c', SYSTEM, 'd3'], { cwd: dir, env: STATE, input: 'ls\n' });
  t.is(strangers.exitCode, 2, 'a machine the lab does not have is a usage error');
  t.regex(strangers.stderr, /d3.* is not a machine of lab /);

  // The lab playbook ran once d1 was ready; its output went to stderr, stdout stayed NDJSON.
  const site = join(dir, 'ansible', 'site.yml');
  t.true(up.stderr.includes(`lab ${LAB}: running playbook ${site}`), up.stderr);
  for (const line of up.stdout.trimEnd().split('\n')) t.notThrows(() => JSON.parse(line), line);
  const d1 = (...cmd: string[]) => rejvizHostNet('rejviz-up', ['ssh', '--lab', LAB, '-c', SYSTEM, 'd1', '--', ...cmd], { cwd: dir, env: STATE });
  const marked = await d1('cat', '/tmp/rejviz-playbook');
  t.is(marked.stdout, `${MARK} from d1\n`, marked.stderr);
  // d1 names d2 through the lab's block in its /etc/hosts, and itself on 127.0.1.1.
  const hostNames = async () => (await d1('getent hosts d2; hostname -f; cat /proc/sys/kernel/random/boot_id')).stdout;
  const before = await hostNames();
  t.regex(before, new RegExp(`^198\\.51\\.100\\.62\\s+d2 d2\\.${LAB}\\nd1\\.${LAB}\\n`), before);
  // After a reboot (the guest agent's) the file is as it was: the first boot applies a seed once
  // per instance (and cloud-init, skipped again, never rewrites it).
  await virsh('reboot', `${LAB}_d1`, '--mode', 'agent');
  const bootId = before.trim().split('\n').at(-1)!;
  let after = '';
  for (let i = 0; i < 100 && !(after.includes(' d2 ') && !after.includes(bootId)); i++) {
    await new Promise((r) => setTimeout(r, 3000));
    after = await hostNames().catch(() => '');
  }
  t.false(after.includes(bootId), `d1 rebooted: ${after}`);
  t.is(after.split('\n').slice(0, 2).join('\n'), before.split('\n').slice(0, 2).join('\n'), 'the same names after the reboot');
  // provision runs the lab's playbooks again, the lab found by name (its state names its file).
  const provision = await rejvizHostNet('rejviz-up', ['provision', '--lab', LAB, '-c', SYSTEM], { cwd: '/', env: STATE });
  t.is(provision.exitCode, 0, provision.stderr);
  t.is(provision.stdout, `ran 1 playbook(s) against lab ${LAB}: ${site}\n`);
  const config = await rejviz('rejviz-up', ['ssh-config', '--lab', LAB, '-c', SYSTEM], { cwd: dir, env: STATE });
  t.is(config.exitCode, 0, config.stderr);
  await writeFile(join(dir, 'lab.ssh'), config.stdout);
  const viaConfig = await createRunner().run('ssh', ['-F', join(dir, 'lab.ssh'), '-o', 'BatchMode=yes', 'd1', 'hostname'], { allowFailure: true });
  t.is(viaConfig.stdout.trim(), 'd1', viaConfig.stderr);
  const inv = await rejviz('rejviz-up', ['inventory', '--lab', LAB, '-c', SYSTEM], { cwd: dir, env: STATE });
  t.is(inv.exitCode, 0, inv.stderr);
  t.regex(inv.stderr, /warning: d2 is not in the inventory|^$/);
  await writeFile(join(dir, 'inventory.yml'), inv.stdout);
  t.is(await readFile(join(dir, 'state', 'rejviz', 'labs', LAB, 'inventory.yml'), 'utf8'), inv.stdout, 'rejviz-up wrote the same inventory when the lab was ready');
  t.regex(up.stderr, new RegExp(`lab ${LAB}: ansible inventory in \\S+/inventory\\.yml`));
  const ansibleHome = join(dir, 'ansible');
  const ping = await createRunner().run('ansible', ['all', '-i', join(dir, 'inventory.yml'), '-m', 'ping'], {
    allowFailure: true, env: { ANSIBLE_HOME: ansibleHome, ANSIBLE_LOCAL_TEMP: join(ansibleHome, 'tmp'), ANSIBLE_SSH_CONTROL_PATH_DIR: join(ansibleHome, 'cp'), ANSIBLE_INVENTORY_UNPARSED_FAILED: 'true' },
  });
  t.is(ping.exitCode, 0, `${ping.stdout}\n${ping.stderr}`);
  t.regex(ping.stdout, /^d1 \| SUCCESS/m);
  const status = await rejviz('rejviz-up', ['status', '--lab', LAB, '-c', SYSTEM, '--json'], { cwd: dir, env: STATE });
  const statusOf = (JSON.parse(status.stdout) as { machine: string; management: { host: string; port: number } | null }[]);
  t.deepEqual(statusOf.map((m) => [m.machine, m.management]), [['d1', { host: '127.0.0.1', port: Number(mgmt![1]) }], ['d2', null]], 'status names the management port');
  for (const text of [up.stdout, up.stderr, status.stdout, d1Xml, config.stdout, inv.stdout]) t.false(text.includes('PRIVATE KEY'), 'no private key in the output, the status, the domain, ssh-config or the inventory');

  const host = await createRunner().run('virsh', ['-c', SYSTEM, 'qemu-agent-command', `${LAB}_d2`, '{"execute":"guest-get-host-name"}']);
  t.is((JSON.parse(host.stdout) as { return: { 'host-name': string } }).return['host-name'], 'd2', 'the seed named the host');

  // gen: the Makefile lab uses the cached template (no build) and comes up with make alone.
  const gen = await rejviz('rejviz-up', ['gen', '--makefile', 'make', '-f', 'gen.yaml', '-c', SYSTEM], { cwd: dir, env: STATE });
  t.is(gen.exitCode, 0, gen.stderr);
  t.notRegex(gen.stderr, /building template/, 'the template of the first lab is reused');
  const makeUp = await createRunner().run('make', ['-C', join(dir, 'make'), 'up'], { allowFailure: true });
  t.is(makeUp.exitCode, 0, makeUp.stderr);
  const genTable = await agentAddresses(`${GEN}_g1`, '198.51.100.63/24', 420_000);
  t.regex(addressLine(genTable, '198.51.100.63/24'), / 52:54:00(:[0-9a-f]{2}){3} ipv4 198\.51\.100\.63\/24$/);
  const makeDown = await createRunner().run('make', ['-C', join(dir, 'make'), 'destroy'], { allowFailure: true });
  t.is(makeDown.exitCode, 0, makeDown.stderr);
  t.deepEqual(await inventory(GEN), { domains: [], volumes: [] }, 'make destroy leaves nothing of its lab');

  const destroyed = await rejviz('rejviz-up', ['destroy', '-f', 'lab.yaml', '-c', SYSTEM], { cwd: dir, env: STATE });
  t.is(destroyed.exitCode, 0, destroyed.stderr);
  t.deepEqual(await inventory(LAB), { domains: [], volumes: [] }, 'rejviz-up destroy leaves nothing of its lab');
  t.false(existsSync(join(dir, 'state', 'rejviz', 'labs', LAB)), 'nor its keys and known_hosts');
  t.is((await createRunner().run('ss', ['-Hltn', `sport = :${mgmt![1]}`])).stdout.trim(), '', 'no port left listening');
});
