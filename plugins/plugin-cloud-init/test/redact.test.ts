// --dry-run never shows the values of password keys in user-data.
import test from 'ava';
import { redactUserData, withoutUserDataSecrets } from '../src/redact.js';

test('password keys are redacted, everything else is kept', (t) => {
  const text = '#cloud-config\nusers:\n  - name: a\n    passwd: $6$salt$hash\n    plain_text_passwd: hunter2\nchpasswd:\n  users:\n    - name: b\n      password: s3cret\npackages: [vim]\n';
  const shown = redactUserData(text);
  for (const secret of ['$6$salt$hash', 'hunter2', 's3cret']) t.false(shown.includes(secret), secret);
  t.true(shown.includes('    passwd: <redacted>'));
  t.true(shown.includes('      password: <redacted>'));
  t.true(shown.includes('packages: [vim]'));
});

test('private keys are redacted with their whole block (ssh_keys *_private), the public keys and what follows kept', (t) => {
  const key = '-----BEGIN OPENSSH PRIVATE KEY-----\n  b3BlbnNzaC1rZXktdjEAAAAA\n\n  QUJDREVGR0g=\n  -----END OPENSSH PRIVATE KEY-----';
  const text = [
    '#cloud-config',
    'ssh_keys:',
    `  ed25519_private: |\n    ${key.replace(/\n {2}/g, '\n    ').replace(/\n\n/g, '\n\n')}`,
    '  ed25519_public: ssh-ed25519 AAAAC3Nza host',
    '  rsa_private: "-----BEGIN RSA PRIVATE KEY-----\\nMIIE\\n-----END RSA PRIVATE KEY-----\\n"',
    'write_files:',
    '  - private_key: |',
    '      SECRETLINE',
    '    path: /etc/x',
    'runcmd: [echo done]',
    '',
  ].join('\n');
  const shown = redactUserData(text);
  for (const secret of ['b3BlbnNzaC1rZXktdjEAAAAA', 'QUJDREVGR0g=', 'MIIE', 'SECRETLINE', 'BEGIN OPENSSH', 'BEGIN RSA']) t.false(shown.includes(secret), secret);
  t.is(shown, [
    '#cloud-config',
    'ssh_keys:',
    '  ed25519_private: <redacted>',
    '  ed25519_public: ssh-ed25519 AAAAC3Nza host',
    '  rsa_private: <redacted>',
    'write_files:',
    '  - private_key: <redacted>',
    '    path: /etc/x',
    'runcmd: [echo done]',
    '',
  ].join('\n'));
});

test("chpasswd's list (block, YAML list, flow), activation keys and chpasswd as a flow mapping are redacted too", (t) => {
  const text = [
    '#cloud-config',
    'chpasswd:',
    '  expire: false',
    '  list: |',
    '    root:rootpw1',
    '    alice:alicepw2',
    'rh_subscription:',
    '  activation-key: actkey3',
    '  org: 1234',
    'list: [not, secret]',
    'other:',
    '  chpasswd:',
    '    list:',
    '      - bob:bobpw4',
    '  chpasswd_after: kept',
    'more:',
    '  chpasswd: { list: "carol:carolpw5", expire: false }',
    '',
  ].join('\n');
  const shown = redactUserData(text);
  for (const secret of ['rootpw1', 'alicepw2', 'actkey3', 'bobpw4', 'carolpw5']) t.false(shown.includes(secret), secret);
  t.true(shown.includes('  list: <redacted>\nrh_subscription:'), shown);
  t.true(shown.includes('  activation-key: <redacted>'));
  t.true(shown.includes('  org: 1234'));
  t.true(shown.includes('list: [not, secret]'), 'a list key outside chpasswd is kept');
  t.true(shown.includes('    list: <redacted>\n  chpasswd_after: kept'), shown);
  t.true(shown.includes('  chpasswd: <redacted>'));
});

test("a tool's message loses the user-data's secret values, also as Python shows them", (t) => {
  const text = '#cloud-config\nusers:\n  - name: a\n    plain_text_passwd: [hunter2secret]\npassword: "quoted pw"\n';
  t.is(
    withoutUserDataSecrets("users.0: {'name': 'a', 'plain_text_passwd': ['hunter2secret']} is not valid; password: quoted pw", text),
    "users.0: {'name': 'a', 'plain_text_passwd': ['<redacted>']} is not valid; password: <redacted>",
  );
});
