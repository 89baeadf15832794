// Reads the --rhsm-user password from its source: a private file (first line, like
// virt-customize's USER:file:PATH) or the REJVIZ_RHSM_PASSWORD variable. Refuses a file group or
// others can access, and an empty or multi-line password. Messages never contain the password.
import { open } from 'node:fs/promises';
import { constants } from 'node:fs';
import { shown, UsageError } from '@rejviz/core';
import type { PasswordSource } from './types.js';

export const PASSWORD_ENV = 'REJVIZ_RHSM_PASSWORD';
/** The activation key may come from here instead of --rhsm-activation-key (with --rhsm-org). */
export const ACTIVATION_KEY_ENV = 'REJVIZ_RHSM_ACTIVATION_KEY';

function fileError(given: string, err: NodeJS.ErrnoException): UsageError {
  const name = `--rhsm-password-file ${shown(given)}`;
  if (err.code === 'ENOENT') return new UsageError(`${name}: no such file; write the password on its first line and run chmod 600 ${given}`);
  if (err.code === 'EACCES') return new UsageError(`${name} cannot be read (permission denied); make it yours and run chmod 600 ${given}`);
  return new UsageError(`${name} cannot be read (${err.code ?? err.message}); give a readable file with mode 0600`);
}

async function readPasswordFile(path: string, given: string): Promise<string> {
  const name = `--rhsm-password-file ${shown(given)}`;
  // O_NOFOLLOW is not used: a symlink to a private file is fine; the mode checked is the target's,
  // read through the same descriptor as the content (no check-then-read race).
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((err: NodeJS.ErrnoException) => {
    throw fileError(given, err);
  });
  try {
    const s = await handle.stat();
    if (!s.isFile()) throw new UsageError(`${name} is not a regular file; give a file (mode 0600) holding the password`);
    const mode = s.mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new UsageError(`${name} has mode 0${mode.toString(8)}: group or others can access it; run chmod 600 ${given}`);
    }
    const text = await handle.readFile('utf8');
    const first = text.split('\n', 1)[0]!.replace(/\r$/, '');
    if (first === '') throw new UsageError(`${name} has an empty first line; write the password on its first line`);
    if (first.includes('\0')) throw new UsageError(`${name} contains a NUL byte; write the password as text on its first line`);
    return first;
  } finally {
    await handle.close();
  }
}

function readPasswordEnv(env: NodeJS.ProcessEnv): string {
  const value = env[PASSWORD_ENV];
  if (value === undefined) throw new Error(`Assertion failed: ${PASSWORD_ENV} chosen as the password source but not set`);
  if (value === '') throw new UsageError(`${PASSWORD_ENV} is set but empty; put the password in it or pass --rhsm-password-file FILE`);
  if (/[\r\n]/.test(value)) throw new UsageError(`${PASSWORD_ENV} contains a line break; set it to the password alone or pass --rhsm-password-file FILE`);
  return value;
}

/** The password, read from its source. */
export async function readPassword(source: PasswordSource, env: NodeJS.ProcessEnv): Promise<string> {
  return source.kind === 'file' ? readPasswordFile(source.path, source.given) : readPasswordEnv(env);
}
