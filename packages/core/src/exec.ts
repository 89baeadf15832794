// The one module that starts programs (docs/architecture.md#one-exec-module). Argv arrays only,
// never a shell. It records every command (escaped, for messages and --dry-run), streams a tool's
// progress to the terminal when asked, stops the running tool on a stop signal (stop-signals.ts)
// and turns failures into typed errors.
import type { ResultPromise } from 'execa';
import { InterruptedError, ToolError, ToolMissingError } from './errors.js';
import { RUN_ID, RUN_ID_ENV, stopLeftovers } from './leftover-processes.js';
import { createPrivateDir } from './private-dir.js';
import { redactArgs, scrubSecrets } from './secret-args.js';
import { quoteCommand } from './shell-quote.js';
import { signalExitCode } from './signal-exit-code.js';
import { installStopHandlers, onRepeatedSignal, receivedSignal, stopSignal, throwIfStopped } from './stop-signals.js';

export interface RunOptions {
  /** Variables added to (or, with undefined, removed from) the inherited environment. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  input?: string;
  /**
   * Shows the tool's output as it runs while still capturing it: true sends both streams to our
   * stderr (stdout stays clean for --json); 'stdout' keeps the tool's stdout on ours (a plain
   * proxy such as virt-builder --list).
   */
  stream?: boolean | 'stdout';
  /**
   * The tool has the terminal (stdin, stdout and stderr are ours; nothing is captured), as for an
   * interactive ssh session. A stop signal is the tool's own to act on (Ctrl-C goes to the whole
   * foreground group): it is not stopped, and the run stops when it ends ('finish').
   */
  interactive?: boolean;
  /** A query that changes nothing: it runs even under --dry-run. */
  readOnly?: boolean;
  /** Returns a non-zero exit instead of throwing ToolError. */
  allowFailure?: boolean;
  timeoutMs?: number;
  /** Hint for the "not installed" message, e.g. which Debian package has the tool. */
  installHint?: string;
  /**
   * What a stop signal does to this command. 'stop' (default): it is stopped, and not started
   * after a signal. 'finish': a short step that must not be cut in half (creating a volume, after
   * which its undo is registered) is not started after a signal but, once started, ends on its
   * own; the run stops right after it. 'undo': removing what the run made, which must run even
   * after a signal and never be stopped half way.
   */
  onStop?: 'stop' | 'finish' | 'undo';
}

export interface RunResult {
  command: string;
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** True when the command was only recorded (--dry-run), not run. */
  skipped: boolean;
}

export interface Runner {
  readonly dryRun: boolean;
  /** Every command asked for so far, run or skipped, in order. */
  readonly history: readonly RunResult[];
  run(file: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
}

const STDERR_TAIL_LINES = 20;

/** Last lines of a tool's stderr, for error messages. */
export function tail(text: string, lines = STDERR_TAIL_LINES): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

const active = new Set<ResultPromise>();
let listening = false;
// A tool gets SIGINT for Ctrl-C (libguestfs tools and virt-install know it) and SIGTERM for
// the others: SIGQUIT would make it dump core, SIGHUP means nothing more to it than "stop".
const toolSignal = (signal: unknown): NodeJS.Signals => (signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
// A tool that ignores the forwarded signal is killed after this long.
const TOOL_STOP_GRACE_MS = 15_000;

// Ctrl-C reaches the tool directly when both share the terminal's process group; SIGTERM, SIGHUP
// or a SIGINT sent to rejviz alone (kill, a supervisor, a closed ssh session) must still stop the
// tool, so that the run can clean up (stop-signals.ts). A second signal kills it at once.
function listenForStop(): void {
  if (listening) return;
  listening = true;
  installStopHandlers();
  stopSignal.addEventListener('abort', () => {
    for (const child of active) {
      // Once the tool itself is gone, whatever it started goes too: a child still holding the
      // tool's stdout or stderr open would otherwise keep the run waiting for those to close.
      child.once('exit', () => void stopLeftovers());
      child.kill(toolSignal(stopSignal.reason));
      setTimeout(() => child.kill('SIGKILL'), TOOL_STOP_GRACE_MS).unref();
    }
  });
  onRepeatedSignal(() => {
    for (const child of active) child.kill('SIGKILL');
  });
}

// The libguestfs tools: on a host where KVM is unusable they must run with force_tcg (recorded by
// host-setup, or probed on first use), or the appliance aborts. Product behaviour, not a test aid.
const LIBGUESTFS_TOOLS = /^(guestfish|guestmount|virt-(builder|customize|sysprep|inspector|cat|ls|df|filesystems|copy-in|copy-out|edit|tar-in|tar-out|resize|sparsify|log|tail|win-reg|diff|format|make-fs|rescue|get-kernel|alignment-scan))$/;
let libguestfsEnv: Promise<Record<string, string>> | undefined;

async function hostGuestfsEnv(): Promise<Record<string, string>> {
  // Imported here: host-facts itself runs qemu through a runner when it has to probe.
  const { guestfsEnv, loadHostFacts } = await import('./host-facts.js');
  return guestfsEnv(await loadHostFacts(createRunner()), process.env);
}

/**
 * A private TMPDIR for one libguestfs tool run. The appliance cache stays where libguestfs keeps
 * it without our TMPDIR (LIBGUESTFS_CACHEDIR, else TMPDIR, else /var/tmp): rebuilding it costs
 * 20 s. Read-only queries under --dry-run get one too: they are real runs.
 */
async function toolScratch(env: NodeJS.ProcessEnv): Promise<{ env: Record<string, string>; remove(): Promise<void> }> {
  const dir = await createPrivateDir('rejviz-tool-');
  return { env: { TMPDIR: dir.path, LIBGUESTFS_CACHEDIR: env.LIBGUESTFS_CACHEDIR || env.TMPDIR || '/var/tmp' }, remove: () => dir.remove() };
}

/** Creates the runner a command uses; with dryRun, commands are recorded but not run. */
export function createRunner(options: { dryRun?: boolean; env?: Record<string, string | undefined>; log?: (command: string) => void } = {}): Runner {
  const history: RunResult[] = [];
  const baseEnv = options.env ?? {};
  return {
    dryRun: options.dryRun ?? false,
    history,
    async run(file, args, opts = {}) {
      const shown = redactArgs(file, args);
      const command = quoteCommand(file, shown.args);
      if (this.dryRun && !opts.readOnly) {
        const result = { command, exitCode: 0, stdout: '', stderr: '', durationMs: 0, skipped: true };
        history.push(result);
        return result;
      }
      listenForStop();
      options.log?.(command);
      // Loaded on first use: keeps execa's import cost out of --help and argument errors.
      const { execa } = await import('execa');
      const guestfs = LIBGUESTFS_TOOLS.test(file);
      const hostEnv = guestfs ? await (libguestfsEnv ??= hostGuestfsEnv()) : {};
      // A libguestfs tool ended by a signal leaves its temporary files (its handle's directory, a
      // template being unpacked): each run gets a private TMPDIR, removed however it ends.
      const scratch = guestfs && opts.onStop !== 'undo' ? await toolScratch({ ...process.env, ...baseEnv, ...opts.env }) : null;
      const started = performance.now();
      const stoppable = (opts.onStop ?? (opts.interactive ? 'finish' : 'stop')) === 'stop';
      // Checked right before the spawn, with no await between: a signal that came while execa or
      // the host facts loaded must not be followed by a tool that nobody would stop.
      if (opts.onStop !== 'undo') throwIfStopped(command);
      const child = execa(file, [...args], {
        // Only what a signal stops carries the run id (stopLeftovers finds it): a 'finish' or
        // 'undo' step must never be killed, not even by another step's clean-up.
        env: { ...hostEnv, ...baseEnv, ...opts.env, ...scratch?.env, ...(stoppable && { [RUN_ID_ENV]: RUN_ID }) },
        extendEnv: true,
        cwd: opts.cwd,
        input: opts.input,
        stdin: opts.interactive ? 'inherit' : opts.input === undefined ? 'ignore' : undefined,
        stdout: opts.interactive ? 'inherit' : opts.stream === 'stdout' ? ['pipe', 1] : opts.stream ? ['pipe', 2] : 'pipe',
        stderr: opts.interactive ? 'inherit' : opts.stream ? ['pipe', 2] : 'pipe',
        reject: false,
        timeout: opts.timeoutMs,
        // execa's own escalation to SIGKILL (5 s by default) would cut the grace above short: a
        // virt-builder stopped while its appliance boots answers SIGTERM only once the launch
        // returns, and then removes its temporary image from the libguestfs cache directory; killed
        // at 5 s it left that file in /var/tmp (vbXXXXXX.img) on every such stop.
        forceKillAfterDelay: TOOL_STOP_GRACE_MS,
        stripFinalNewline: false,
      });
      if (stoppable) active.add(child);
      const res = await child.finally(() => active.delete(child));
      // After a signal, what the tool started is stopped before anything of it is removed.
      if (receivedSignal() !== null && stoppable) await stopLeftovers();
      await scratch?.remove();
      const result: RunResult = {
        command,
        // A timeout reads as 124, as timeout(1) reports it.
        exitCode: res.timedOut ? 124 : res.exitCode ?? (res.signal ? signalExitCode(res.signal) : 1),
        stdout: String(res.stdout ?? ''),
        stderr: String(res.stderr ?? ''),
        durationMs: performance.now() - started,
        skipped: false,
      };
      history.push(result);
      if ((res as { code?: string }).code === 'ENOENT' || /ENOENT/.test(String(res.originalMessage ?? ''))) {
        throw new ToolMissingError(file, opts.installHint ?? 'install it and try again');
      }
      const signal = receivedSignal();
      // 'finish' returns its result: the caller registers the undo of what it made, then stops.
      if (signal !== null && stoppable) throw new InterruptedError(command, signal);
      if (result.exitCode !== 0 && !opts.allowFailure) {
        const why = res.timedOut ? `timed out after ${opts.timeoutMs} ms\n` : '';
        throw new ToolError(file, command, result.exitCode, why + scrubSecrets(tail(result.stderr), shown.secrets), Boolean(opts.stream));
      }
      return result;
    },
  };
}
