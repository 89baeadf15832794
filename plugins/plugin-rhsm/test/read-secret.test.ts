// The password source: a private file (first line) or REJVIZ_RHSM_PASSWORD; bad sources are
// one-line UsageErrors that never contain the password.
import { chmod, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { UsageError } from '@rejviz/core';
import { readPassword } from '../src/index.js';
import { PASSWORD } from './fake-context.js';

let dir = '';
test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rhsm-secret-test-'));
});
test.after.always(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, content: string, mode: number): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  await chmod(path, mode);
  return path;
}

async function rejects(t: import('ava').ExecutionContext, p: Promise<unknown>, expected: string): Promise<void> {
  const error = await t.throwsAsync(p, { instanceOf: UsageError });
  t.true(error?.message.includes(expected), `message: ${error?.message}\nexpected to include: ${expected}`);
  t.false(error?.message.includes('\n'), 'one line');
  t.false(error?.message.includes(PASSWORD), 'the password is never shown');
}

test('reads the first line of a 0600 file', async (t) => {
  const path = await file('ok', `${PASSWORD}\r\nsecond line\n`, 0o600);
  t.is(await readPassword({ kind: 'file', path, given: 'ok' }, {}), PASSWORD);
});

test('a 0400 file is fine too', async (t) => {
  const path = await file('ro', PASSWORD, 0o400);
  t.is(await readPassword({ kind: 'file', path, given: 'ro' }, {}), PASSWORD);
});

for (const mode of [0o644, 0o640, 0o604, 0o620]) {
  test(`refuses a password file with mode 0${mode.toString(8)}`, async (t) => {
    const path = await file(`m${mode}`, PASSWORD, mode);
    await rejects(t, readPassword({ kind: 'file', path, given: 'pw.txt' }, {}), `--rhsm-password-file 'pw.txt' has mode 0${mode.toString(8)}: group or others can access it; run chmod 600 pw.txt`);
  });
}

test('refuses a missing password file', async (t) => {
  await rejects(t, readPassword({ kind: 'file', path: join(dir, 'nope'), given: 'nope' }, {}), "--rhsm-password-file 'nope': no such file; write the password on its first line and run chmod 600 nope");
});

// root reads any file, so as root this case runs in a child process as nobody (setpriv).
test('refuses an unreadable password file', async (t) => {
  const path = await file('unreadable', PASSWORD, 0o000);
  const expected = "--rhsm-password-file 'unreadable' cannot be read (permission denied); make it yours and run chmod 600 unreadable";
  if (process.getuid?.() !== 0) {
    await rejects(t, readPassword({ kind: 'file', path, given: 'unreadable' }, {}), expected);
    return;
  }
  const { execFileSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const module = fileURLToPath(new URL('../src/read-secret.js', import.meta.url));
  const script = `import { readPassword } from ${JSON.stringify(module)};
    readPassword({ kind: 'file', path: ${JSON.stringify(path)}, given: 'unreadable' }, {}).then(() => console.log('read'), (e) => console.log(e.message));`;
  const out = execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--input-type=module', '-e', script], { encoding: 'utf8' });
  t.is(out.trim(), expected);
});

test('refuses a directory as password file', async (t) => {
  const path = join(dir, 'adir');
  await mkdir(path, { recursive: true });
  await rejects(t, readPassword({ kind: 'file', path, given: 'adir' }, {}), "--rhsm-password-file 'adir' is not a regular file");
});

test('refuses a password file with an empty first line', async (t) => {
  const path = await file('empty', `\n${PASSWORD}\n`, 0o600);
  await rejects(t, readPassword({ kind: 'file', path, given: 'empty' }, {}), "--rhsm-password-file 'empty' has an empty first line");
});

test('reads REJVIZ_RHSM_PASSWORD', async (t) => {
  t.is(await readPassword({ kind: 'env' }, { REJVIZ_RHSM_PASSWORD: PASSWORD }), PASSWORD);
});

test('refuses an empty REJVIZ_RHSM_PASSWORD', async (t) => {
  await rejects(t, readPassword({ kind: 'env' }, { REJVIZ_RHSM_PASSWORD: '' }), 'REJVIZ_RHSM_PASSWORD is set but empty; put the password in it or pass --rhsm-password-file FILE');
});

test('refuses a multi-line REJVIZ_RHSM_PASSWORD', async (t) => {
  await rejects(t, readPassword({ kind: 'env' }, { REJVIZ_RHSM_PASSWORD: `${PASSWORD}\nmore` }), 'REJVIZ_RHSM_PASSWORD contains a line break');
});
