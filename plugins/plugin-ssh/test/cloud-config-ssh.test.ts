// The cloud-config for a machine's ssh, checked by cloud-init's own schema (cloud-init schema
// --config-file) with the lab's real keys, and what it says for each choice.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRunner, UsageError } from '@rejviz/core';
import { generatePassword, HOST_KEY_TYPES, readHostKeyTexts, sha512Crypt, SSHD_DROP_IN, sshCloudConfig, SUDO_NOPASSWD, type SshCloudConfigInput } from '../src/index.js';
import { testNeeding } from '@rejviz/test-support';
import { makeLab, MACHINE, type Lab } from './fixture.js';

const test = testNeeding([
  { tool: 'ssh-keygen', install: 'apt-get install openssh-client' },
  { tool: 'cloud-init', install: 'apt-get install cloud-init' },
  { tool: 'openssl', install: 'apt-get install openssl' },
]);

/** cloud-init's verdict on `config` as user-data (JSON is YAML, as cloud-init reads it). */
async function schemaCheck(lab: Lab, config: object, name: string): Promise<{ exitCode: number; output: string }> {
  const file = join(lab.dir, `${name}.yaml`);
  await writeFile(file, `#cloud-config\n${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  const result = await lab.runner.run('cloud-init', ['schema', '--config-file', file], { allowFailure: true });
  return { exitCode: result.exitCode, output: `${result.stdout}${result.stderr}` };
}

async function input(lab: Lab): Promise<SshCloudConfigInput> {
  return { user: 'labadmin', authorizedKeys: [lab.keys.login.publicKey], hostKeys: await readHostKeyTexts(lab.keys.hostKeys[MACHINE]!) };
}

test('key login only, NOPASSWD sudo: cloud-init\'s schema accepts it', async (t) => {
  const lab = await makeLab(t);
  const config = sshCloudConfig(await input(lab));
  const verdict = await schemaCheck(lab, config, 'default');
  t.is(verdict.exitCode, 0, verdict.output);
  t.regex(verdict.output, /Valid cloud-config/);
  t.deepEqual(config.users, [{ name: 'labadmin', shell: '/bin/bash', lock_passwd: true, sudo: SUDO_NOPASSWD, ssh_authorized_keys: [lab.keys.login.publicKey] }]);
  t.deepEqual(Object.keys(config.ssh_keys).sort(), HOST_KEY_TYPES.flatMap((k) => [`${k}_private`, `${k}_public`]).sort());
  for (const [key, value] of Object.entries(config.ssh_keys)) t.true(value.endsWith('\n'), `${key} keeps its last newline`);
  t.regex(config.ssh_keys.ed25519_private!, /^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
  t.is(config.ssh_keys.rsa_public, `${lab.keys.hostKeys[MACHINE]!.rsa.publicKey}\n`);
  t.like(config, { ssh_deletekeys: true, disable_root: true });
  t.false('ssh_pwauth' in config, 'ssh_pwauth restarts sshd late in boot');
  t.deepEqual(config.write_files, [{ path: SSHD_DROP_IN, owner: 'root:root', permissions: '0644', content: config.write_files[0]!.content }]);
  t.regex(config.write_files[0]!.content, /^PasswordAuthentication no$/m);
  t.regex(config.write_files[0]!.content, /^KbdInteractiveAuthentication no$/m);
});

test('a password (hashed) and no sudo: still valid; password login on, the hash only', async (t) => {
  const lab = await makeLab(t);
  const password = generatePassword();
  const hash = await sha512Crypt(password, createRunner());
  const config = sshCloudConfig({ ...(await input(lab)), sudo: false, passwordHash: hash });
  const verdict = await schemaCheck(lab, config, 'password');
  t.is(verdict.exitCode, 0, verdict.output);
  t.like(config.users[0], { lock_passwd: false, hashed_passwd: hash });
  t.false('sudo' in config.users[0]!);
  t.regex(config.write_files[0]!.content, /^PasswordAuthentication yes$/m);
  t.false(JSON.stringify(config).includes(password), 'the password itself is nowhere');
});

test('a sudo rule of one\'s own is kept; one that spans lines is refused', async (t) => {
  const lab = await makeLab(t);
  const base = await input(lab);
  const config = sshCloudConfig({ ...base, sudo: 'ALL=(ALL) ALL' });
  t.is(config.users[0]!.sudo, 'ALL=(ALL) ALL');
  t.is((await schemaCheck(lab, config, 'sudo')).exitCode, 0);
  t.throws(() => sshCloudConfig({ ...base, sudo: 'ALL=(ALL) ALL\nevil ALL=(ALL) NOPASSWD:ALL' }), { instanceOf: UsageError, message: /one sudoers rule on one line/ });
  t.throws(() => sshCloudConfig({ ...base, passwordHash: 'plain' }), { message: /Assertion failed/ });
});
