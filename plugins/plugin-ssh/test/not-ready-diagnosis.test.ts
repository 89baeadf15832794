// What the error of a machine that is not ready says after its reason: the domain's state, the
// console's tail and cloud-init's status from the first source that answers (ssh, the guest
// agent, the console), named. virsh and ssh are scripted here (their output as libvirt 9.0 and
// cloud-init 22.4 print it); the boot tier checks the same on a real guest (test/boot/up-not-ready.test.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { LabMachineInfo, RunResult, Runner } from '@rejviz/core';
import { cloudInitStatus } from '../src/cloud-init-status.js';
import { cloudInitFromConsole } from '../src/console-cloud-init.js';
import { REMOVED } from '../src/console-secrets.js';
import { readConsoleLog } from '../src/console-log.js';
import { agentExec } from '../src/guest-agent-exec.js';
import { diagnoseNotReady } from '../src/not-ready-diagnosis.js';

const result = (exitCode: number, stdout = '', stderr = ''): RunResult => ({ command: 'x', exitCode, stdout, stderr, durationMs: 1, skipped: false });

/** A runner whose answers come from `answer(file, args)`; every call is kept. */
function scripted(answer: (file: string, args: readonly string[]) => RunResult): Runner & { calls: string[][] } {
  const calls: string[][] = [];
  return { dryRun: false, history: [], calls, run: async (file, args) => (calls.push([file, ...args]), answer(file, args)) };
}

const STAGES = [
  "[    9.812345] cloud-init[301]: Cloud-init v. 22.4.2 running 'init-local' at Thu, 03 Dec 2026 10:00:00 +0000. Up 9.80 seconds.",
  "[   20.100000] cloud-init[350]: Cloud-init v. 22.4.2 running 'init' at Thu, 03 Dec 2026 10:00:10 +0000. Up 20.05 seconds.",
  "[   40.000000] cloud-init[420]: Cloud-init v. 22.4.2 running 'modules:final' at Thu, 03 Dec 2026 10:00:30 +0000. Up 39.90 seconds.",
];
const FINISHED = '[   52.300000] cloud-init[420]: Cloud-init v. 22.4.2 finished at Thu, 03 Dec 2026 10:00:42 +0000. Datasource DataSourceNoCloud [seed=/dev/sr0][dsmode=net].  Up 52.31 seconds';

test('the console says: running (the last stage seen), done (the finished line), errors, or nothing', (t) => {
  t.like(cloudInitFromConsole(['boot', ...STAGES, 'login:']), { state: 'running', line: "Cloud-init v. 22.4.2 running 'modules:final' at Thu, 03 Dec 2026 10:00:30 +0000. Up 39.90 seconds.", errors: [] });
  t.like(cloudInitFromConsole([...STAGES, FINISHED]), { state: 'done', line: FINISHED.slice(FINISHED.indexOf('Cloud-init v.')) });
  const failed = ['[   41.0] cloud-init[420]: 2026-12-03 10:00:31,000 - util.py[WARNING]: Running module runcmd (<module \'cloudinit.config.cc_runcmd\'>) failed', '[FAILED] Failed to start cloud-final.service - Execute cloud user/final scripts.'];
  t.deepEqual(cloudInitFromConsole([...STAGES, ...failed]), { state: 'running', line: "Cloud-init v. 22.4.2 running 'modules:final' at Thu, 03 Dec 2026 10:00:30 +0000. Up 39.90 seconds.", errors: failed.map((l) => l.trim()) });
  t.like(cloudInitFromConsole(['[FAILED] Failed to start cloud-init-local.service - Initial cloud-init job (pre-networking).']), { state: 'failed', line: null });
  t.is(cloudInitFromConsole(['[    0.000000] Linux version 6.1.0-28-amd64', 'tiny login:']), null);
});

test('cloud-init status: over ssh first; the guest agent when ssh fails; the console when neither answers; else unknown, saying why', async (t) => {
  const status = 'status: running\ntime: Thu, 03 Dec 2026 10:00:30 +0000\ndetail:\nDataSourceNoCloud [seed=/dev/sr0][dsmode=net]\n';
  const agentDown = async () => ({ ok: false as const, why: 'Guest agent is not responding: QEMU guest agent is not connected' });
  t.deepEqual(await cloudInitStatus({ ssh: async () => result(0, status), agent: agentDown, console: null }), [
    'cloud-init status (over ssh: cloud-init status --long):', '  status: running', '  time: Thu, 03 Dec 2026 10:00:30 +0000', '  detail:', '  DataSourceNoCloud [seed=/dev/sr0][dsmode=net]',
  ]);
  // cloud-init status exits 1 for status: error; its answer is still the answer.
  t.is((await cloudInitStatus({ ssh: async () => result(1, 'status: error\n'), agent: agentDown, console: null }))[1], '  status: error');
  const lost = async () => result(255, '', 'Connection closed by 127.0.0.1 port 20022\r\n');
  t.deepEqual(await cloudInitStatus({ ssh: lost, agent: async () => ({ ok: true, exitCode: 0, stdout: 'status: done\n', stderr: '' }), console: null }), [
    'cloud-init status (guest agent: cloud-init status --long):', '  status: done',
  ]);
  t.deepEqual(await cloudInitStatus({ ssh: null, agent: agentDown, console: [...STAGES] }), [
    "cloud-init status (serial console): running (no \"finished\" line yet): Cloud-init v. 22.4.2 running 'modules:final' at Thu, 03 Dec 2026 10:00:30 +0000. Up 39.90 seconds.",
  ]);
  t.deepEqual(await cloudInitStatus({ ssh: lost, agent: async () => ({ ok: true, exitCode: 127, stdout: '', stderr: 'sh: cloud-init: not found\n' }), console: ['tiny login:'] }), [
    'cloud-init status: unknown: ssh: Connection closed by 127.0.0.1 port 20022; guest agent: cloud-init status --long exited 127: sh: cloud-init: not found; serial console: no cloud-init line in it',
  ]);
  t.deepEqual(await cloudInitStatus({ ssh: null, agent: agentDown, console: null }), [
    'cloud-init status: unknown: ssh: it never let us in; guest agent: Guest agent is not responding: QEMU guest agent is not connected; serial console: no log',
  ]);
});

test('agentExec: guest-exec, then guest-exec-status until it exited, its output decoded; an agent that does not answer is a why', async (t) => {
  let polls = 0;
  const runner = scripted((_file, args) => {
    const command = JSON.parse(args[args.length - 1]!) as { execute: string; arguments: Record<string, unknown> };
    if (command.execute === 'guest-exec') return result(0, JSON.stringify({ return: { pid: 4242 } }));
    if (++polls < 3) return result(0, JSON.stringify({ return: { exited: false } }));
    return result(0, JSON.stringify({ return: { exited: true, exitcode: 1, 'out-data': Buffer.from('status: error\n').toString('base64'), 'err-data': Buffer.from('oops\n').toString('base64') } }));
  });
  const sleeps: number[] = [];
  const res = await agentExec({ runner, connect: ['-c', 'qemu:///system'], domain: 'lab_db', argv: ['cloud-init', 'status', '--long'], timeoutMs: 30_000, sleep: async (ms) => void sleeps.push(ms) });
  t.deepEqual(res, { ok: true, exitCode: 1, stdout: 'status: error\n', stderr: 'oops\n' });
  t.deepEqual(runner.calls[0], ['virsh', '-c', 'qemu:///system', 'qemu-agent-command', 'lab_db', '--timeout', '5', '{"execute":"guest-exec","arguments":{"path":"cloud-init","arg":["status","--long"],"capture-output":true}}']);
  t.is(runner.calls[1]![runner.calls[1]!.length - 1], '{"execute":"guest-exec-status","arguments":{"pid":4242}}');
  t.deepEqual(sleeps, [500, 500]);

  const none = scripted(() => result(1, '', 'error: Guest agent is not responding: QEMU guest agent is not connected\n'));
  t.deepEqual(await agentExec({ runner: none, connect: [], domain: 'lab_db', argv: ['cloud-init'], timeoutMs: 30_000 }), { ok: false, why: 'Guest agent is not responding: QEMU guest agent is not connected' });

  let clock = 0;
  const forever = scripted((_f, args) => result(0, JSON.stringify({ return: args.at(-1)!.includes('"guest-exec"') ? { pid: 1 } : { exited: false } })));
  const slow = await agentExec({ runner: forever, connect: [], domain: 'd', argv: ['cloud-init', 'status'], timeoutMs: 2000, now: () => clock, sleep: async (ms) => void (clock += ms) });
  t.deepEqual(slow, { ok: false, why: 'cloud-init status had not ended after 2 s' });
});

const machine = (consoleLog: string | null): LabMachineInfo => ({
  lab: 'lab', machine: 'db', domain: 'lab_db', nics: [], groups: [], stateDir: '/nonexistent', connection: { uri: 'qemu:///system', option: '-c' }, consoleLog,
});
const target = { name: 'db', hostName: '127.0.0.1', port: 20022, user: 'rejviz', identityFile: '/k', knownHostsFile: '/kh', hostKeyAlias: 'lab_db' };

test('the diagnosis: domain state, the console tail without secrets, cloud-init status from the console; ssh not asked when it never let us in', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'rjv-diag-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const log = join(dir, 'db.log');
  const boot = Array.from({ length: 25 }, (_, i) => `[    ${i}.000000] kernel line ${i}\r\n`).join('');
  await writeFile(log, `${boot}-----BEGIN OPENSSH PRIVATE KEY-----\r\nb3BlbnNzaC1rZXk\r\n-----END OPENSSH PRIVATE KEY-----\r\n${STAGES.join('\r\n')}\r\n\x1b[0;32mdb login: \x1b[0m`);
  const runner = scripted((file, args) => {
    if (args.includes('domstate')) return result(0, 'running (booted)\n\n');
    if (args.includes('qemu-agent-command')) return result(1, '', 'error: Guest agent is not responding: QEMU guest agent is not connected\n');
    throw new Error(`unexpected ${file} ${args.join(' ')}`);
  });
  const text = await diagnoseNotReady({ machine: machine(log), target, runner, sshAnswered: false });
  t.deepEqual(text.split('\n'), [
    'domain lab_db: running (booted)',
    `serial console, last 20 lines (${log}):`,
    ...Array.from({ length: 15 }, (_, i) => `  [    ${i + 10}.000000] kernel line ${i + 10}`),
    `  ${REMOVED}`,
    ...STAGES.map((l) => `  ${l}`),
    '  db login:',
    "cloud-init status (serial console): running (no \"finished\" line yet): Cloud-init v. 22.4.2 running 'modules:final' at Thu, 03 Dec 2026 10:00:30 +0000. Up 39.90 seconds.",
  ]);
  t.false(text.includes('b3Bl'), 'no key material');
  t.deepEqual(runner.calls.map((c) => c[0]), ['virsh', 'virsh'], 'virsh domstate and the agent; no ssh');
  t.deepEqual(runner.calls[0], ['virsh', '-c', 'qemu:///system', 'domstate', 'lab_db', '--reason']);
});

test('the diagnosis when ssh let us in: cloud-init status over ssh; a machine without a log, or whose log is missing, says so', async (t) => {
  const runner = scripted((file, args) => {
    if (file === 'virsh') return result(0, 'running (booted)\n');
    t.is(file, 'ssh');
    t.deepEqual(args.slice(-3), ['db', '--', 'cloud-init status --long']);
    return result(0, 'status: running\n');
  });
  t.is(await diagnoseNotReady({ machine: machine(null), target, runner, sshAnswered: true }), 'domain lab_db: running (booted)\ncloud-init status (over ssh: cloud-init status --long):\n  status: running');
  const missing = await diagnoseNotReady({ machine: machine('/nonexistent/console/db.log'), target, runner, sshAnswered: true });
  t.regex(missing, /^domain lab_db: running \(booted\)\nserial console: cannot read \/nonexistent\/console\/db\.log: no such file/);
});

test('readConsoleLog reads only the end of a long log, from a line start', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'rjv-log-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const log = join(dir, 'big.log');
  await writeFile(log, Array.from({ length: 1000 }, (_, i) => `line ${String(i).padStart(4, '0')}`).join('\n'));
  const read = await readConsoleLog(log, 95);
  t.true('text' in read);
  const lines = (read as { text: string }).text.split('\n');
  t.is(lines[0], 'line 0991', 'the cut line is dropped');
  t.is(lines.at(-1), 'line 0999');
});
