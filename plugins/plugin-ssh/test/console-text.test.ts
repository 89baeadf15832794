// A serial console log made fit for an error message: escapes, redrawn lines and control
// characters gone, long lines cut, the tail taken; and no secret a guest may have printed
// there (private key blocks, also one the window starts inside, crypt hashes, chpasswd's
// made-up passwords). The texts are the forms a Debian guest's console shows.
import test from 'ava';
import { consoleLines, consoleTail, MAX_LINE } from '../src/console-text.js';
import { REMOVED, withoutSecrets } from '../src/console-secrets.js';

test('colours, cursor moves, OSC titles, charset switches, carriage-return redraws and control characters are gone', (t) => {
  const log = [
    '\x1b[0;32m  OK  \x1b[0m] Started \x1b[0;1;39mssh.service\x1b[0m - OpenBSD Secure Shell server.\r',
    '\x1b]0;title\x07\x1b(Bplain\x1b=\r',
    'Loading 10%\rLoading 50%\rLoading 100%\r',
    'tab\there\x00\x07\x08\x7f\u0085 end',
    '',
    '   ',
    '\x1b[2J\x1b[H\x1b[?25lWelcome',
    'last line without newline',
  ].join('\n');
  t.deepEqual(consoleLines(log), [
    '  OK  ] Started ssh.service - OpenBSD Secure Shell server.',
    'plain',
    'Loading 100%',
    'tab here end',
    'Welcome',
    'last line without newline',
  ]);
});

test('a long line is cut to MAX_LINE characters, ending in …; the tail is the last N non-blank lines', (t) => {
  const long = 'x'.repeat(500);
  const [line] = consoleLines(long);
  t.is(line!.length, MAX_LINE);
  t.true(line!.endsWith('…'));
  const text = Array.from({ length: 30 }, (_, i) => `[    ${i}.000000] line ${i}\r\n\r\n`).join('');
  t.deepEqual(consoleTail(text, 3), ['[    27.000000] line 27', '[    28.000000] line 28', '[    29.000000] line 29']);
  t.is(consoleTail(text).length, 20, '20 by default');
  t.deepEqual(consoleTail(''), []);
});

const KEY = ['-----BEGIN OPENSSH PRIVATE KEY-----', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW', 'QyNTUxOQAAACDx', '-----END OPENSSH PRIVATE KEY-----'];

test('a private key block is removed whole, whatever its type, with the text around it kept', (t) => {
  const lines = ['before', ...KEY, 'after', 'x -----BEGIN RSA PRIVATE KEY----- y', 'MIIEpAIBAAKCAQEA', '-----END RSA PRIVATE KEY----- tail', 'end'];
  const out = withoutSecrets(lines);
  t.deepEqual(out, ['before', REMOVED, 'after', `x ${REMOVED}`, 'tail', 'end']);
  t.false(out.join('\n').includes('b3Bl'));
  t.false(out.join('\n').includes('MIIE'));
});

test('a key in one line (JSON or YAML escapes) is removed up to its END marker', (t) => {
  const line = String.raw`{"ed25519_private": "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----\n", "x": 1}`;
  t.deepEqual(withoutSecrets([line, 'next']), [`{"ed25519_private": "${REMOVED}\\n", "x": 1}`, 'next']);
});

test('a log read from inside a key (its BEGIN before the window): everything up to its END is removed', (t) => {
  t.deepEqual(withoutSecrets(['QyNTUxOQAAACDx', 'AAAEC4', '-----END EC PRIVATE KEY-----', 'login:']), [REMOVED, 'login:']);
  // A key whose END is after the window: removed to the end.
  t.deepEqual(withoutSecrets(['ok', '-----BEGIN PRIVATE KEY-----', 'MC4CAQAwBQYDK2VwBCIEI']), ['ok', REMOVED]);
});

test('crypt hashes and the passwords chpasswd made up are removed; other name:value lines are not', (t) => {
  const out = withoutSecrets([
    'passwd: root:$6$rounds=4096$saltsalt$abcdefghijklmnopqrstuv:19000',
    'hash $y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o. end',
    "Set the following 'random' passwords",
    'root:Xk2pQm9ZtR',
    'rejviz:Pa55w0rdX',
    'ci-info: no authorized SSH keys fingerprints found for user rejviz.',
    'host:value after the list',
  ]);
  t.deepEqual(out, [
    `passwd: root:${REMOVED}:19000`,
    `hash ${REMOVED} end`,
    "Set the following 'random' passwords",
    `root:${REMOVED}`,
    `rejviz:${REMOVED}`,
    'ci-info: no authorized SSH keys fingerprints found for user rejviz.',
    'host:value after the list',
  ]);
});

test('consoleLines removes secrets before cutting long lines, so no part of a long key line is left', (t) => {
  const text = `boot\n${KEY[0]}${'A'.repeat(400)}\n${KEY.slice(1).join('\n')}\nlogin: `;
  const out = consoleLines(text);
  t.deepEqual(out, ['boot', REMOVED, 'login:']);
});
