// The libvirt connection a command talks to, and the one place that decides whether a failed
// virsh run failed to connect (a wrong -c/--connect URI, libvirtd down) rather than failing at
// its task: that is bad input, reported as one line with libvirt's reason, exit 2.
import { ToolError, ERROR_CODES, UsageError } from './errors.js';
import { tail, type Runner, type RunResult } from './exec.js';
import { quoteCommand } from './shell-quote.js';

/** A connection as the user chose it. */
export interface LibvirtConnection {
  /** The URI given, or null for libvirt's default connection. */
  uri: string | null;
  /** The option that gave it, for messages: '-c' (customize, sysprep, peek) or '--connect' (install). */
  option: string;
}

const VIRSH_HINT = 'apt-get install libvirt-clients (or run scripts/host-setup)';

// virsh reports a failed connection on a line of its own, libvirt's reason on the next
// (tools/virsh.c: virshConnect, virshReconnect), e.g.
//   error: failed to connect to the hypervisor
//   error: Failed to connect socket to '/nonexistent/sock': No such file or directory
const CONNECT_FAILED = /^error: (failed to connect|failed to reconnect) to the hypervisor$/i;

/** A connection chosen with `option` (null URI: libvirt's default). */
export function libvirtConnection(uri: string | null, option = '-c'): LibvirtConnection {
  return { uri, option };
}

/** The virsh arguments that select the connection. */
export function virshConnectArgs(connection: LibvirtConnection): string[] {
  return connection.uri === null ? [] : ['-c', connection.uri];
}

/** libvirt's reason when a virsh run failed to connect; null when it connected (whatever happened next). */
export function connectionFailure(result: Pick<RunResult, 'exitCode' | 'stderr'>): string | null {
  if (result.exitCode === 0) return null;
  const lines = result.stderr.split('\n').map((l) => l.trim());
  const at = lines.findIndex((l) => CONNECT_FAILED.test(l));
  if (at < 0) return null;
  const reason = lines.slice(at + 1).find((l) => l.startsWith('error: '));
  return reason === undefined ? 'libvirt gave no reason' : reason.slice('error: '.length);
}

/** The one-line usage error for a connection that failed with `reason`. */
export function connectionError(connection: LibvirtConnection, reason: string): UsageError {
  if (connection.uri === null) {
    return new UsageError(`cannot connect to libvirt's default connection (${reason}); check that libvirtd runs (virsh uri), or give ${connection.option} URI`, ERROR_CODES.INPUT);
  }
  return new UsageError(`${connection.option} ${connection.uri}: cannot connect to libvirt (${reason}); check the URI (${quoteCommand('virsh', ['-c', connection.uri, 'uri'])})`, ERROR_CODES.INPUT);
}

/**
 * Runs a read-only virsh query (it runs under --dry-run too). A failed connection throws the
 * usage error above; any other failure throws ToolError, or is returned with allowFailure.
 */
export async function virshQuery(runner: Runner, connection: LibvirtConnection, args: readonly string[], options: { allowFailure?: boolean; timeoutMs?: number } = {}): Promise<RunResult> {
  const result = await runner.run('virsh', [...virshConnectArgs(connection), ...args], { readOnly: true, allowFailure: true, installHint: VIRSH_HINT, timeoutMs: options.timeoutMs });
  const reason = connectionFailure(result);
  if (reason !== null) throw connectionError(connection, reason);
  if (result.exitCode !== 0 && !options.allowFailure) throw new ToolError('virsh', result.command, result.exitCode, tail(result.stderr));
  return result;
}
