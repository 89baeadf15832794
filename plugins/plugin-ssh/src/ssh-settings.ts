// A machine's ssh settings: the `plugins: { ssh: {...} }` section of the lab file (in defaults:, a
// template profile or the machine, merged key by key like every plugin section). A machine with
// such a section, even an empty one, gets ssh access; `enabled: false` turns an inherited one off.
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { shown, UsageError } from '@rejviz/core';
import { SUDO_NOPASSWD } from './cloud-config-ssh.js';

export interface SshSettings {
  /** The login user made in the guest. */
  user: string;
  /** Its sudoers rule, or false for none. */
  sudo: string | false;
  /** A password made for the user (shown once; only its hash goes into the guest). */
  password: boolean;
  /** The user's own private key (absolute) instead of the lab's key pair. */
  key: string | null;
  /** Further public keys that may log in. */
  authorizedKeys: string[];
  /** How long `rejviz-up` waits for the machine to be ready. */
  timeoutSeconds: number;
}

/** The plugin section's name under `plugins:`. */
export const SECTION = 'ssh';
export const DEFAULT_USER = 'rejviz';
export const DEFAULT_TIMEOUT_SECONDS = 900;

const KEYS = ['enabled', 'user', 'sudo', 'password', 'key', 'authorizedKeys', 'timeout'];
const USER = /^[a-z_][a-z0-9_-]{0,31}$/;

/** The machine's settings, or null when it has no ssh section (or enabled: false). */
export function readSshSettings(machine: string, plugins: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined, where: { env: NodeJS.ProcessEnv; cwd: string } = { env: process.env, cwd: process.cwd() }): SshSettings | null {
  const section = plugins?.[SECTION];
  if (section === undefined) return null;
  const at = (key: string) => `machine ${machine}: plugins.${SECTION}.${key}`;
  const bad = (key: string, value: unknown, fix: string) => new UsageError(`${at(key)}: ${shown(typeof value === 'string' ? value : JSON.stringify(value))} ${fix}`);
  for (const key of Object.keys(section)) {
    if (!KEYS.includes(key)) throw new UsageError(`machine ${machine}: plugins.${SECTION}: unknown key ${shown(key)}; the keys here are ${KEYS.join(', ')}`);
  }
  const { enabled = true, user = DEFAULT_USER, sudo = SUDO_NOPASSWD, password = false, key = null, authorizedKeys = [], timeout = DEFAULT_TIMEOUT_SECONDS } = section as Record<string, unknown>;
  if (typeof enabled !== 'boolean') throw bad('enabled', enabled, 'is not valid; write true or false');
  if (!enabled) return null;
  if (typeof user !== 'string' || !USER.test(user) || user === 'root') throw bad('user', user, 'is not valid; give a user name of a-z, 0-9, _ and -, starting with a letter or _ (not root: the login user gets sudo)');
  if (sudo !== false && (typeof sudo !== 'string' || sudo.trim() === '' || /[\n\r]/.test(sudo))) throw bad('sudo', sudo, 'is not valid; give one sudoers rule such as "ALL=(ALL) NOPASSWD:ALL", or false for no sudo');
  if (typeof password !== 'boolean') throw bad('password', password, 'is not valid; write true (a password is made and shown once) or false');
  if (key !== null && (typeof key !== 'string' || key === '')) throw bad('key', key, 'is not valid; give the path of your private key (its .pub beside it)');
  if (!Array.isArray(authorizedKeys) || authorizedKeys.some((k) => typeof k !== 'string' || !/^(ssh|ecdsa|sk)-[A-Za-z0-9@.-]+ [A-Za-z0-9+/=]+( .*)?$/.test(k.trim()))) {
    throw bad('authorizedKeys', authorizedKeys, 'is not valid; give a list of public key lines (TYPE BASE64 [COMMENT])');
  }
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 10 || timeout > 86400) throw bad('timeout', timeout, 'is not valid; give whole seconds from 10 to 86400');
  return {
    user, sudo: sudo as string | false, password, authorizedKeys: (authorizedKeys as string[]).map((k) => k.trim()), timeoutSeconds: timeout,
    key: key === null ? null : expandHome(key as string, where),
  };
}

// ~ is the user's home; a relative path is taken from where rejviz-up runs.
function expandHome(path: string, where: { env: NodeJS.ProcessEnv; cwd: string }): string {
  if (path === '~' || path.startsWith('~/')) return join(where.env.HOME || homedir(), path.slice(1));
  return isAbsolute(path) ? path : join(where.cwd, path);
}
