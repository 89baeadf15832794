// Every refusal of buildUserData: one line, naming the option, the value and the fix.

import test from 'ava';
import { UsageError } from '@rejviz/core';
import { buildUserData, type UserDataInput } from '../src/index.js';
import { ED25519, RSA } from './fixtures.js';

const base = (text: string) => ({ text, source: 'user.yaml' });
const header = '--user-data user.yaml: first line must be #cloud-config (MIME multi-part and scripts are not supported)';

const cases: [string, UserDataInput, string][] = [
  ['a shell script', { base: base('#!/bin/sh\necho hi\n') }, header],
  ['cloud-config-archive', { base: base('#cloud-config-archive\n- type: text/x-shellscript\n') }, header],
  ['MIME multi-part', { base: base('Content-Type: multipart/mixed; boundary="X"\n') }, header],
  ['a leading blank line', { base: base('\n#cloud-config\n') }, header],
  ['an empty file', { base: base('') }, header],
  ['bad indentation', { base: base('#cloud-config\nruncmd:\n  - ls\n bad: [\n') }, '--user-data user.yaml: not valid YAML: line 4:'],
  ['an unclosed flow list', { base: base('#cloud-config\na: 1\nb: [1, 2\n') }, 'not valid YAML: line 4: Flow sequence in block collection must be sufficiently indented and end with a ]'], // reported where the input ends
  ['a duplicate key', { base: base('#cloud-config\nlocale: false\nruncmd: []\nlocale: true\n') }, '--user-data user.yaml: not valid YAML: line 4: Map keys must be unique; fix the file'],
  ['an unknown tag', { base: base('#cloud-config\nx: !!python/object:os.system ls\n') }, 'not valid YAML: line 2: Unresolved tag: tag:yaml.org,2002:python/object:os.system'],
  ['two documents', { base: base('#cloud-config\na: 1\n---\nb: 2\n') }, 'not valid YAML: line 3: Source contains multiple documents'],
  ['a list', { base: base('#cloud-config\n- a\n- b\n') }, '--user-data user.yaml: the YAML is a list, not a mapping; cloud-config is a mapping of keys such as users: and runcmd:'],
  ['a scalar', { base: base('#cloud-config\nhello\n') }, 'the YAML is a single value, not a mapping'],
  ['keys not a list', { base: base(`#cloud-config\nssh_authorized_keys: ${RSA}\n`), sshKeys: [ED25519] }, '--user-data user.yaml: ssh_authorized_keys is not a YAML list; write it as a list so --ssh-key can add to it'],
  ['users not a list', { base: base('#cloud-config\nusers: default,carol\n'), users: [{ name: 'alice', sudo: false, sshKeys: [] }] }, '--user-data user.yaml: users is not a YAML list; write it as a list so --user can add to it'],
  ['a user the file defines', { base: base('#cloud-config\nusers:\n  - name: alice\n'), users: [{ name: 'alice', sudo: false, sshKeys: [] }] }, '--user alice: --user-data user.yaml already defines user alice; set it up in one place only'],
  ['a user in a plain entry', { base: base('#cloud-config\nusers: [default, "bob, alice"]\n'), users: [{ name: 'alice', sudo: false, sshKeys: [] }] }, 'already defines user alice'],
  ['a user given twice', { users: [{ name: 'alice', sudo: false, sshKeys: [] }, { name: 'alice', sudo: true, sshKeys: [] }] }, '--user alice is given twice; give each user once'],
  ['a bad user name', { users: [{ name: 'Alice', sudo: false, sshKeys: [] }] }, "--user 'Alice': not a valid user name; use up to 32 of a-z 0-9 _ -, starting with a letter or _"],
  ['root', { users: [{ name: 'root', sudo: false, sshKeys: [] }] }, '--user root: root exists in every image; pick another name (keys for the default user go in --ssh-key)'],
  ['default', { users: [{ name: 'default', sudo: false, sshKeys: [] }] }, "--user default: 'default' means the image's default user in cloud-config; pick another name"],
  ['a bad user key', { users: [{ name: 'alice', sudo: false, sshKeys: ['ssh-dss AAAA'] }] }, "--user alice: line 1: key type 'ssh-dss' is not supported"],
  ['a private key', { sshKeys: ['-----BEGIN OPENSSH PRIVATE KEY-----\nxx\n'] }, '--ssh-key: this is a private key; pass the public key instead'],
  ['a bad hostname', { hostname: 'web_1' }, "--hostname 'web_1': not a valid host name"],
  ['a different hostname', { base: base('#cloud-config\nhostname: db-1\n'), hostname: 'web-1' }, '--hostname web-1 conflicts with hostname: db-1 in --user-data user.yaml; drop one of them'],
  ['a different fqdn', { base: base('#cloud-config\nfqdn: db-1.lab\n'), hostname: 'web-1' }, '--hostname web-1 conflicts with fqdn: db-1.lab in --user-data user.yaml; drop one of them'],
  ['preserve_hostname', { base: base('#cloud-config\npreserve_hostname: true\n'), hostname: 'web-1' }, '--hostname web-1 conflicts with preserve_hostname: true in --user-data user.yaml; drop one of them'],
];

for (const [title, input, message] of cases) {
  test(`refuses ${title}`, (t) => {
    const error = t.throws(() => buildUserData(input), { instanceOf: UsageError });
    t.true(error?.message.includes(message), error?.message);
    t.false(error?.message.includes('\n'), `one line: ${error?.message}`);
  });
}

test('nothing is refused for a file without conflicts', (t) => {
  t.notThrows(() => buildUserData({ base: base('#cloud-config\nhostname: web-1\nusers: [default]\n'), hostname: 'web-1', users: [{ name: 'alice', sudo: true, sshKeys: [ED25519] }] }));
});
