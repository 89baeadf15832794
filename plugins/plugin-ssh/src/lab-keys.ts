// The keys of a lab, made on the host with ssh-keygen: the login key (unless the user brings
// their own) and every machine's host keys, which the seed hands to cloud-init and known_hosts
// pins before the guest first boots. Made once and kept: a re-run must never change a pin.
// Nothing here prints or returns private key material, only paths to it, except readHostKeyTexts,
// which reads a machine's for its seed.
import { chmod, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { assert, onCleanup, quoteArg, shown, UsageError, type Runner } from '@rejviz/core';
import { writeFileAtomic } from './atomic-write.js';
import { allHostKeysDir, HOST_KEY_TYPES, hostKeyDir, hostKeyPath, labKeyPath, sshDir, type HostKeyType } from './lab-ssh-paths.js';

/** A private key's path and its public key, one `TYPE BASE64 COMMENT` line without a newline. */
export interface KeyPair {
  privateKeyPath: string;
  publicKey: string;
}

/** A machine's host keys, one pair per type. */
export type HostKeys = Record<HostKeyType, KeyPair>;

export interface LabKeys {
  /** The key guests authorize; `own` when it is the user's (userKey), not the lab's. */
  login: KeyPair & { own: boolean };
  /** Host keys by machine name. */
  hostKeys: Record<string, HostKeys>;
}

export interface LabKeysRequest {
  /** The lab's state directory; keys go under DIR/ssh. */
  dir: string;
  machines: readonly string[];
  runner: Runner;
  /** The user's own private key (absolute path); its public key must be beside it as KEY.pub. */
  userKey?: string;
}

const exists = (path: string) => stat(path).then(() => true, (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? false : Promise.reject(e)));

// The first line of a .pub file; one key per file, as ssh-keygen writes it.
const publicKeyLine = (text: string) => text.split('\n')[0]?.trim() ?? '';
const PUBLIC_KEY = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-[a-z0-9-]+@openssh\.com) [A-Za-z0-9+/]+={0,2}( .*)?$/;

async function mkdirPrivate(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
  await chmod(path, 0o700); // mkdir's mode is cut by the umask and ignored for an existing directory
}

/**
 * The key at `path`, made if missing. ssh-keygen writes under a temporary name that is renamed
 * into place, public key first: a run killed half way leaves no private key without its public
 * one, so the next run either keeps a whole pair or makes one.
 */
async function ensureKeyPair(runner: Runner, path: string, type: string, comment: string): Promise<KeyPair> {
  const pub = `${path}.pub`;
  if (await exists(path)) {
    await chmod(path, 0o600);
    // A lost .pub is derived from the private key, which keeps the pin; never a new key.
    if (!(await exists(pub))) {
      const derived = await runner.run('ssh-keygen', ['-y', '-f', path]);
      await writeFileAtomic(pub, `${publicKeyLine(derived.stdout).split(' ').slice(0, 2).join(' ')} ${comment}\n`, 0o644);
    }
    return { privateKeyPath: path, publicKey: publicKeyLine(await readFile(pub, 'utf8')) };
  }
  const temp = `${path}.tmp-${process.pid}`;
  // A leftover of a killed run under this pid would make ssh-keygen ask whether to overwrite it.
  const removeTemp = () => Promise.all([rm(temp, { force: true }), rm(`${temp}.pub`, { force: true })]);
  await removeTemp();
  // A stop signal ends the run without reaching `finally`: the undo removes a half-made private key.
  const undo = onCleanup(`a key pair being made at ${temp}`, async () => { await removeTemp(); });
  try {
    await runner.run('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', comment, '-f', temp], { installHint: 'apt-get install openssh-client' });
    await chmod(temp, 0o600);
    await rename(`${temp}.pub`, pub);
    await rename(temp, path);
  } finally {
    await removeTemp();
    undo.dismiss();
  }
  return { privateKeyPath: path, publicKey: publicKeyLine(await readFile(pub, 'utf8')) };
}

// The user's key is only read: its public half must be there, and a private key where they said.
async function userKeyPair(path: string): Promise<KeyPair> {
  assert(path.startsWith('/'), `userKey ${path} must be absolute (the caller resolves it)`);
  if (!(await exists(path))) throw new UsageError(`ssh key ${shown(path)}: no such file; give the path of an existing private key, e.g. ~/.ssh/id_ed25519`);
  const text = await readFile(`${path}.pub`, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
    throw new UsageError(`ssh key ${shown(path)}: ${shown(`${path}.pub`)} is missing; guests authorize the public key beside the private one: make it with ssh-keygen -y -f ${quoteArg(path)} > ${quoteArg(`${path}.pub`)}`);
  });
  const line = publicKeyLine(text);
  if (!PUBLIC_KEY.test(line)) throw new UsageError(`ssh key ${shown(path)}: ${shown(`${path}.pub`)} is not an OpenSSH public key; make it again with ssh-keygen -y -f ${quoteArg(path)} > ${quoteArg(`${path}.pub`)}`);
  return { privateKeyPath: path, publicKey: line };
}

async function ensureHostKeys(runner: Runner, dir: string, machine: string): Promise<HostKeys> {
  await mkdirPrivate(hostKeyDir(dir, machine));
  const pairs: Partial<HostKeys> = {};
  // root@MACHINE: the comment ssh-keygen -A would give the guest's own keys.
  for (const type of HOST_KEY_TYPES) pairs[type] = await ensureKeyPair(runner, hostKeyPath(dir, machine, type), type, `root@${machine}`);
  return pairs as HostKeys;
}

/** Makes what is missing of the lab's keys under DIR/ssh (0700; private keys 0600) and returns them all. */
export async function ensureLabKeys(request: LabKeysRequest): Promise<LabKeys> {
  const { dir, machines, runner, userKey } = request;
  assert(!runner.dryRun, 'ensureLabKeys writes keys; it must not be called under --dry-run');
  await mkdirPrivate(sshDir(dir));
  await mkdirPrivate(allHostKeysDir(dir));
  const login = userKey === undefined
    ? { ...(await ensureKeyPair(runner, labKeyPath(dir), 'ed25519', `rejviz@${basename(dir)}`)), own: false }
    : { ...(await userKeyPair(userKey)), own: true };
  const hostKeys: Record<string, HostKeys> = {};
  // Machines in parallel: an RSA key takes a moment, and the keys of two machines share nothing.
  const made = await Promise.all(machines.map((m) => ensureHostKeys(runner, dir, m)));
  machines.forEach((m, i) => (hostKeys[m] = made[i] as HostKeys));
  return { login, hostKeys };
}

/** A host key pair as text, private key included: for the machine's seed only, never for output. */
export type HostKeyTexts = Record<HostKeyType, { privateKey: string; publicKey: string }>;

/** Reads a machine's host private keys for its seed (cloud-init's ssh_keys). */
export async function readHostKeyTexts(hostKeys: HostKeys): Promise<HostKeyTexts> {
  const texts: Partial<HostKeyTexts> = {};
  for (const type of HOST_KEY_TYPES) {
    const pair = hostKeys[type];
    texts[type] = { privateKey: await readFile(pair.privateKeyPath, 'utf8'), publicKey: pair.publicKey };
  }
  return texts as HostKeyTexts;
}

/** Removes one machine's host keys (the machine is gone from the lab). */
export async function removeMachineKeys(dir: string, machine: string): Promise<void> {
  await rm(hostKeyDir(dir, machine), { recursive: true, force: true });
}

/** Removes every ssh file of the lab: login key, host keys, known_hosts (destroy). */
export async function removeLabKeys(dir: string): Promise<void> {
  await rm(sshDir(dir), { recursive: true, force: true });
}
