// Bad --rhsm-* combinations and values: one-line UsageErrors naming the option, the value (never
// a secret) and the fix, raised before anything is read or written.
import test from 'ava';
import { UsageError } from '@rejviz/core';
import { readRhsmOptions } from '../src/index.js';
import { KEY } from './fake-context.js';

const ENV = { REJVIZ_RHSM_PASSWORD: 'pw' };
type Row = [title: string, options: Record<string, unknown>, env: NodeJS.ProcessEnv, expected: string];

const ROWS: Row[] = [
  ['activation key without org', { rhsmActivationKey: KEY }, {}, '--rhsm-activation-key needs --rhsm-org ORG (an activation key belongs to an organization); add --rhsm-org'],
  ['org without key', { rhsmOrg: 'acme' }, {}, "--rhsm-org 'acme' needs --rhsm-activation-key KEY (or REJVIZ_RHSM_ACTIVATION_KEY, or --rhsm-user USER); add one of them"],
  ['user without a password source', { rhsmUser: 'alice' }, {}, "--rhsm-user 'alice' needs a password: pass --rhsm-password-file FILE (mode 0600) or set REJVIZ_RHSM_PASSWORD"],
  ['user with activation key', { rhsmUser: 'alice', rhsmOrg: 'acme', rhsmActivationKey: KEY }, ENV, "--rhsm-user 'alice' cannot be combined with --rhsm-activation-key"],
  ['pool with auto-attach', { rhsmOrg: 'acme', rhsmActivationKey: KEY, rhsmPool: 'p1', rhsmAutoAttach: true }, {}, "--rhsm-pool 'p1' cannot be combined with --rhsm-auto-attach; choose one way to attach"],
  ['pool without registration', { rhsmPool: '8a85f98c' }, {}, "--rhsm-pool '8a85f98c' needs a registration in the same run; add --rhsm-org ORG --rhsm-activation-key KEY, or --rhsm-user USER"],
  ['auto-attach without registration', { rhsmAutoAttach: true }, {}, '--rhsm-auto-attach needs a registration in the same run; add --rhsm-org ORG --rhsm-activation-key KEY, or --rhsm-user USER'],
  ['unregister with activation key', { rhsmOrg: 'acme', rhsmActivationKey: KEY, rhsmUnregister: true }, {}, '--rhsm-unregister cannot be combined with --rhsm-org/--rhsm-activation-key: it would unregister right after registering'],
  ['unregister with user', { rhsmUser: 'alice', rhsmUnregister: true }, ENV, '--rhsm-unregister cannot be combined with --rhsm-user'],
  ['password file without user', { rhsmPasswordFile: 'pw.txt' }, {}, "--rhsm-password-file 'pw.txt' needs --rhsm-user USER; add --rhsm-user or drop --rhsm-password-file"],
  ['password file with activation key', { rhsmOrg: 'acme', rhsmActivationKey: KEY, rhsmPasswordFile: 'pw.txt' }, {}, "--rhsm-password-file 'pw.txt' is for --rhsm-user, not --rhsm-activation-key; drop --rhsm-password-file"],
  ['empty org', { rhsmOrg: '', rhsmActivationKey: KEY }, {}, "--rhsm-org '' is empty; give the organization ID"],
  ['empty user', { rhsmUser: ' ' }, ENV, "--rhsm-user ' ' is empty; give the Red Hat login name"],
  ['empty activation key', { rhsmOrg: 'acme', rhsmActivationKey: '' }, {}, '--rhsm-activation-key is empty; give the activation key name'],
  ['activation key with a newline', { rhsmOrg: 'acme', rhsmActivationKey: `${KEY}\nx` }, {}, '--rhsm-activation-key contains a control character (value not shown)'],
  ['org with a newline', { rhsmOrg: 'ac\nme', rhsmActivationKey: KEY }, {}, "--rhsm-org 'ac\\x0ame' contains a control character; give the organization ID"],
  ['user with a colon', { rhsmUser: 'al:ice' }, ENV, "--rhsm-user 'al:ice' contains ':', which no Red Hat login has"],
  ['pool with a space', { rhsmOrg: 'acme', rhsmActivationKey: KEY, rhsmPool: 'a b' }, {}, "--rhsm-pool 'a b' is not a pool ID (letters, digits, '.', '_', '-')"],
  ['empty pool', { rhsmUser: 'alice', rhsmPool: '' }, ENV, "--rhsm-pool '' is empty; give the pool ID"],
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
  t.is(readRhsmOptions({ '--nic': ['name=eth0'], rhsmAutoAttach: false, rhsmUnregister: false }, ENV, '/'), null);
});

test('accepted combinations', (t) => {
  t.deepEqual(readRhsmOptions({ rhsmOrg: 'acme', rhsmActivationKey: KEY, rhsmAutoAttach: true }, {}, '/'), {
    kind: 'register', auth: { kind: 'activation-key', org: 'acme', key: KEY }, attach: { kind: 'auto' },
  });
  t.deepEqual(readRhsmOptions({ rhsmUser: 'alice', rhsmPasswordFile: 'pw', rhsmPool: 'p1' }, {}, '/etc'), {
    kind: 'register', auth: { kind: 'password', user: 'alice', org: null, source: { kind: 'file', path: '/etc/pw', given: 'pw' } }, attach: { kind: 'pool', id: 'p1' },
  });
  t.deepEqual(readRhsmOptions({ rhsmUser: 'alice', rhsmOrg: 'acme' }, ENV, '/'), {
    kind: 'register', auth: { kind: 'password', user: 'alice', org: 'acme', source: { kind: 'env' } }, attach: null,
  });
  t.deepEqual(readRhsmOptions({ rhsmUnregister: true }, {}, '/'), { kind: 'unregister' });
});
