// Waiting until a machine is ready: ssh answers with the pinned host key and lets the login user
// in, then its seed has been applied without errors, by cloud-init or by rejviz's first boot. An
// open port means nothing (qemu's forwarded port accepts before the guest has booted), so ssh
// itself is asked, with back-off, until a deadline: exit 255 means "not yet"; a host key that is
// not the pinned one fails at once, never retried. The login that gets in also reads the seed's
// result (seed-result.ts): rejviz's first boot is done before sshd starts, so that is mostly all;
// else one more ssh waits in the guest for cloud-init's result.json.
// Between attempts, at the back-off's pace, the caller may say the machine has stopped (its domain
// shut off or crashed): the wait ends then instead of at the deadline.
import { assert, type RunResult, type Runner } from '@rejviz/core';
import { RESULT_JSON } from './cloud-init-result.js';
import { withoutSecrets } from './console-secrets.js';
import { GuestNotReadyError, type NotReadyReason } from './not-ready-error.js';
import { seconds, type PhaseTime, type ReadyPhase } from './ready-phases.js';
import { parseSeedOutcome, seedStatusCommand, waitForSeedCommand } from './seed-result.js';
import { sshArgv } from './ssh-argv.js';
import type { SshTarget } from './ssh-target.js';

export interface WaitReadyRequest {
  target: SshTarget;
  runner: Runner;
  timeoutMs: number;
  /** Told of each phase as it is reached (for progress output). */
  onPhase?: (time: PhaseTime) => void;
  /** Text appended to a timeout, stop or cloud-init failure (serial console tail, cloud-init status). */
  diagnose?: (failure: Failure) => Promise<string>;
  /**
   * Asked after each attempt that found the machine not ready yet: why it can never become ready
   * now (e.g. "domain lab_db is shut off (crashed)"), or null to go on waiting.
   */
  stopped?: () => Promise<string | null>;
  /** Back-off between ssh attempts: the first pause, doubling up to max (ms); default 500 up to 2000. */
  pollMs?: { first: number; max: number };
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** What diagnose() is told of the failure it explains. */
export interface Failure {
  reason: NotReadyReason;
  /** The phase that was not reached. */
  phase: ReadyPhase;
  /** Whether ssh let us in (the ssh phase was reached). */
  sshAnswered: boolean;
}

export interface ReadyReport {
  phases: PhaseTime[];
  /** ssh attempts made before it answered. */
  attempts: number;
}

// ssh's exit code when it could not connect, log in, or accept the host key (ssh(1)).
const SSH_FAILED = 255;
// The runner's exit code when timeoutMs ended the command (exec.ts).
const TIMED_OUT = 124;
const HOST_KEY_REFUSED = /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/;
// What of ssh's long refusal names the keys: the warning, the offending line, the alias, the verdict.
const SSH_KEY_WORDS = /IDENTIFICATION HAS CHANGED|Offending|^Host key for|host key is known|Host key verification failed/;
// Per attempt: a guest that accepts the connection but never answers is given up on this fast.
const CONNECT_TIMEOUT_S = 5;
const MIN_ATTEMPT_MS = 100;
const lastLine = (text: string) => text.trim().split('\n').filter((l) => l.trim() !== '').pop()?.trim();

/** Waits until the machine is ready; throws GuestNotReadyError when it is not by the deadline, or cannot be. */
export async function waitReady(request: WaitReadyRequest): Promise<ReadyReport> {
  const { target, runner, timeoutMs } = request;
  assert(!runner.dryRun, 'waitReady connects to a running guest; it must not be called under --dry-run');
  const now = request.now ?? (() => performance.now());
  const sleep = request.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // Capped at 2 s: a longer pause only adds to the time after sshd starts (issue 14's bench);
  // two ssh clients and a virsh a few seconds apart cost the host next to nothing.
  const poll = request.pollMs ?? { first: 500, max: 2000 };
  const start = now();
  const elapsed = () => now() - start;
  const remaining = () => timeoutMs - elapsed();
  const phases: PhaseTime[] = [];
  const reached = (phase: ReadyPhase) => {
    const time = { phase, afterMs: elapsed() };
    phases.push(time);
    request.onPhase?.(time);
  };

  const fail = async (reason: NotReadyReason, phase: ReadyPhase, result: RunResult, headline: string, lines: string[]): Promise<never> => {
    const waited = elapsed();
    const explained = reason === 'timeout' || reason === 'cloud-init' || reason === 'first-boot' || reason === 'stopped';
    const extra = explained ? await diagnosis(request.diagnose, { reason, phase, sshAnswered: phase !== 'ssh' }) : [];
    const detail = [`machine ${target.name}: ${headline}`, ...lines.filter((l) => l.trim() !== ''), ...extra].join('\n');
    // The deadline's exit code is the runner's for a timeout, whatever the last attempt ended with.
    throw new GuestNotReadyError(target.name, reason, phase, waited, result.command, reason === 'timeout' ? TIMED_OUT : result.exitCode, detail);
  };
  // Asked between attempts: a machine whose domain stopped is failed now, not at the deadline.
  const failIfStopped = async (phase: ReadyPhase, result: RunResult, lines: string[]) => {
    const why = await request.stopped?.();
    if (why) await fail('stopped', phase, result, `not ready after ${seconds(elapsed())}: ${why}, so it cannot become ready; not waited for further`, lines);
  };
  const refused = (phase: ReadyPhase, result: RunResult) =>
    fail('host-key', phase, result, `ssh was answered with a host key that is not the one pinned for ${target.hostKeyAlias} in ${target.knownHostsFile}; not retried`, [
      `another guest may answer on ${target.hostName}:${target.port}, or this one did not take its seed's host keys`,
      ...result.stderr.split('\n').filter((l) => SSH_KEY_WORDS.test(l)),
    ]);
  const run = (command: readonly string[]) => {
    const argv = sshArgv(target, command, { batch: true, connectTimeoutSeconds: CONNECT_TIMEOUT_S });
    // Bounded by the deadline: a command still running then is stopped (exit 124).
    return runner.run(argv.file, argv.args, { allowFailure: true, timeoutMs: Math.max(1, Math.ceil(remaining())) });
  };

  // The pause before the next attempt, never past the deadline; false when no time is left for
  // one (an attempt with a few milliseconds left could only be cut off, telling nothing; and a
  // timer may end a millisecond before the clock says it should).
  let pause = poll.first;
  const backOff = async (): Promise<boolean> => {
    if (remaining() < MIN_ATTEMPT_MS) return false;
    await sleep(Math.min(pause, remaining()));
    pause = Math.min(pause * 2, poll.max);
    return remaining() >= MIN_ATTEMPT_MS;
  };

  // The seed's result as a login printed it: the machine is ready (true), not yet (false), or it fails.
  const seedDone = async (result: RunResult): Promise<boolean> => {
    const outcome = parseSeedOutcome(result.stdout);
    if (typeof outcome === 'string') return fail('cloud-init', 'cloud-init', result, `the seed was applied, but its result is unreadable`, [outcome]);
    if (outcome.by === 'pending') return false;
    if (outcome.by === 'first-boot') {
      if (outcome.exitCode !== 0) {
        // The log names steps, never a key or a file's content; filtered as the console's lines all the same.
        await fail('first-boot', 'first-boot', result, `rejviz's first boot failed (exit code ${outcome.exitCode}) after ${seconds(elapsed())}`, withoutSecrets(outcome.log).map((l) => `first boot: ${l}`));
      }
      reached('first-boot');
      return true;
    }
    if (outcome.result.errors.length > 0) {
      // An error may quote what failed (a command line with a password hash, a key): as the console's lines.
      await fail('cloud-init', 'cloud-init', result, `cloud-init finished with ${outcome.result.errors.length} error(s) after ${seconds(elapsed())}`, withoutSecrets(outcome.result.errors).map((e) => `cloud-init error: ${e}`));
    }
    reached('cloud-init');
    return true;
  };

  let attempts = 0;
  // The last thing ssh said: an attempt cut off at the deadline says nothing.
  let lastError: string | undefined;
  let first: RunResult;
  for (;;) {
    attempts++;
    // The login that finds ssh answering also asks for the seed's result, so a machine whose seed
    // is applied already (rejviz's first boot always is, before sshd starts) needs one login.
    first = await run([seedStatusCommand()]);
    lastError = lastLine(first.stderr) ?? lastError;
    if (HOST_KEY_REFUSED.test(first.stderr)) await refused('ssh', first);
    if (first.exitCode === 0) break;
    if (first.exitCode !== SSH_FAILED && first.exitCode !== TIMED_OUT) {
      // The login worked and the shell ran, yet the command failed: a nologin shell, say. Waiting cannot help.
      await fail('login', 'ssh', first, `ssh logged in as ${target.user} but could not run a command (exit code ${first.exitCode})`, [first.stderr.trim()]);
    }
    await failIfStopped('ssh', first, [`last ssh error: ${lastError ?? 'none'}`]);
    if (!(await backOff())) {
      const why = lastError ?? 'none (ssh was still connecting at the deadline)';
      await fail('timeout', 'ssh', first, `not ready after ${seconds(elapsed())}: ssh never answered with the pinned host key (${attempts} attempts)`, [`last ssh error: ${why}`]);
    }
  }
  reached('ssh');
  if (await seedDone(first)) return { phases, attempts };

  for (;;) {
    const result = await run([waitForSeedCommand(remaining())]);
    if (HOST_KEY_REFUSED.test(result.stderr)) await refused('cloud-init', result);
    if (result.exitCode === 0 && (await seedDone(result))) break;
    if (result.exitCode !== 0 && result.exitCode !== SSH_FAILED && result.exitCode !== TIMED_OUT) {
      await fail('login', 'cloud-init', result, `the wait for ${RESULT_JSON} failed (exit code ${result.exitCode})`, [result.stderr.trim()]);
    }
    // 255: the connection was lost (sshd restarted by the user's own cloud-config, say): again,
    // unless the guest went down.
    if (result.exitCode === SSH_FAILED) await failIfStopped('cloud-init', result, [`ssh answered after ${seconds(phases[0]?.afterMs ?? 0)}, then lost the connection: ${lastLine(result.stderr) ?? ''}`]);
    if (result.exitCode === TIMED_OUT || !(await backOff())) {
      await fail('timeout', 'cloud-init', result, `not ready after ${seconds(elapsed())}: ssh answered after ${seconds(phases[0]?.afterMs ?? 0)}, but cloud-init had not finished (no ${RESULT_JSON}, nor a result of rejviz's first boot)`, []);
    }
  }
  return { phases, attempts };
}

// The caller's explanation (a console tail, cloud-init status); its own failure must not hide ours.
async function diagnosis(diagnose: WaitReadyRequest['diagnose'], failure: Failure): Promise<string[]> {
  if (diagnose === undefined) return [];
  try {
    const text = (await diagnose(failure)).trimEnd();
    return text === '' ? [] : [text];
  } catch (error) {
    return [`(diagnose failed: ${error instanceof Error ? error.message : String(error)})`];
  }
}
