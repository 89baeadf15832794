// Tier 3: template playbooks (issue 14) through the rejviz-up bin on qemu:///system: a one-machine
// lab from the debian-12 fixture whose profile has a playbook (and sysprep: false, so the removal
// of the provisioning is shown to run without it). ONE `rejviz-up`: the template is built
// (virt-builder), booted as a transient VM with only a restricted user-mode NIC where ansible-
// playbook runs the playbook over ssh as root with a throwaway key and pinned host keys, powered
// off, cleaned by virt-sysprep, cached; then the machine is cloned from it and becomes ready. The
// machine shows the playbook's file; what the build VM was reached with (its host key, root's
// key, its machine-id: the playbook copies them aside) is not what the machine has, and nothing
// of the build (VM, seed volume, temporary image, private directory) is left.
import { createRunner } from '@rejviz/core';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { testNeeding } from '@rejviz/test-support';
import { IMAGES, ISOLATED_NETWORK, SYSTEM, uniqueName, virsh } from '../support/domain.js';
import { hasRepository } from '../support/env.js';
import { rejviz, rejvizHostNet } from '../support/rejviz.js';

const test = testNeeding([
  { tool: 'virt-builder' }, { tool: 'virt-install' }, { tool: 'virt-sysprep' }, { tool: 'unshare' }, { tool: 'virsh' }, { tool: 'genisoimage' },
  { tool: 'ssh' }, { tool: 'ansible-playbook', install: 'apt-get install ansible-core (scripts/host-setup)' },
  { check: hasRepository, what: 'fixture repository (fixtures/images/build)' },
]);

const LAB = uniqueName('rjvt-tpb');
// In the playbook: a profile content of this file's own, so that this run builds its template.
const MARK = uniqueName('mark');
const LAB_FILE = `name: ${LAB}
templates:
  debian: { base: debian-12, sysprep: false, network: false, playbooks: [mark.yml] }
networks:
  iso: { existing: ${ISOLATED_NETWORK}, subnet: 198.51.100.0/24 }
machines:
  - { name: m, template: debian, memory: 768M, management: true, plugins: { ssh: {} }, nics: [{ network: iso, address: 198.51.100.71 }] }
`;
const PLAYBOOK = `- hosts: all
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

const names = async (...args: string[]) => (await virsh(...args)).split('\n').map((l) => l.trim()).filter(Boolean);

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

let dir = '';
let digest12 = '';
let STATE: Record<string, string> = {};
test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rjv-up-tpb-'));
  STATE = { XDG_STATE_HOME: join(dir, 'state') };
  await writeFile(join(dir, 'lab.yaml'), LAB_FILE);
  await writeFile(join(dir, 'mark.yml'), PLAYBOOK);
});
test.after.always(async () => {
  await rejviz('rejviz-up', ['destroy', '-f', 'lab.yaml', '-c', SYSTEM], { cwd: dir, env: STATE });
  if (digest12) await createRunner().run('virsh', ['-c', SYSTEM, 'vol-delete', '--pool', 'default', `rejviz-template_debian_${digest12}.qcow2`], { allowFailure: true });
  await rm(dir, { recursive: true, force: true });
});

test.serial('a template with a playbook: the playbook ran on the template, the clone has none of the build\'s login, keys or identity, and nothing of the build is left', async (t) => {
  const started = Date.now();
  // In this host's network namespace: ansible-playbook and the readiness wait reach 127.0.0.1
  // forwards (virt-builder and virt-sysprep still run under unshare -n).
  const up = await rejvizHostNet('rejviz-up', ['-f', 'lab.yaml', '-c', SYSTEM, '--json'], { cwd: dir, env: STATE });
  const seconds = Math.round((Date.now() - started) / 1000);
  t.log(`rejviz-up (template build with its playbook, one machine ready) took ${seconds} s`);
  t.is(up.exitCode, 0, up.stderr);
  // Each template phase's time, for the record.
  for (const line of up.stdout.split('\n').filter((l) => l.includes('"status":"done"'))) {
    const e = JSON.parse(line) as { machine: string | null; template?: string; phase: string; seconds: number };
    t.log(`${e.machine ?? `template ${e.template}`}: ${e.phase} ${e.seconds} s`);
  }
  const result = JSON.parse(up.stdout.trimEnd().split('\n').pop()!) as { plan: { templates: { name: string; digest: string; action: string; playbooks: string[] }[] } };
  t.deepEqual(result.plan.templates.map((x) => [x.name, x.action, x.playbooks]), [['debian', 'build', [join(dir, 'mark.yml')]]]);
  digest12 = result.plan.templates[0]!.digest.slice(0, 12);
  t.regex(up.stdout, /"template":"debian","phase":"provision","status":"done"/, 'NDJSON: the provision phase');
  t.regex(up.stderr, /template debian: rejviz-build-debian-[0-9a-f]{12}-\d+ is ready: ssh answered with the pinned host key/);
  t.regex(up.stderr, /PLAY RECAP \*+\n.*debian\s+: ok=2\s+changed=2\s+unreachable=0\s+failed=0/, "ansible-playbook's output on stderr");
  t.regex(up.stderr, /m: ready: ssh answered with the pinned host key/);
  t.false(`${up.stdout}${up.stderr}`.includes('PRIVATE KEY'), 'no private key in any output');

  // The machine, cloned from the template, has the playbook's file.
  const ssh = (...cmd: string[]) => rejvizHostNet('rejviz-up', ['ssh', '--lab', LAB, '-c', SYSTEM, 'm', '--', ...cmd], { cwd: dir, env: STATE });
  const mark = await ssh('cat', '/etc/rejviz-template-mark');
  t.is(mark.exitCode, 0, mark.stderr);
  t.is(mark.stdout, `${MARK}\n`);

  // What the build VM was reached with, as the playbook saw it (files it made readable for this).
  const seen = await ssh('awk "FNR == 1" /etc/rejviz-build-user /etc/rejviz-build-hostkey.pub /etc/rejviz-build-machine-id; cat /etc/rejviz-build-login');
  t.is(seen.exitCode, 0, seen.stderr);
  const [user, buildHostKey, buildMachineId, ...login] = seen.stdout.trim().split('\n');
  t.is(user, 'root', 'the playbook ran as root');
  const keyOf = (line: string | undefined) => line?.split(' ').slice(0, 2).join(' ') ?? '';
  t.regex(buildHostKey!, /^ssh-ed25519 /);
  t.regex(buildMachineId!, /^[0-9a-f]{32}$/);
  const buildKey = login.find((l) => l.startsWith('ssh-ed25519 '));
  t.truthy(buildKey, "root's throwaway key, as the build had it");

  // As root, through the guest agent (cloud-init writes host public keys 0600; the lab's user has
  // no sudo in the fixture): the machine's own host key and machine-id, none of the build's login
  // left, and cloud-init ran as a new instance.
  const rootView = await asRoot(`${LAB}_m`, [
    'awk "FNR == 1" /etc/ssh/ssh_host_ed25519_key.pub /etc/machine-id',
    `if grep -qF '${keyOf(buildKey).split(' ')[1]}' /root/.ssh/authorized_keys 2>/dev/null; then echo build-key-left; fi`,
    'test -e /etc/ssh/sshd_config.d/10-rejviz-build.conf && echo drop-in-left',
    'test -e /etc/hostname.rejviz-build && echo saved-hostname-left',
    // No such user is ever made (root logs in to the build VM); said for the record.
    'getent passwd rejviz-build && echo build-user-exists',
    'ls /var/lib/cloud/instances',
  ].join('; '));
  t.is(rootView.exitCode, 0);
  t.log(rootView.stdout);
  const [hostKey, machineId, ...rest] = rootView.stdout.trim().split('\n');
  t.not(keyOf(hostKey), keyOf(buildHostKey), "the machine's host key is not the build's");
  const pinned = await readFile(join(dir, 'state', 'rejviz', 'labs', LAB, 'ssh', 'known_hosts'), 'utf8');
  t.true(pinned.includes(`${LAB}_m ${keyOf(hostKey)}`), `it is the one the lab pinned:\n${pinned}`);
  t.regex(machineId!, /^[0-9a-f]{32}$/);
  t.not(machineId, buildMachineId, 'a machine-id of its own');
  t.deepEqual(rest.filter((l) => l.endsWith('-left') || l === 'build-user-exists'), [], rootView.stdout);
  t.is(rest.length, 1, `one cloud-init instance, the machine's: ${rootView.stdout}`);
  t.true(rest[0]!.startsWith(`${LAB}_m-`), rest[0]);

  // Nothing of the build is left: no VM, no seed volume, no temporary image, no private directory.
  t.deepEqual((await names('list', '--all', '--name')).filter((n) => n.startsWith(`rejviz-build-debian-${digest12}-`)), []);
  t.deepEqual((await names('vol-list', 'default')).filter((l) => l.includes(`rejviz-build-debian-${digest12}-`)), []);
  t.deepEqual((await readdir(IMAGES)).filter((f) => f.startsWith(`.rejviz-template_debian_${digest12}`)), []);
  t.deepEqual((await readdir(tmpdir())).filter((f) => f.startsWith('rejviz-provision-')), []);
  t.true(existsSync(join(IMAGES, `rejviz-template_debian_${digest12}.qcow2`)), 'the template is cached');
});
