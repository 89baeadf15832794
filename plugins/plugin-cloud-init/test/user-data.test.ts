// user-data: building from options, merging into the user's cloud-config, and reading back.

import test from 'ava';
import { parse } from 'yaml';
import { buildUserData, SUDO_ALL, type UserDataInput } from '../src/index.js';
import { ECDSA384, ED25519, RSA } from './fixtures.js';

/** Reads user-data back the way cloud-init does (YAML 1.1), after checking the header. */
function readBack(text: string): unknown {
  if (!text.startsWith('#cloud-config\n')) throw new Error(`no header: ${text}`);
  return parse(text, { version: '1.1', uniqueKeys: true });
}

const base = (text: string) => ({ text, source: 'user.yaml' });
const alice = { name: 'alice', sudo: true, sshKeys: [ED25519] };

test('from options only: exact text', (t) => {
  const text = buildUserData({ hostname: 'web-1', users: [alice, { name: 'bob', sudo: false, sshKeys: [] }], sshKeys: [RSA] });
  t.is(text, [
    '#cloud-config',
    'hostname: web-1',
    'users:',
    '  - default',
    '  - name: alice',
    `    sudo: ${SUDO_ALL}`,
    '    ssh_authorized_keys:',
    `      - ${ED25519}`,
    '  - name: bob',
    'ssh_authorized_keys:',
    `  - ${RSA}`,
    '',
  ].join('\n'));
});

test('round trip: parse(render(x)) deep-equals x', (t) => {
  const input: UserDataInput = { hostname: 'web-1', users: [alice], sshKeys: [RSA, ECDSA384] };
  t.deepEqual(readBack(buildUserData(input)), {
    hostname: 'web-1',
    users: ['default', { name: 'alice', sudo: SUDO_ALL, ssh_authorized_keys: [ED25519] }],
    ssh_authorized_keys: [RSA, ECDSA384],
  });
});

test('nothing given: an empty cloud-config mapping', (t) => {
  t.is(buildUserData({}), '#cloud-config\n{}\n');
  t.deepEqual(readBack(buildUserData({})), {});
});

test('YAML 1.1 lookalikes are quoted, so cloud-init reads strings', (t) => {
  const text = buildUserData({ hostname: 'yes', users: [{ name: 'on', sudo: false, sshKeys: [] }] });
  t.true(text.includes('hostname: "yes"') && text.includes('name: "on"'), text);
  t.deepEqual(readBack(text), { hostname: 'yes', users: ['default', { name: 'on' }] });
});

test('keys given twice are written once (same type and body; the comment does not matter)', (t) => {
  const again = ED25519.replace('test@rejviz', 'laptop');
  const text = buildUserData({ sshKeys: [ED25519, RSA, again, `${ED25519}\n${RSA}\n`], users: [{ ...alice, sshKeys: [ED25519, again] }] });
  t.deepEqual(readBack(text), {
    users: ['default', { name: 'alice', sudo: SUDO_ALL, ssh_authorized_keys: [ED25519] }],
    ssh_authorized_keys: [ED25519, RSA],
  });
});

test('merge: the file is kept (comments, order, its own scalars) and options are added after', (t) => {
  const file = [
    '#cloud-config',
    '# my settings',
    'package_update: false',
    'runcmd:',
    '  - [echo, "12:30"]   # a time, not a number',
    'write_files:',
    '  - path: /etc/motd',
    '    content: |',
    '      hello',
    '',
  ].join('\n');
  const text = buildUserData({ base: base(file), hostname: 'web-1', sshKeys: [RSA] });
  t.true(text.startsWith('#cloud-config\n# my settings\npackage_update: false\nruncmd:\n'), text);
  t.true(text.includes('# a time, not a number'), text);
  t.deepEqual(readBack(text), {
    package_update: false,
    runcmd: [['echo', '12:30']],
    write_files: [{ path: '/etc/motd', content: 'hello\n' }],
    hostname: 'web-1',
    ssh_authorized_keys: [RSA],
  });
});

test('merge: keys are appended to the file list, without repeating the ones it has', (t) => {
  const file = `#cloud-config\nssh_authorized_keys:\n  - ${ED25519}\n`;
  const text = buildUserData({ base: base(file), sshKeys: [ED25519.replace('test@rejviz', 'again'), RSA] });
  t.deepEqual(readBack(text), { ssh_authorized_keys: [ED25519, RSA] });
});

test('merge: users are appended to the file list; no default is added to an existing list', (t) => {
  const file = '#cloud-config\nusers:\n  - name: carol\n    groups: [adm]\n  - dave\n';
  const text = buildUserData({ base: base(file), users: [alice] });
  t.deepEqual(readBack(text), {
    users: [{ name: 'carol', groups: ['adm'] }, 'dave', { name: 'alice', sudo: SUDO_ALL, ssh_authorized_keys: [ED25519] }],
  });
});

test('merge: a flow-style file stays valid YAML', (t) => {
  const text = buildUserData({ base: base('#cloud-config\n{users: [default], ssh_authorized_keys: []}\n'), users: [alice], sshKeys: [RSA] });
  t.deepEqual(readBack(text), { users: ['default', { name: 'alice', sudo: SUDO_ALL, ssh_authorized_keys: [ED25519] }], ssh_authorized_keys: [RSA] });
});

test('merge: hostname is added when the file has none, and may repeat the file value', (t) => {
  t.deepEqual(readBack(buildUserData({ base: base('#cloud-config\nlocale: false\n'), hostname: 'web-1' })), { locale: false, hostname: 'web-1' });
  const same = buildUserData({ base: base('#cloud-config\nhostname: Web-1\n'), hostname: 'web-1' });
  t.deepEqual(readBack(same), { hostname: 'Web-1' });
  t.deepEqual(readBack(buildUserData({ base: base('#cloud-config\nfqdn: web-1.lab\n'), hostname: 'web-1' })), { fqdn: 'web-1.lab' });
  t.deepEqual(readBack(buildUserData({ base: base('#cloud-config\nfqdn: web-1.lab\n'), hostname: 'web-1.lab' })), { fqdn: 'web-1.lab' });
});

test('merge: an empty file, a header with CRLF, and a document marker are fine', (t) => {
  t.deepEqual(readBack(buildUserData({ base: base('#cloud-config'), hostname: 'a' })), { hostname: 'a' });
  t.deepEqual(readBack(buildUserData({ base: base('#cloud-config\r\nlocale: false\r\n'), hostname: 'a' })), { locale: false, hostname: 'a' });
  t.deepEqual(readBack(buildUserData({ base: base('#cloud-config\n---\nlocale: false\n'), hostname: 'a' })), { locale: false, hostname: 'a' });
});

test('merge: the output parses again as a base (rejviz can merge its own output)', (t) => {
  const once = buildUserData({ base: base('#cloud-config\nruncmd: [ls]\n'), users: [alice], sshKeys: [RSA] });
  const twice = buildUserData({ base: base(once), sshKeys: [RSA, ECDSA384] });
  t.deepEqual(readBack(twice), {
    runcmd: ['ls'],
    users: ['default', { name: 'alice', sudo: SUDO_ALL, ssh_authorized_keys: [ED25519] }],
    ssh_authorized_keys: [RSA, ECDSA384],
  });
});

test('long keys are never folded', (t) => {
  const long = `${RSA} ${'x'.repeat(200)}`;
  const text = buildUserData({ sshKeys: [long] });
  t.true(text.includes(`  - ${long}\n`), text);
});
