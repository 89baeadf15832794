// Waiting for a machine, against a real sshd: ready only once ssh answers with the pinned key and
// cloud-init's result.json is there without errors; a wrong key fails at once; the deadline
// holds and its error says why. The delays below are the scenario (a guest that boots late, a
// cloud-init that finishes late), not waits for the code under test.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { createRunner, type RunResult, type Runner } from '@rejviz/core';
import { freePort } from '@rejviz/test-support';
import { GuestNotReadyError, sshArgv, waitReady, writeKnownHosts, type Failure, type PhaseTime } from '../src/index.js';
import { ALIAS, makeLab, serve, servedLab, testWithSshd, type Lab } from './fixture.js';

const test = testWithSshd();

/** Writes result.json in the sshd's private /run as cloud-init would (whole, by a rename). */
async function finishCloudInit(lab: Lab, errors: string[] = []): Promise<void> {
  const json = JSON.stringify({ v1: { datasource: 'DataSourceNoCloud [seed=/dev/sr0][dsmode=net]', errors } });
  const script = `mkdir -p /run/cloud-init && printf '%s' '${json}' > /run/cloud-init/.r && mv /run/cloud-init/.r /run/cloud-init/result.json`;
  const argv = sshArgv(lab.target, [script], { batch: true });
  await lab.runner.run(argv.file, argv.args);
}

const diagnose = async () => 'serial console: [  OK  ] Reached target cloud-init.target\ncloud-init status: running';

test('a guest whose sshd starts late and whose cloud-init finishes later: both phases, in order', async (t) => {
  const lab = await makeLab(t, await freePort());
  const phases: PhaseTime[] = [];
  let finished: Promise<void> | undefined;
  const waiting = waitReady({
    target: lab.target, runner: createRunner(), timeoutMs: 20_000,
    onPhase: (time) => {
      phases.push(time);
      // cloud-init finishes a second after ssh first answers.
      if (time.phase === 'ssh') finished = delay(1000).then(() => finishCloudInit(lab));
    },
  });
  await delay(2000);
  await serve(t, lab);
  const report = await waiting;
  await finished;
  t.deepEqual(report.phases.map((p) => p.phase), ['ssh', 'cloud-init']);
  t.deepEqual(phases, report.phases);
  const [ssh, cloudInit] = report.phases as [PhaseTime, PhaseTime];
  t.true(ssh.afterMs >= 2000, `ssh answered at ${ssh.afterMs} ms, before sshd started`);
  t.true(cloudInit.afterMs >= ssh.afterMs + 1000, `cloud-init at ${cloudInit.afterMs} ms, ssh at ${ssh.afterMs} ms`);
  t.true(report.attempts > 1, 'the first attempts found nothing listening');
});

test('a host key that is not the pinned one fails at once, names the mismatch, and is not retried', async (t) => {
  const lab = await servedLab(t);
  await lab.runner.run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(lab.dir, 'other')]);
  const hostKeys = lab.keys.hostKeys.db!;
  await writeKnownHosts(lab.target.knownHostsFile, [{ alias: ALIAS, publicKeys: [await readFile(join(lab.dir, 'other.pub'), 'utf8'), hostKeys.ecdsa.publicKey, hostKeys.rsa.publicKey] }]);
  const runner = createRunner();
  let diagnosed = false;
  const started = performance.now();
  const error = await t.throwsAsync(waitReady({ target: lab.target, runner, timeoutMs: 20_000, diagnose: async () => ((diagnosed = true), '') }), { instanceOf: GuestNotReadyError });
  t.true(performance.now() - started < 10_000, 'well under its 20 s timeout');
  t.is(runner.history.length, 1, 'one ssh, not retried');
  t.like(error, { machine: 'db', reason: 'host-key', phase: 'ssh', exitCode: 255, tool: 'ssh' });
  t.regex(error!.message, /^machine db: ssh was answered with a host key that is not the one pinned for mylab_db in /);
  t.regex(error!.message, /REMOTE HOST IDENTIFICATION HAS CHANGED/);
  t.regex(error!.message, /Host key verification failed/);
  t.is(error!.stderrTail, error!.message, 'what the CLI prints under the command');
  t.false(diagnosed);
});

test('cloud-init finished with errors: the error names them (without secrets), with diagnose()\'s text', async (t) => {
  const lab = await servedLab(t);
  // The second error quotes a command with a password hash: it is shown without it.
  await finishCloudInit(lab, ['x', 'Command: usermod -p $6$salt$c4nary alice']);
  const error = await t.throwsAsync(waitReady({ target: lab.target, runner: createRunner(), timeoutMs: 20_000, diagnose }), { instanceOf: GuestNotReadyError });
  t.like(error, { reason: 'cloud-init', phase: 'cloud-init' });
  t.regex(error!.message, /^machine db: cloud-init finished with 2 error\(s\) after [\d.]+ s\ncloud-init error: x\ncloud-init error: Command: usermod -p \[secret removed\] alice\nserial console: /);
  t.false(error!.message.includes('c4nary'));
});

/** Leaves the result rejviz's first-boot unit leaves (FIRST_BOOT_RESULT, and its log). */
async function finishFirstBoot(lab: Lab, exitCode: number, log: string[]): Promise<void> {
  const script = `mkdir -p /run/rejviz && printf '%s\\n' ${log.map((l) => `'${l}'`).join(' ')} > /run/rejviz/first-boot.log && printf 'exit ${exitCode}\\ninstance-id lab_db-1\\n' > /run/rejviz/first-boot.result`;
  const argv = sshArgv(lab.target, [script], { batch: true });
  await lab.runner.run(argv.file, argv.args);
}

test('rejviz\'s first boot done before sshd started: ready at the first login, both phases at once', async (t) => {
  const lab = await servedLab(t);
  await finishFirstBoot(lab, 0, ['[3.20] network: eni']);
  const runner = createRunner();
  const report = await waitReady({ target: lab.target, runner, timeoutMs: 20_000 });
  t.deepEqual(report.phases.map((p) => p.phase), ['ssh', 'first-boot']);
  t.true(report.phases[1]!.afterMs - report.phases[0]!.afterMs < 100, 'reached together');
  t.is(runner.history.length, 1, 'one login');
});

test('rejviz\'s first boot failed: the error says so with its log (without secrets) and the diagnosis', async (t) => {
  const lab = await servedLab(t);
  await finishFirstBoot(lab, 1, ['[3.20] network: eni', 'useradd: cannot lock /etc/passwd; try again later.', 'chpasswd -e $6$salt$c4nary']);
  const error = await t.throwsAsync(waitReady({ target: lab.target, runner: createRunner(), timeoutMs: 20_000, diagnose }), { instanceOf: GuestNotReadyError });
  t.like(error, { reason: 'first-boot', phase: 'first-boot' });
  t.regex(error!.message, /^machine db: rejviz's first boot failed \(exit code 1\) after [\d.]+ s\nfirst boot: \[3\.20\] network: eni\nfirst boot: useradd: cannot lock \/etc\/passwd; try again later\.\nfirst boot: chpasswd -e \[secret removed\]\nserial console: /);
  t.false(error!.message.includes('c4nary'));
});

test('a first boot that found the guest lacking (exit 3) left the seed to cloud-init: its result decides', async (t) => {
  const lab = await servedLab(t);
  await finishFirstBoot(lab, 3, ['needs the ip command']);
  let finished: Promise<void> | undefined;
  const report = await waitReady({
    target: lab.target, runner: createRunner(), timeoutMs: 20_000,
    onPhase: (time) => {
      if (time.phase === 'ssh') finished = delay(1000).then(() => finishCloudInit(lab));
    },
  });
  await finished;
  t.deepEqual(report.phases.map((p) => p.phase), ['ssh', 'cloud-init']);
  t.true(report.phases[1]!.afterMs >= report.phases[0]!.afterMs + 1000);
});

test('cloud-init that never finishes: a timeout in the cloud-init phase', async (t) => {
  const lab = await servedLab(t);
  const started = performance.now();
  const error = await t.throwsAsync(waitReady({ target: lab.target, runner: createRunner(), timeoutMs: 3000, diagnose }), { instanceOf: GuestNotReadyError });
  const waited = performance.now() - started;
  // The last pause is cut to the deadline, and a timer may fire a millisecond early (wait-ready.ts).
  t.true(waited >= 2995 && waited < 8000, `waited ${waited} ms`);
  t.like(error, { reason: 'timeout', phase: 'cloud-init', exitCode: 124 });
  t.regex(error!.message, /not ready after [\d.]+ s: ssh answered after [\d.]+ s, but cloud-init had not finished \(no \/run\/cloud-init\/result\.json, nor a result of rejviz's first boot\)/);
  t.regex(error!.message, /cloud-init status: running/);
});

test('nothing listening: the timeout error names the machine, the last ssh error, the time, and diagnose()\'s text', async (t) => {
  const lab = await makeLab(t, await freePort());
  const started = performance.now();
  const error = await t.throwsAsync(waitReady({ target: lab.target, runner: createRunner(), timeoutMs: 3000, diagnose }), { instanceOf: GuestNotReadyError });
  const waited = performance.now() - started;
  // The last pause is cut to the deadline, and a timer may fire a millisecond early (wait-ready.ts).
  t.true(waited >= 2995 && waited < 8000, `waited ${waited} ms`);
  // The deadline's exit code (as timeout(1) and the runner give it), whatever the last ssh said.
  t.like(error, { machine: 'db', reason: 'timeout', phase: 'ssh', exitCode: 124 });
  t.regex(error!.message, /^machine db: not ready after 3\.\d s: ssh never answered with the pinned host key \(\d+ attempts\)\nlast ssh error: ssh: connect to host 127\.0\.0\.1 port \d+: Connection refused\nserial console: /);
});

test('back-off: 0.5 s doubling to 2 s, never past the deadline', async (t) => {
  let clock = 0;
  const sleeps: number[] = [];
  const refused: RunResult = { command: 'ssh …', exitCode: 255, stdout: '', stderr: 'ssh: connect to host 127.0.0.1 port 9: Connection refused\n', durationMs: 0, skipped: false };
  const runner: Runner = { dryRun: false, history: [], run: async () => ((clock += 10), refused) };
  const error = await t.throwsAsync(waitReady({
    target: { name: 'db', hostName: '127.0.0.1', port: 9, user: 'u', identityFile: '/k', knownHostsFile: '/kh', hostKeyAlias: 'lab_db' },
    runner, timeoutMs: 20_000, now: () => clock, sleep: async (ms) => void (sleeps.push(ms), (clock += ms)),
  }), { instanceOf: GuestNotReadyError });
  // Each attempt takes 10 ms here: the last pause ends at the deadline, and no attempt follows it.
  t.deepEqual(sleeps, [500, 1000, ...Array<number>(9).fill(2000), 20_000 - 19_620]);
  t.is(clock, 20_000);
  t.regex(error!.message, /^machine db: not ready after 20\.0 s: ssh never answered with the pinned host key \(12 attempts\)\nlast ssh error: ssh: connect to host 127\.0\.0\.1 port 9: Connection refused$/);
});

const TARGET = { name: 'db', hostName: '127.0.0.1', port: 9, user: 'u', identityFile: '/k', knownHostsFile: '/kh', hostKeyAlias: 'lab_db' };

test('a domain that stops while it is awaited: the wait ends at the next poll, not at the deadline, with the diagnosis', async (t) => {
  let clock = 0;
  const refused: RunResult = { command: 'ssh …', exitCode: 255, stdout: '', stderr: 'ssh: connect to host 127.0.0.1 port 9: Connection refused\n', durationMs: 0, skipped: false };
  const runner: Runner = { dryRun: false, history: [], run: async () => ((clock += 10), refused) };
  let asked = 0;
  const failures: Failure[] = [];
  const error = await t.throwsAsync(waitReady({
    target: TARGET, runner, timeoutMs: 900_000, now: () => clock, sleep: async (ms) => void (clock += ms),
    // Running for the first three polls, then shut off (crashed): a kernel panic, say.
    stopped: async () => (++asked > 3 ? 'domain lab_db is shut off (crashed)' : null),
    diagnose: async (failure) => (failures.push(failure), 'serial console, last 1 lines (/s/console/db.log):\n  Kernel panic - not syncing: VFS'),
  }), { instanceOf: GuestNotReadyError });
  t.is(asked, 4, 'asked after each attempt');
  t.true(clock < 10_000, `stopped after ${clock} ms of a 900 s timeout`);
  t.like(error, { reason: 'stopped', phase: 'ssh', exitCode: 255 });
  t.deepEqual(failures, [{ reason: 'stopped', phase: 'ssh', sshAnswered: false }]);
  t.is(error!.message, [
    `machine db: not ready after ${(clock / 1000).toFixed(1)} s: domain lab_db is shut off (crashed), so it cannot become ready; not waited for further`,
    'last ssh error: ssh: connect to host 127.0.0.1 port 9: Connection refused',
    'serial console, last 1 lines (/s/console/db.log):',
    '  Kernel panic - not syncing: VFS',
  ].join('\n'));
});

test('a domain that stops after ssh answered, while cloud-init is awaited: the lost connection ends the wait', async (t) => {
  let clock = 0;
  const answers: RunResult[] = [
    // The first login finds neither result yet (seed-result.ts's status command).
    { command: 'ssh … if', exitCode: 0, stdout: '@@rejviz pending\n', stderr: '', durationMs: 0, skipped: false },
    { command: 'ssh … until', exitCode: 255, stdout: '', stderr: 'Connection to 127.0.0.1 closed by remote host.\n', durationMs: 0, skipped: false },
  ];
  const runner: Runner = { dryRun: false, history: [], run: async () => ((clock += 1000), answers.shift()!) };
  const failures: Failure[] = [];
  const error = await t.throwsAsync(waitReady({
    target: TARGET, runner, timeoutMs: 900_000, now: () => clock, sleep: async (ms) => void (clock += ms),
    stopped: async () => 'domain lab_db is shut off (shutdown)',
    diagnose: async (failure) => (failures.push(failure), ''),
  }), { instanceOf: GuestNotReadyError });
  t.like(error, { reason: 'stopped', phase: 'cloud-init', exitCode: 255 });
  t.deepEqual(failures, [{ reason: 'stopped', phase: 'cloud-init', sshAnswered: true }]);
  t.regex(error!.message, /^machine db: not ready after 2\.0 s: domain lab_db is shut off \(shutdown\), so it cannot become ready; not waited for further\nssh answered after 1\.0 s, then lost the connection: Connection to 127\.0\.0\.1 closed by remote host\.$/);
});

test('a domain that keeps running: stopped() is asked once per poll and the deadline ends the wait (exit 124)', async (t) => {
  let clock = 0;
  const refused: RunResult = { command: 'ssh …', exitCode: 255, stdout: '', stderr: 'Connection timed out during banner exchange\n', durationMs: 0, skipped: false };
  const runner: Runner = { dryRun: false, history: [], run: async () => ((clock += 10), refused) };
  let asked = 0;
  const error = await t.throwsAsync(waitReady({
    target: TARGET, runner, timeoutMs: 20_000, now: () => clock, sleep: async (ms) => void (clock += ms),
    stopped: async () => (asked++, null),
  }), { instanceOf: GuestNotReadyError });
  t.is(asked, 12, 'once after each of the 12 attempts');
  t.like(error, { reason: 'timeout', phase: 'ssh', exitCode: 124 });
});
