// The lab's keys, made with the real ssh-keygen: made once and then kept byte for byte (a pin
// never changes), private files and directories only for the owner, the user's own key used as
// it is, and removal. One lab's keys are made once (an RSA key costs a second or more of CPU)
// and copied where a test changes them.
import { cp, mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRunner, UsageError, type Runner } from '@rejviz/core';
import { testNeeding } from '@rejviz/test-support';
import { ensureLabKeys, HOST_KEY_TYPES, hostKeyDir, hostKeyPath, labKeyPath, removeLabKeys, removeMachineKeys, sshDir, type LabKeys } from '../src/index.js';

const test = testNeeding([{ tool: 'ssh-keygen', install: 'apt-get install openssh-client' }]);

async function tempDir(t: { teardown(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rejviz-keys-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Every file under DIR/ssh with its bytes, for before/after comparison. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(sshDir(dir), { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const entries = await Promise.all(files.map(async (e) => [join(e.path, e.name), await readFile(join(e.path, e.name), 'base64')] as const));
  return Object.fromEntries(entries);
}

const mode = async (path: string) => (await stat(path)).mode & 0o777;
const keygens = (runner: Runner) => runner.history.filter((r) => r.command.startsWith('ssh-keygen')).length;

let made: { dir: string; keys: LabKeys; runner: Runner };
test.before(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rejviz-keys-'));
  const runner = createRunner();
  made = { dir, keys: await ensureLabKeys({ dir, machines: ['db'], runner }), runner };
});
test.after.always(() => rm(made.dir, { recursive: true, force: true }));

async function copyOfLab(t: { teardown(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await tempDir(t);
  await cp(made.dir, dir, { recursive: true });
  return dir;
}

test('the first run makes the login key and three host key pairs, with ssh-keygen once per key', async (t) => {
  t.is(keygens(made.runner), 4);
  t.deepEqual(Object.keys(await snapshot(made.dir)).map((f) => f.slice(sshDir(made.dir).length)).sort(), [
    '/hostkeys/db/ssh_host_ecdsa_key', '/hostkeys/db/ssh_host_ecdsa_key.pub', '/hostkeys/db/ssh_host_ed25519_key', '/hostkeys/db/ssh_host_ed25519_key.pub',
    '/hostkeys/db/ssh_host_rsa_key', '/hostkeys/db/ssh_host_rsa_key.pub', '/id_ed25519', '/id_ed25519.pub',
  ]);
});

test('keys are made once: a second run changes no byte, runs no ssh-keygen, and returns the same keys', async (t) => {
  const dir = await copyOfLab(t);
  const runner = createRunner();
  const first = await ensureLabKeys({ dir, machines: ['db'], runner });
  const before = await snapshot(dir);
  const second = await ensureLabKeys({ dir, machines: ['db'], runner });
  t.deepEqual(await snapshot(dir), before);
  t.deepEqual(second, first);
  t.is(first.hostKeys.db!.rsa.publicKey, made.keys.hostKeys.db!.rsa.publicKey);
  t.is(keygens(runner), 0);
});

test('modes: directories 0700, private keys 0600; each public key is its private key\'s', async (t) => {
  const { dir, keys } = made;
  for (const d of [sshDir(dir), join(sshDir(dir), 'hostkeys'), hostKeyDir(dir, 'db')]) t.is(await mode(d), 0o700, d);
  t.is(keys.login.privateKeyPath, labKeyPath(dir));
  t.is(await mode(keys.login.privateKeyPath), 0o600);
  t.false(keys.login.own);
  t.regex(keys.login.publicKey, /^ssh-ed25519 [A-Za-z0-9+/]+ rejviz@/);
  const runner = createRunner();
  for (const type of HOST_KEY_TYPES) {
    const pair = keys.hostKeys.db![type];
    t.is(pair.privateKeyPath, hostKeyPath(dir, 'db', type));
    t.is(await mode(pair.privateKeyPath), 0o600);
    const derived = await runner.run('ssh-keygen', ['-y', '-f', pair.privateKeyPath]);
    t.is(derived.stdout.split(' ').slice(0, 2).join(' ').trim(), pair.publicKey.split(' ').slice(0, 2).join(' '), type);
    t.true(pair.publicKey.endsWith(' root@db'), pair.publicKey);
  }
  t.deepEqual((await readdir(hostKeyDir(dir, 'db'))).filter((f) => f.includes('tmp')), [], 'no temporary file left');
});

test('a lost .pub is derived from the private key again, never replaced by a new pair', async (t) => {
  const dir = await copyOfLab(t);
  const path = hostKeyPath(dir, 'db', 'rsa');
  const privateBefore = await readFile(path);
  await unlink(`${path}.pub`);
  const again = await ensureLabKeys({ dir, machines: ['db'], runner: createRunner() });
  t.deepEqual(await readFile(path), privateBefore);
  t.is(again.hostKeys.db!.rsa.publicKey, made.keys.hostKeys.db!.rsa.publicKey);
});

test('the user\'s own key: its .pub is what guests authorize, no lab key is made; a missing .pub is a usage error', async (t) => {
  const dir = await tempDir(t);
  const runner = createRunner();
  const own = join(dir, 'my key');
  await runner.run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'me@laptop', '-f', own]);
  const keys = await ensureLabKeys({ dir, machines: [], runner, userKey: own });
  t.deepEqual(keys.login, { privateKeyPath: own, publicKey: (await readFile(`${own}.pub`, 'utf8')).trim(), own: true });
  await t.throwsAsync(stat(labKeyPath(dir)), { code: 'ENOENT' });

  await unlink(`${own}.pub`);
  const error = await t.throwsAsync(ensureLabKeys({ dir, machines: [], runner, userKey: own }), { instanceOf: UsageError });
  t.regex(error!.message, /my key\.pub' is missing; .*ssh-keygen -y -f/);
  await t.throwsAsync(ensureLabKeys({ dir, machines: [], runner, userKey: join(dir, 'nothing') }), { instanceOf: UsageError, message: /no such file/ });
  await writeFile(`${own}.pub`, 'not a key\n');
  await t.throwsAsync(ensureLabKeys({ dir, machines: [], runner, userKey: own }), { instanceOf: UsageError, message: /not an OpenSSH public key/ });
});

test('removeMachineKeys drops one machine\'s keys, removeLabKeys all of DIR/ssh', async (t) => {
  const dir = await copyOfLab(t);
  await cp(hostKeyDir(dir, 'db'), hostKeyDir(dir, 'web'), { recursive: true });
  await removeMachineKeys(dir, 'web');
  await t.throwsAsync(stat(hostKeyDir(dir, 'web')), { code: 'ENOENT' });
  t.is(await mode(hostKeyPath(dir, 'db', 'rsa')), 0o600);
  await removeLabKeys(dir);
  await t.throwsAsync(stat(sshDir(dir)), { code: 'ENOENT' });
  t.throws(() => hostKeyDir(dir, '../x'), { message: /Assertion failed/ });
});
