// The registration script: values are single-quoted so that /bin/sh passes them to
// subscription-manager unchanged, whatever they contain (checked by running the script with a
// stand-in subscription-manager that prints its arguments).
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { attachCommand, registerCommand, renderRegisterScript, shQuote } from '../src/index.js';
import { KEY, PASSWORD } from './fake-context.js';

test('shQuote always single-quotes', (t) => {
  t.is(shQuote('abc'), "'abc'");
  t.is(shQuote("it's"), "'it'\\''s'");
  t.is(shQuote(''), "''");
  t.throws(() => shQuote('a\0b'), { message: /Assertion failed/ });
});

test('register lines', (t) => {
  t.is(registerCommand({ kind: 'activation-key', org: 'acme', key: 'k1' }), "subscription-manager register --org='acme' --activationkey='k1'");
  t.is(registerCommand({ kind: 'password', user: 'alice', org: null, password: 'p' }), "subscription-manager register --username='alice' --password='p'");
  t.is(registerCommand({ kind: 'password', user: 'alice', org: 'acme', password: 'p' }), "subscription-manager register --org='acme' --username='alice' --password='p'");
  t.is(attachCommand({ kind: 'auto' }), 'subscription-manager attach --auto');
  t.is(attachCommand({ kind: 'pool', id: '8a85f98c' }), "subscription-manager attach --pool='8a85f98c'");
});

test('the script registers, then attaches', (t) => {
  t.is(
    renderRegisterScript({ kind: 'activation-key', org: 'acme', key: 'k1' }, { kind: 'auto' }),
    [
      '#!/bin/sh',
      '# Written by rejviz plugin-rhsm for virt-customize --run; deleted when the run ends.',
      'set -e',
      "subscription-manager register --org='acme' --activationkey='k1'",
      'subscription-manager attach --auto',
      '',
    ].join('\n'),
  );
});

test('sh passes hostile values through unchanged', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'rhsm-script-test-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const fake = join(dir, 'subscription-manager');
  await writeFile(fake, '#!/bin/sh\nfor a in "$@"; do printf "%s\\0" "$a"; done\n');
  await chmod(fake, 0o755);
  const org = "ac'me $(touch pwned) `id` ;|&";
  const script = join(dir, 'register.sh');
  await writeFile(script, renderRegisterScript({ kind: 'password', user: 'alice', org, password: `${PASSWORD}\nline2` }, { kind: 'pool', id: 'p-1' }));
  const out = execFileSync('/bin/sh', [script], { env: { PATH: `${dir}:/usr/bin:/bin` }, cwd: dir, encoding: 'utf8' });
  t.deepEqual(out.split('\0').slice(0, -1), ['register', `--org=${org}`, '--username=alice', `--password=${PASSWORD}\nline2`, 'attach', '--pool=p-1']);
  const key = renderRegisterScript({ kind: 'activation-key', org: 'o', key: KEY }, null);
  await writeFile(script, key);
  t.deepEqual(execFileSync('/bin/sh', [script], { env: { PATH: `${dir}:/usr/bin:/bin` }, encoding: 'utf8' }).split('\0').slice(0, -1), ['register', '--org=o', `--activationkey=${KEY}`]);
});
