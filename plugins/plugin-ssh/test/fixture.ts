// A lab for the tests: a temporary state directory (with a blank in its name, so every path
// rendered for ssh is quoted), the keys of one machine, and a real sshd that proves itself with
// that machine's host keys and lets the lab's key in as root.
import { rmSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { createRunner, type Runner } from '@rejviz/core';
import { freePort, startSshd, SSHD_PREREQS, testNeeding, type Prereq, type TestSshd } from '@rejviz/test-support';
import { ensureLabKeys, HOST_KEY_TYPES, knownHostsPath, writeKnownHosts, type LabKeys, type SshTarget } from '../src/index.js';

export const MACHINE = 'db';
export const ALIAS = 'mylab_db';

/** What these tests need: the unpacked sshd, ssh, ssh-keygen, root; openssl and cloud-init as named. */
export const testWithSshd = (more: readonly Prereq[] = []) => testNeeding([...SSHD_PREREQS, ...more]);

export interface Lab {
  dir: string;
  runner: Runner;
  keys: LabKeys;
  target: SshTarget;
}

// The keys are made once per test file and copied for each test: an RSA key costs ssh-keygen
// a second or more of CPU, and the tests here are about using keys, not making them.
let madeKeys: Promise<string> | undefined;
async function keysOnce(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rejviz-lab-keys-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  await ensureLabKeys({ dir, machines: [MACHINE], runner: createRunner() });
  return dir;
}

/** A lab directory with keys and known_hosts for MACHINE, removed at the end of the test. */
export async function makeLab(t: ExecutionContext, port = 22): Promise<Lab> {
  const dir = await mkdtemp(join(tmpdir(), 'rejviz lab '));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await cp(await (madeKeys ??= keysOnce()), dir, { recursive: true });
  const runner = createRunner();
  // Finds every key in place: makes none, returns this directory's paths.
  const keys = await ensureLabKeys({ dir, machines: [MACHINE], runner });
  const hostKeys = keys.hostKeys[MACHINE]!;
  await writeKnownHosts(knownHostsPath(dir), [{ alias: ALIAS, publicKeys: HOST_KEY_TYPES.map((type) => hostKeys[type].publicKey) }]);
  const target: SshTarget = {
    name: MACHINE, hostName: '127.0.0.1', port, user: 'root',
    identityFile: keys.login.privateKeyPath, knownHostsFile: knownHostsPath(dir), hostKeyAlias: ALIAS,
  };
  return { dir, runner, keys, target };
}

/** Starts sshd for `lab`'s machine on its port; stopped at the end of the test. */
export async function serve(t: ExecutionContext, lab: Lab): Promise<TestSshd> {
  const hostKeys = lab.keys.hostKeys[MACHINE]!;
  const sshd = await startSshd({ port: lab.target.port, hostKeys: HOST_KEY_TYPES.map((type) => hostKeys[type].privateKeyPath), authorizedKeys: `${lab.keys.login.publicKey}\n` });
  t.teardown(() => sshd.stop());
  return sshd;
}

/** A lab whose machine is served by a running sshd on a free port. */
export async function servedLab(t: ExecutionContext): Promise<Lab & { sshd: TestSshd }> {
  const lab = await makeLab(t, await freePort());
  return { ...lab, sshd: await serve(t, lab) };
}
