// OpenSSH public key checks.

import test from 'ava';
import { UsageError } from '@rejviz/core';
import { SSH_KEY_TYPES, sshKeyIdentity, validateSshPublicKey } from '../src/index.js';
import { ECDSA384, ED25519, RSA, fakeKey, keyBody } from './fixtures.js';

const SRC = '--ssh-key id.pub';

test('accepts real ssh-keygen keys, with or without a trailing newline', (t) => {
  for (const key of [ED25519, RSA, ECDSA384]) {
    t.deepEqual(validateSshPublicKey(`${key}\n`, SRC), [key]);
    t.deepEqual(validateSshPublicKey(key, SRC), [key]);
  }
});

test('accepts every listed type', (t) => {
  t.deepEqual(SSH_KEY_TYPES, [
    'ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521',
    'sk-ssh-ed25519@openssh.com', 'sk-ecdsa-sha2-nistp256@openssh.com',
  ]);
  for (const type of SSH_KEY_TYPES) t.deepEqual(validateSshPublicKey(fakeKey(type), SRC), [fakeKey(type)]);
});

test('one key per line; blank lines, # comments, CRLF and surrounding spaces are fine', (t) => {
  const text = `# my keys\r\n  ${ED25519}  \r\n\r\n${RSA}\r\n`;
  t.deepEqual(validateSshPublicKey(text, SRC), [ED25519, RSA]);
});

test('a key without a comment is fine', (t) => {
  const key = `ssh-ed25519 ${keyBody('ssh-ed25519')}`;
  t.deepEqual(validateSshPublicKey(key, SRC), [key]);
});

const privateKeys = [
  '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n',
  '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n',
  '-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----\n',
  '-----BEGIN PRIVATE KEY-----\nMC4\n-----END PRIVATE KEY-----\n',
  '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIF\n-----END ENCRYPTED PRIVATE KEY-----\n',
  'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n',
  `${ED25519}\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n`,
];

for (const [i, text] of privateKeys.entries()) {
  test(`refuses private key #${i + 1}, without echoing it`, (t) => {
    const error = t.throws(() => validateSshPublicKey(text, SRC), { instanceOf: UsageError });
    t.is(error?.message, '--ssh-key id.pub: this is a private key; pass the public key instead (the .pub file next to it, or the output of ssh-keygen -y -f KEY)');
  });
}

const bad: [string, string, string][] = [
  ['RFC 4716 format', '---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----\n', `${SRC}: this is an RFC 4716 (SSH2) public key; convert it to OpenSSH format with ssh-keygen -i -f FILE`],
  ['empty file', '\n\n', `${SRC}: no public key found; pass an OpenSSH .pub file (ssh-keygen -t ed25519 writes one)`],
  ['comments only', '# nothing\n', 'no public key found'],
  ['unknown type', fakeKey('ssh-dss'), `${SRC}: line 1: key type 'ssh-dss' is not supported; use ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521 or sk-`],
  ['authorized_keys options', `from="10.0.0.1" ${ED25519}`, `line 1: key type 'from="10.0.0.1"' is not supported`],
  ['no body', 'ssh-ed25519', `${SRC}: line 1: the ssh-ed25519 key has no base64 body; pass the .pub file unchanged`],
  ['body not base64', 'ssh-ed25519 AAAA$$$$ me', `${SRC}: line 1: the ssh-ed25519 key body is not base64; pass the .pub file unchanged`],
  ['truncated body', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKstrSZFVxoMgvi4G0NLuXwp3lUVJQ9i9E0v5wwZwQrF'.slice(0, 43), 'key body is not base64'],
  ['type does not match body', `ssh-rsa ${keyBody('ssh-ed25519')}`, `${SRC}: line 1: the key body holds a 'ssh-ed25519' key, not ssh-rsa; pass the .pub file unchanged`],
  ['body of garbage', `ssh-ed25519 ${Buffer.from('hello world!').toString('base64')}`, 'the key body holds no key, not ssh-ed25519'],
  ['second line bad', `${ED25519}\nssh-ed25519 nope!`, `${SRC}: line 2: the ssh-ed25519 key body is not base64`],
];

for (const [title, text, message] of bad) {
  test(`refuses: ${title}`, (t) => {
    const error = t.throws(() => validateSshPublicKey(text, SRC), { instanceOf: UsageError });
    t.true(error?.message.includes(message), error?.message);
    t.false(error?.message.includes('\n'), 'one line');
  });
}

test('sshKeyIdentity ignores the comment and spacing', (t) => {
  t.is(sshKeyIdentity(ED25519), sshKeyIdentity(`  ${ED25519.replace(' test@rejviz', '   other comment')} `));
  t.not(sshKeyIdentity(ED25519), sshKeyIdentity(RSA));
});
