// RHEL major version from osinfo, and the tool-version choice between --sm-* options and a script.
import test from 'ava';
import { attachSupported, chooseMechanism, hasSmUnregister, rhelMajor } from '../src/index.js';

test('rhelMajor', (t) => {
  t.is(rhelMajor('rhel10.0'), 10);
  t.is(rhelMajor('rhel9.4'), 9);
  t.is(rhelMajor('rhel7-unknown'), 7);
  t.is(rhelMajor('rhel11'), 11);
  t.is(rhelMajor('centos-stream10'), null);
  t.is(rhelMajor('fedora41'), null);
  t.is(rhelMajor(null), null);
});

test('attach is skipped only on a known RHEL >= 10', (t) => {
  t.false(attachSupported('rhel10.0'));
  t.false(attachSupported('rhel10.1'));
  t.true(attachSupported('rhel9.6'));
  t.true(attachSupported(null));
});

test('--sm-* options for a login on tools before 1.56, a script otherwise', (t) => {
  const login = { kind: 'password' as const, org: null };
  t.is(chooseMechanism(login, null, '1.48.2'), 'sm-options');
  t.is(chooseMechanism(login, { kind: 'auto' }, '1.54.0'), 'sm-options');
  t.is(chooseMechanism(login, null, '1.55.1'), 'sm-options');
  t.is(chooseMechanism(login, null, '1.55.2'), 'script');
  t.is(chooseMechanism(login, null, '1.56.0'), 'script');
  t.is(chooseMechanism({ kind: 'password', org: 'acme' }, null, '1.48.2'), 'script');
  t.is(chooseMechanism({ kind: 'activation-key', org: 'acme' }, null, '1.48.2'), 'script');
  t.true(hasSmUnregister('1.48.2'));
  t.false(hasSmUnregister('1.56.0'));
});
