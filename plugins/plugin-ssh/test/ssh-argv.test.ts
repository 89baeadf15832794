// ssh, scp and sftp argv against a real sshd: the command after `--` reaches the guest's shell
// (even one starting with -), files go both ways, and options the caller adds cannot weaken the
// pinned host key check.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRunner } from '@rejviz/core';
import { scpArgv, sftpArgv, sshArgv, writeKnownHosts } from '../src/index.js';
import { ALIAS, servedLab, testWithSshd } from './fixture.js';

const test = testWithSshd();

test('ssh: -F /dev/null, the pinning options, then NAME -- CMD', async (t) => {
  const lab = await servedLab(t);
  const argv = sshArgv(lab.target, ['-x'], { batch: true, connectTimeoutSeconds: 5 });
  t.is(argv.file, 'ssh');
  t.deepEqual(argv.args.slice(0, 2), ['-F', '/dev/null']);
  t.deepEqual(argv.args.slice(-3), ['db', '--', '-x']);
  for (const o of ['StrictHostKeyChecking=yes', `HostKeyAlias=${ALIAS}`, 'GlobalKnownHostsFile=/dev/null', 'BatchMode=yes', 'ConnectTimeout=5', 'ControlPath=none']) t.true(argv.args.includes(o), o);
  const runner = createRunner();
  const echo = sshArgv(lab.target, ['echo', '-x', 'two  words'], { batch: true });
  const result = await runner.run(echo.file, echo.args, { allowFailure: true });
  t.is(result.exitCode, 0, result.stderr);
  // ssh joins the words with blanks for the remote shell, as `ssh HOST CMD...` always does.
  t.is(result.stdout, '-x two words\n');
  // A command whose first word starts with '-' goes to the guest's shell, not to ssh as an option.
  const dash = sshArgv(lab.target, ['-V'], { batch: true });
  const remote = await runner.run(dash.file, dash.args, { allowFailure: true });
  t.false(remote.stderr.includes('OpenSSH_'), 'ssh -V would print its version');
  t.regex(remote.stderr, /^bash: -V: invalid option/, 'the guest\'s `bash -c -V` got it');
});

test('scp both ways and sftp, with the same pinning', async (t) => {
  const lab = await servedLab(t);
  const runner = createRunner();
  const local = join(lab.dir, 'a:file');
  await writeFile(local, 'payload\n');
  const up = scpArgv(lab.target, [{ local }, { remote: '/tmp/rejviz-scp-test' }], { batch: true });
  t.is((await runner.run(up.file, up.args, { allowFailure: true })).exitCode, 0);
  const back = join(lab.dir, 'back');
  const down = scpArgv(lab.target, [{ remote: '/tmp/rejviz-scp-test' }, { local: back }], { batch: true });
  const result = await runner.run(down.file, down.args, { allowFailure: true });
  t.is(result.exitCode, 0, result.stderr);
  t.is(await readFile(back, 'utf8'), 'payload\n');
  t.deepEqual(scpArgv(lab.target, [{ local: 'a:b' }, { remote: 'x' }]).args.slice(-2), ['./a:b', 'db:x'], 'a local name with : is not taken for HOST:PATH');

  const sftp = sftpArgv(lab.target, { batch: true, extra: ['-b', '-'] });
  const listed = await runner.run(sftp.file, sftp.args, { input: 'ls /tmp/rejviz-scp-test\n', allowFailure: true });
  t.is(listed.exitCode, 0, listed.stderr);
  t.regex(listed.stdout, /\/tmp\/rejviz-scp-test/);
  await runner.run('ssh', sshArgv(lab.target, ['rm', '/tmp/rejviz-scp-test'], { batch: true }).args);
});

test('options added by the caller cannot turn the host key check off', async (t) => {
  const lab = await servedLab(t);
  const runner = createRunner();
  await runner.run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(lab.dir, 'other')]);
  const hostKeys = lab.keys.hostKeys.db!;
  await writeKnownHosts(lab.target.knownHostsFile, [{ alias: ALIAS, publicKeys: [await readFile(join(lab.dir, 'other.pub'), 'utf8'), hostKeys.ecdsa.publicKey, hostKeys.rsa.publicKey] }]);
  const weakened = sshArgv(lab.target, ['true'], { batch: true, extra: ['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null'] });
  const result = await runner.run(weakened.file, weakened.args, { allowFailure: true });
  t.is(result.exitCode, 255);
  t.regex(result.stderr, /REMOTE HOST IDENTIFICATION HAS CHANGED/);
});
