// The argv of ssh, scp and sftp for one machine. `-F /dev/null` keeps the user's ~/.ssh/config
// and /etc/ssh/ssh_config out, and ssh takes the first value it gets for an option, so options
// the caller adds after ours cannot weaken the host key check.
import { sshOptions, type SshTarget } from './ssh-target.js';

export interface Argv {
  file: string;
  args: string[];
}

export interface SshArgvOptions {
  /** No prompts (passphrase, password): a run that waits for a guest must never block on one. */
  batch?: boolean;
  connectTimeoutSeconds?: number;
  /** More ssh options from the user (e.g. -t, -L ...), after ours. */
  extra?: readonly string[];
}

function pinned(target: SshTarget, options: SshArgvOptions): string[] {
  const args = ['-F', '/dev/null', ...sshOptions(target).flatMap(([key, value]) => ['-o', `${key}=${value}`])];
  if (options.batch) args.push('-o', 'BatchMode=yes');
  if (options.connectTimeoutSeconds !== undefined) args.push('-o', `ConnectTimeout=${options.connectTimeoutSeconds}`);
  return [...args, ...(options.extra ?? [])];
}

/**
 * `ssh ... NAME [-- CMD...]`. The `--` after the destination ends ssh's options there: ssh parses
 * options again after the destination, so a command starting with `-` would be taken for one.
 * ssh joins the command's words with spaces for the remote shell, as `ssh HOST CMD...` does.
 */
export function sshArgv(target: SshTarget, command: readonly string[] = [], options: SshArgvOptions = {}): Argv {
  return { file: 'ssh', args: [...pinned(target, options), target.name, ...(command.length > 0 ? ['--', ...command] : [])] };
}

/** A scp operand: a path on the host, or one on the machine. */
export type ScpOperand = { local: string } | { remote: string };

// scp reads a word with a `:` before any `/` as HOST:PATH; `./` keeps a local one local.
const localOperand = (path: string) => (/^[^/]*:/.test(path) ? `./${path}` : path);

/** `scp ... -- OPERAND...`, the machine's paths as NAME:PATH. */
export function scpArgv(target: SshTarget, operands: readonly ScpOperand[], options: SshArgvOptions = {}): Argv {
  const words = operands.map((o) => ('local' in o ? localOperand(o.local) : `${target.name}:${o.remote}`));
  return { file: 'scp', args: [...pinned(target, options), '--', ...words] };
}

/** `sftp ... NAME`. */
export function sftpArgv(target: SshTarget, options: SshArgvOptions = {}): Argv {
  return { file: 'sftp', args: [...pinned(target, options), '--', target.name] };
}
