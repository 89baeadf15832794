// The lab's known_hosts, read back by ssh-keygen: one line per host key, filed under the alias,
// with the fingerprints of the machine's .pub files; written whole, 0600.
import { readFile, stat } from 'node:fs/promises';
import { createRunner } from '@rejviz/core';
import { testNeeding } from '@rejviz/test-support';
import { describeMachineSsh, HOST_KEY_TYPES, keyFingerprint, knownHostsPath, renderKnownHosts } from '../src/index.js';
import { ALIAS, makeLab, MACHINE } from './fixture.js';

const test = testNeeding([{ tool: 'ssh-keygen', install: 'apt-get install openssh-client' }]);

/** `BITS SHA256:… NAME (TYPE)` lines of ssh-keygen -l, as [fingerprint, name, type]. */
async function fingerprints(file: string): Promise<string[][]> {
  const { stdout } = await createRunner().run('ssh-keygen', ['-l', '-f', file]);
  return stdout.trim().split('\n').map((line) => line.split(' ').slice(1));
}

test('each line is ALIAS TYPE KEY, with the fingerprint of the machine\'s .pub file', async (t) => {
  const lab = await makeLab(t);
  const path = knownHostsPath(lab.dir);
  t.is((await stat(path)).mode & 0o777, 0o600);
  const text = await readFile(path, 'utf8');
  const lines = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  t.is(lines.length, 3);
  for (const line of lines) t.regex(line, /^mylab_db (ssh-ed25519|ecdsa-sha2-nistp256|ssh-rsa) [A-Za-z0-9+/=]+$/);
  const known = await fingerprints(path);
  for (const type of HOST_KEY_TYPES) {
    const pair = lab.keys.hostKeys[MACHINE]![type];
    const [fingerprint = '', , kind] = (await fingerprints(`${pair.privateKeyPath}.pub`))[0] ?? [];
    t.deepEqual(known.find(([f]) => f === fingerprint), [fingerprint, ALIAS, kind], type);
    t.is(keyFingerprint(pair.publicKey), fingerprint, 'keyFingerprint agrees with ssh-keygen -l');
  }
  // What ssh looks up: the alias finds all three keys.
  const found = await createRunner().run('ssh-keygen', ['-F', ALIAS, '-f', path]);
  t.is(found.stdout.split('\n').filter((l) => l.startsWith(ALIAS)).length, 3);
});

test('comments are dropped; names that known_hosts would read as patterns are refused', (t) => {
  t.is(renderKnownHosts([{ alias: 'lab_a', publicKeys: ['ssh-ed25519 AAAAC3Nz root@a\n'] }]).split('\n')[1], 'lab_a ssh-ed25519 AAAAC3Nz');
  for (const alias of ['a,b', '*', '!x', '@cert-authority', 'a b', '[127.0.0.1]:22']) {
    t.throws(() => renderKnownHosts([{ alias, publicKeys: [] }]), { message: /Assertion failed/ }, alias);
  }
});

test('the summary for output shows fingerprints, never a private key', async (t) => {
  const lab = await makeLab(t);
  const summary = describeMachineSsh(lab.target, lab.keys.hostKeys[MACHINE]!);
  const json = JSON.stringify(summary);
  t.false(/PRIVATE KEY|BEGIN/.test(json), json);
  for (const type of HOST_KEY_TYPES) {
    const text = await readFile(lab.keys.hostKeys[MACHINE]![type].privateKeyPath, 'utf8');
    const body = text.split('\n')[1]!;
    t.false(json.includes(body), `${type} private key material in the summary`);
  }
  t.deepEqual(summary.hostKeys.map((k) => k.type), [...HOST_KEY_TYPES]);
  t.like(summary, { name: 'db', hostKeyAlias: ALIAS, user: 'root', knownHostsFile: knownHostsPath(lab.dir) });
});
