// Where a lab's own files live: under $XDG_STATE_HOME/rejviz/labs/NAME (default
// ~/.local/state): the state file, the lock and the machines' serial console logs. Everything
// else about a lab lives in libvirt.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The lab's state directory. */
export function labDir(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'rejviz', 'labs', name);
}

/** The directory holding every lab's state directory (for `rejviz-up list`). */
export function labsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(labDir('x', env), '..');
}

/**
 * Where a machine's serial console is logged (virt-install --serial pty,log.file=...): in the
 * lab's state directory, so destroy removes it with the lab. Absolute, as libvirt requires.
 */
export function consoleLogPath(stateDir: string, machine: string): string {
  return resolve(stateDir, 'console', `${machine}.log`);
}
