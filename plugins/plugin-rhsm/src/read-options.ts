// Reads and checks the --rhsm-* options (values and combinations) before anything is read from
// disk or written. Every rejection is a one-line UsageError naming the option, the value (never
// a secret) and the fix.
import { resolve } from 'node:path';
import { hasControl, optionKey, shown, UsageError } from '@rejviz/core';
import { ACTIVATION_KEY_ENV, PASSWORD_ENV } from './read-secret.js';
import type { PasswordSource, RhsmAttach, RhsmAuthChoice, RhsmChoice } from './types.js';

const POOL_ID = /^[A-Za-z0-9._-]+$/;
const REGISTER_HINT = 'add --rhsm-org ORG --rhsm-activation-key KEY, or --rhsm-user USER';

function stringOption(options: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = options[optionKey({ name })];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new Error(`Assertion failed: ${name} parsed as ${typeof value}, not a string`);
  return value;
}

/** A plain (non-secret) value: not empty, one line. */
function plain(name: string, value: string | undefined, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new UsageError(`${name} ${shown(value)} is empty; give the ${what}`);
  if (hasControl(value)) throw new UsageError(`${name} ${shown(value)} contains a control character; give the ${what} on one line`);
  return value;
}

function activationKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  // The key is a secret: messages name the option, never the value.
  if (value.trim() === '') throw new UsageError('--rhsm-activation-key is empty; give the activation key name');
  if (hasControl(value)) throw new UsageError('--rhsm-activation-key contains a control character (value not shown); give the key on one line');
  return value;
}

function readAuth(options: Readonly<Record<string, unknown>>, env: NodeJS.ProcessEnv, cwd: string): RhsmAuthChoice | null {
  const org = plain('--rhsm-org', stringOption(options, '--rhsm-org'), 'organization ID (subscription-manager orgs)');
  const user = plain('--rhsm-user', stringOption(options, '--rhsm-user'), 'Red Hat login name');
  // The environment keeps the key out of every argv, rejviz's own included. It counts only with
  // --rhsm-org (and no login), so an exported variable never turns registration on by itself.
  const fromEnv = org !== undefined && user === undefined ? env[ACTIVATION_KEY_ENV] : undefined;
  const key = activationKey(stringOption(options, '--rhsm-activation-key') ?? fromEnv);
  const file = plain('--rhsm-password-file', stringOption(options, '--rhsm-password-file'), 'path of a file holding the password');
  // --sm-credentials USER:file:PATH splits at the first ':'.
  if (user?.includes(':')) throw new UsageError(`--rhsm-user ${shown(user)} contains ':', which no Red Hat login has; give the login name`);
  if (user !== undefined && key !== undefined) {
    // (only reachable through the option: the environment key is ignored with --rhsm-user)
    throw new UsageError(`--rhsm-user ${shown(user)} cannot be combined with --rhsm-activation-key: register with either a login or an activation key; drop one of them`);
  }
  if (key !== undefined) {
    if (org === undefined) throw new UsageError('--rhsm-activation-key needs --rhsm-org ORG (an activation key belongs to an organization); add --rhsm-org');
    if (file !== undefined) throw new UsageError(`--rhsm-password-file ${shown(file)} is for --rhsm-user, not --rhsm-activation-key; drop --rhsm-password-file`);
    return { kind: 'activation-key', org, key };
  }
  if (file !== undefined && user === undefined) throw new UsageError(`--rhsm-password-file ${shown(file)} needs --rhsm-user USER; add --rhsm-user or drop --rhsm-password-file`);
  if (user !== undefined) {
    if (file === undefined && env[PASSWORD_ENV] === undefined) {
      throw new UsageError(`--rhsm-user ${shown(user)} needs a password: pass --rhsm-password-file FILE (mode 0600) or set ${PASSWORD_ENV}`);
    }
    const source: PasswordSource = file !== undefined ? { kind: 'file', path: resolve(cwd, file), given: file } : { kind: 'env' };
    return { kind: 'password', user, org: org ?? null, source };
  }
  if (org !== undefined) throw new UsageError(`--rhsm-org ${shown(org)} needs --rhsm-activation-key KEY (or ${ACTIVATION_KEY_ENV}, or --rhsm-user USER); add one of them`);
  return null;
}

function readAttach(options: Readonly<Record<string, unknown>>): RhsmAttach | null {
  const pool = plain('--rhsm-pool', stringOption(options, '--rhsm-pool'), 'pool ID (subscription-manager list --available)');
  const auto = options[optionKey({ name: '--rhsm-auto-attach' })] === true;
  if (pool !== undefined && auto) throw new UsageError(`--rhsm-pool ${shown(pool)} cannot be combined with --rhsm-auto-attach; choose one way to attach`);
  if (pool !== undefined && !POOL_ID.test(pool)) {
    throw new UsageError(`--rhsm-pool ${shown(pool)} is not a pool ID (letters, digits, '.', '_', '-'); see subscription-manager list --available`);
  }
  if (pool !== undefined) return { kind: 'pool', id: pool };
  return auto ? { kind: 'auto' } : null;
}

/** The validated --rhsm-* request, or null when no --rhsm-* option was given. */
export function readRhsmOptions(options: Readonly<Record<string, unknown>>, env: NodeJS.ProcessEnv, cwd: string): RhsmChoice | null {
  const auth = readAuth(options, env, cwd);
  const attach = readAttach(options);
  const unregister = options[optionKey({ name: '--rhsm-unregister' })] === true;
  if (auth === null) {
    if (attach?.kind === 'pool') throw new UsageError(`--rhsm-pool ${shown(attach.id)} needs a registration in the same run; ${REGISTER_HINT}`);
    if (attach?.kind === 'auto') throw new UsageError(`--rhsm-auto-attach needs a registration in the same run; ${REGISTER_HINT}`);
    return unregister ? { kind: 'unregister' } : null;
  }
  if (unregister) {
    // Our operations all run at the SUBSCRIPTION stage: unregistering there would undo the
    // registration at once. Unregistering is its own step, before the image becomes a template.
    const how = auth.kind === 'activation-key' ? '--rhsm-org/--rhsm-activation-key' : '--rhsm-user';
    throw new UsageError(`--rhsm-unregister cannot be combined with ${how}: it would unregister right after registering; run --rhsm-unregister as a separate step (e.g. rejviz-sysprep --rhsm-unregister)`);
  }
  return { kind: 'register', auth, attach };
}
