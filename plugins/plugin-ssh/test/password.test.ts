// Generated passwords and their SHA-512 crypt hash by the real openssl: the hash verifies, and the
// password never appears in a command line.
import { createRunner } from '@rejviz/core';
import { testNeeding } from '@rejviz/test-support';
import { generatePassword, isSha512Crypt, sha512Crypt } from '../src/index.js';

const test = testNeeding([{ tool: 'openssl', install: 'apt-get install openssl' }]);

test('passwords: 20 characters of the unambiguous alphabet, a new one each time', (t) => {
  const passwords = Array.from({ length: 50 }, () => generatePassword());
  for (const p of passwords) t.regex(p, /^[A-HJ-NP-Za-km-np-z2-9]{20}$/);
  t.is(new Set(passwords).size, 50);
  t.is(generatePassword(32).length, 32);
});

test('the hash is SHA-512 crypt, verifies with its salt, and the password went on stdin only', async (t) => {
  const runner = createRunner();
  const password = generatePassword();
  const hash = await sha512Crypt(password, runner);
  t.true(isSha512Crypt(hash), hash);
  const salt = hash.split('$')[2]!;
  const again = await runner.run('openssl', ['passwd', '-6', '-salt', salt, '-stdin'], { input: `${password}\n` });
  t.is(again.stdout.trim(), hash, 'the same password and salt give the same hash');
  const wrong = await runner.run('openssl', ['passwd', '-6', '-salt', salt, '-stdin'], { input: `${password}x\n` });
  t.not(wrong.stdout.trim(), hash);
  t.false(runner.history.some((r) => r.command.includes(password)), 'no command line holds the password');
  t.not(await sha512Crypt(password, runner), hash, 'a new salt each time');
});

test('a password that is not one line is a bug of the caller', async (t) => {
  await t.throwsAsync(sha512Crypt('a\nb', createRunner()), { message: /Assertion failed/ });
  await t.throwsAsync(sha512Crypt('', createRunner()), { message: /Assertion failed/ });
});
