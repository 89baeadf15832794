import test from 'ava';
import { UsageError } from '@rejviz/core';
import { readRhsmOptions } from '../src/read-options.js';

const ENV = { REJVIZ_RHSM_ACTIVATION_KEY: 'env-key' };

test('the activation key can come from REJVIZ_RHSM_ACTIVATION_KEY with --rhsm-org', (t) => {
  const choice = readRhsmOptions({ rhsmOrg: 'ACME' }, ENV, '/');
  t.like(choice, { auth: { kind: 'activation-key', org: 'ACME', key: 'env-key' } });
});

test('the option wins over the environment', (t) => {
  const choice = readRhsmOptions({ rhsmOrg: 'ACME', rhsmActivationKey: 'opt-key' }, ENV, '/');
  t.like(choice, { auth: { kind: 'activation-key', key: 'opt-key' } });
});

test('an exported key alone never turns registration on', (t) => {
  t.is(readRhsmOptions({}, ENV, '/'), null);
});

test('--rhsm-org without any key names the environment variable too', (t) => {
  const err = t.throws(() => readRhsmOptions({ rhsmOrg: 'ACME' }, {}, '/'), { instanceOf: UsageError });
  t.regex(err?.message ?? '', /REJVIZ_RHSM_ACTIVATION_KEY/);
});
