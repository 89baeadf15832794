// The lab's ssh-config, read by the real ssh: `ssh -G` shows every pinning option, and a real
// login to a real sshd works with strict checking, but not when the pinned key is another one.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRunner } from '@rejviz/core';
import { renderSshConfig, writeKnownHosts } from '../src/index.js';
import { ALIAS, makeLab, servedLab, testWithSshd } from './fixture.js';

const test = testWithSshd();

/** ssh -G's resolved options: `keyword value` lines (keywords lower-cased). */
async function resolved(config: string, host: string): Promise<Map<string, string[]>> {
  const { stdout } = await createRunner().run('ssh', ['-G', '-F', config, host], { readOnly: true });
  const options = new Map<string, string[]>();
  for (const line of stdout.split('\n')) {
    const at = line.indexOf(' ');
    if (at > 0) options.set(line.slice(0, at), [...(options.get(line.slice(0, at)) ?? []), line.slice(at + 1)]);
  }
  return options;
}

test('ssh -G shows the pinning options; paths with blanks and % survive quoting', async (t) => {
  const lab = await makeLab(t, 2222);
  const target = { ...lab.target, identityFile: join(lab.dir, 'id 100%'), knownHostsFile: join(lab.dir, 'known "hosts"') };
  const config = join(lab.dir, 'ssh config');
  await writeFile(config, renderSshConfig([target, { ...target, name: 'web', hostKeyAlias: 'mylab_web', port: 2223 }]));
  const db = await resolved(config, 'db');
  t.deepEqual(db.get('hostname'), ['127.0.0.1']);
  t.deepEqual(db.get('port'), ['2222']);
  t.deepEqual(db.get('user'), ['root']);
  // ssh -G shows IdentityFile as written, before %-expansion (the real login below uses one).
  t.deepEqual(db.get('identityfile'), [target.identityFile.replace('%', '%%')]);
  t.deepEqual(db.get('identitiesonly'), ['yes']);
  t.deepEqual(db.get('userknownhostsfile'), [target.knownHostsFile]);
  t.deepEqual(db.get('globalknownhostsfile'), ['/dev/null']);
  t.deepEqual(db.get('stricthostkeychecking'), ['true']);
  t.deepEqual(db.get('hostkeyalias'), [ALIAS]);
  t.deepEqual(db.get('updatehostkeys'), ['false']);
  t.deepEqual(db.get('controlmaster'), ['false']);
  t.deepEqual(db.get('batchmode'), ['no'], 'interactive ssh may prompt');
  const web = await resolved(config, 'web');
  t.deepEqual([web.get('port'), web.get('hostkeyalias')], [['2223'], ['mylab_web']]);
});

test('a real login through the ssh-config works with strict checking; a replaced pin is refused', async (t) => {
  const lab = await servedLab(t);
  const runner = createRunner();
  // Paths that need quoting and %-escaping, used for real.
  const identityFile = join(lab.dir, 'id 100%');
  const knownHostsFile = join(lab.dir, 'known "hosts"');
  await copyFile(lab.target.identityFile, identityFile);
  await copyFile(lab.target.knownHostsFile, knownHostsFile);
  const config = join(lab.dir, 'ssh config');
  await writeFile(config, renderSshConfig([{ ...lab.target, identityFile, knownHostsFile }]));
  const ok = await runner.run('ssh', ['-F', config, '-o', 'BatchMode=yes', 'db', 'echo', 'in', '$0'], { allowFailure: true });
  t.is(ok.exitCode, 0, ok.stderr);
  t.regex(ok.stdout, /^in /);

  // The ed25519 line now holds another key: what ssh sees when another guest answers.
  const other = join(lab.dir, 'other');
  await runner.run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
  const hostKeys = lab.keys.hostKeys.db!;
  await writeKnownHosts(knownHostsFile, [{ alias: ALIAS, publicKeys: [await readFile(`${other}.pub`, 'utf8'), hostKeys.ecdsa.publicKey, hostKeys.rsa.publicKey] }]);
  const refused = await runner.run('ssh', ['-F', config, '-o', 'BatchMode=yes', 'db', 'true'], { allowFailure: true });
  t.is(refused.exitCode, 255);
  t.regex(refused.stderr, /REMOTE HOST IDENTIFICATION HAS CHANGED/);
  t.regex(refused.stderr, /Host key verification failed/);
});
