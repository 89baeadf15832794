// The one module that starts programs (STYLE.md guideline 6). Argv arrays only, never a shell.
// It records every command (escaped, for messages and --dry-run), streams a tool's progress to
// the terminal when asked, forwards Ctrl-C to the running tool and turns failures into typed errors.
import type { ResultPromise } from 'execa';
import { InterruptedError, ToolError, ToolMissingError } from './errors.js';
import { quoteCommand } from './shell-quote.js';

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
  /** A query that changes nothing: it runs even under --dry-run. */
  readOnly?: boolean;
  /** Returns a non-zero exit instead of throwing ToolError. */
  allowFailure?: boolean;
  timeoutMs?: number;
  /** Hint for the "not installed" message, e.g. which Debian package has the tool. */
  installHint?: string;
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
let interrupted = false;
let sigintInstalled = false;

// Ctrl-C reaches the tool directly when both share the terminal's process group; a SIGINT sent
// to us alone (kill -INT, a supervisor) must still stop the tool so that callers can clean up.
function installSigint(): void {
  if (sigintInstalled) return;
  sigintInstalled = true;
  process.on('SIGINT', () => {
    interrupted = true;
    if (active.size === 0) process.exit(130);
    for (const child of active) child.kill('SIGINT');
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

/** Creates the runner a command uses; with dryRun, commands are recorded but not run. */
export function createRunner(options: { dryRun?: boolean; env?: Record<string, string | undefined>; log?: (command: string) => void } = {}): Runner {
  const history: RunResult[] = [];
  const baseEnv = options.env ?? {};
  return {
    dryRun: options.dryRun ?? false,
    history,
    async run(file, args, opts = {}) {
      const command = quoteCommand(file, args);
      if (this.dryRun && !opts.readOnly) {
        const result = { command, exitCode: 0, stdout: '', stderr: '', durationMs: 0, skipped: true };
        history.push(result);
        return result;
      }
      options.log?.(command);
      installSigint();
      // Loaded on first use: keeps execa's import cost out of --help and argument errors.
      const { execa } = await import('execa');
      const hostEnv = LIBGUESTFS_TOOLS.test(file) ? await (libguestfsEnv ??= hostGuestfsEnv()) : {};
      const started = performance.now();
      const child = execa(file, [...args], {
        env: { ...hostEnv, ...baseEnv, ...opts.env },
        extendEnv: true,
        cwd: opts.cwd,
        input: opts.input,
        stdin: opts.input === undefined ? 'ignore' : undefined,
        stdout: opts.stream === 'stdout' ? ['pipe', 1] : opts.stream ? ['pipe', 2] : 'pipe',
        stderr: opts.stream ? ['pipe', 2] : 'pipe',
        reject: false,
        timeout: opts.timeoutMs,
        stripFinalNewline: false,
      });
      active.add(child);
      const res = await child.finally(() => active.delete(child));
      const result: RunResult = {
        command,
        // A timeout reads as 124, as timeout(1) reports it.
        exitCode: res.timedOut ? 124 : res.exitCode ?? (res.signal ? 128 + signalNumber(res.signal) : 1),
        stdout: String(res.stdout ?? ''),
        stderr: String(res.stderr ?? ''),
        durationMs: performance.now() - started,
        skipped: false,
      };
      history.push(result);
      if ((res as { code?: string }).code === 'ENOENT' || /ENOENT/.test(String(res.originalMessage ?? ''))) {
        throw new ToolMissingError(file, opts.installHint ?? 'install it and try again');
      }
      if (interrupted) throw new InterruptedError(command);
      if (result.exitCode !== 0 && !opts.allowFailure) {
        const why = res.timedOut ? `timed out after ${opts.timeoutMs} ms\n` : '';
        throw new ToolError(file, command, result.exitCode, why + tail(result.stderr));
      }
      return result;
    },
  };
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGTERM: 15 };
function signalNumber(signal: string): number {
  return SIGNALS[signal] ?? 1;
}
