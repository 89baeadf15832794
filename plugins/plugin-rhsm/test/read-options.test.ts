// Bad --rhsm-* combinations and values: one-line UsageErrors naming the option, the value (never
// a secret) and the fix, raised before anything is read or written.
import test from 'ava';
import { UsageError } from '@rejviz/core';
import { readRhsmOptions } from '../src/index.js';
import { KEY } from './fake-context.js';

const ENV = { REJVIZ_RHSM_PASSWORD: 'pw' };
type Row = [title: string, options: Record<string, unknown>, env: NodeJS.ProcessEnv, expected: string];

const ROWS: Row[] = [
  ['activation key without org', { '--rhsm-activation-key': KEY }, {}, '--rhsm-activation-key needs --rhsm-org ORG (an activation key belongs to an organization); add --rhsm-org'],
  ['org without key', { '--rhsm-org': 'acme' }, {}, "--rhsm-org 'acme' needs --rhsm-activation-key KEY (or REJVIZ_RHSM_ACTIVATION_KEY, or --rhsm-user USER); add one of them"],
  ['user without a password source', { '--rhsm-user': 'alice' }, {}, "--rhsm-user 'alice' needs a password: pass --rhsm-password-file FILE (mode 0600) or set REJVIZ_RHSM_PASSWORD"],
  ['user with activation key', { '--rhsm-user': 'alice', '--rhsm-org': 'acme', '--rhsm-activation-key': KEY }, ENV, "--rhsm-user 'alice' cannot be combined with --rhsm-activation-key"],
  ['pool with auto-attach', { '--rhsm-org': 'acme', '--rhsm-activation-key': KEY, '--rhsm-pool': 'p1', '--rhsm-auto-attach': true }, {}, "--rhsm-pool 'p1' cannot be combined with --rhsm-auto-attach; choose one way to attach"],
  ['pool without registration', { '--rhsm-pool': '8a85f98c' }, {}, "--rhsm-pool '8a85f98c' needs a registration in the same run; add --rhsm-org ORG --rhsm-activation-key KEY, or --rhsm-user USER"],
  ['auto-attach without registration', { '--rhsm-auto-attach': true }, {}, '--rhsm-auto-attach needs a registration in the same run; add --rhsm-org ORG --rhsm-activation-key KEY, or --rhsm-user USER'],
  ['unregister with activation key', { '--rhsm-org': 'acme', '--rhsm-activation-key': KEY, '--rhsm-unregister': true }, {}, '--rhsm-unregister cannot be combined with --rhsm-org/--rhsm-activation-key: it would unregister right after registering'],
  ['unregister with user', { '--rhsm-user': 'alice', '--rhsm-unregister': true }, ENV, '--rhsm-unregister cannot be combined with --rhsm-user'],
  ['password file without user', { '--rhsm-password-file': 'pw.txt' }, {}, "--rhsm-password-file 'pw.txt' needs --rhsm-user USER; add --rhsm-user or drop --rhsm-password-file"],
  ['password file with activation key', { '--rhsm-org': 'acme', '--rhsm-activation-key': KEY, '--rhsm-password-file': 'pw.txt' }, {}, "--rhsm-password-file 'pw.txt' is for --rhsm-user, not --rhsm-activation-key; drop --rhsm-password-file"],
  ['empty org', { '--rhsm-org': '', '--rhsm-activation-key': KEY }, {}, "--rhsm-org '' is empty; give the organization ID"],
  ['empty user', { '--rhsm-user': ' ' }, ENV, "--rhsm-user ' ' is empty; give the Red Hat login name"],
  ['empty activation key', { '--rhsm-org': 'acme', '--rhsm-activation-key': '' }, {}, '--rhsm-activation-key is empty; give the activation key name'],
  ['activation key with a newline', { '--rhsm-org': 'acme', '--rhsm-activation-key': `${KEY}\nx` }, {}, '--rhsm-activation-key contains a control character (value not shown)'],
  ['org with a newline', { '--rhsm-org': 'ac\nme', '--rhsm-activation-key': KEY }, {}, "--rhsm-org 'ac\\x0ame' contains a control character; give the organization ID"],
  ['user with a colon', { '--rhsm-user': 'al:ice' }, ENV, "--rhsm-user 'al:ice' contains ':', which no Red Hat login has"],
  ['pool with a space', { '--rhsm-org': 'acme', '--rhsm-activation-key': KEY, '--rhsm-pool': 'a b' }, {}, "--rhsm-pool 'a b' is not a pool ID (letters, digits, '.', '_', '-')"],
  ['empty pool', { '--rhsm-user': 'alice', '--rhsm-pool': '' }, ENV, "--rhsm-pool '' is empty; give the pool ID"],
];

for (const [title, options, env, expected] of ROWS) {
  test(`rejects ${title}`, (t) => {
    const error = t.throws(() => readRhsmOptions(options, env, '/'), { instanceOf: UsageError });
    t.true(error?.message.includes(expected), `message: ${error?.message}\nexpected to include: ${expected}`);
    t.false(error?.message.includes('\n'), 'one line');
    t.false(error?.message.includes(KEY), 'the activation key is never shown');
    t.is((error as UsageError).exitCode, 2);
  });
}

test('no --rhsm-* option: nothing to do', (t) => {
  t.is(readRhsmOptions({ '--nic': ['name=eth0'], '--rhsm-auto-attach': false, '--rhsm-unregister': false }, ENV, '/'), null);
});

test('accepted combinations', (t) => {
  t.deepEqual(readRhsmOptions({ '--rhsm-org': 'acme', '--rhsm-activation-key': KEY, '--rhsm-auto-attach': true }, {}, '/'), {
    kind: 'register', auth: { kind: 'activation-key', org: 'acme', key: KEY }, attach: { kind: 'auto' },
  });
  t.deepEqual(readRhsmOptions({ '--rhsm-user': 'alice', '--rhsm-password-file': 'pw', '--rhsm-pool': 'p1' }, {}, '/etc'), {
    kind: 'register', auth: { kind: 'password', user: 'alice', org: null, source: { kind: 'file', path: '/etc/pw', given: 'pw' } }, attach: { kind: 'pool', id: 'p1' },
  });
  t.deepEqual(readRhsmOptions({ '--rhsm-user': 'alice', '--rhsm-org': 'acme' }, ENV, '/'), {
    kind: 'register', auth: { kind: 'password', user: 'alice', org: 'acme', source: { kind: 'env' } }, attach: null,
  });
  t.deepEqual(readRhsmOptions({ '--rhsm-unregister': true }, {}, '/'), { kind: 'unregister' });
});
