// validateNics: cross-NIC rules beyond single rows of the table (default-route ownership per family).

import test from 'ava';
import { UsageError } from '@rejviz/core';
import { parseNicOption, validateNics } from '../src/index.js';

const nics = (...values: string[]) => values.map((v) => parseNicOption(v).nic);

test('one IPv4 and one IPv6 default gateway on different NICs are fine', (t) => {
  t.notThrows(() => validateNics(nics('name=eth0,ipaddr=10.0.0.5/24,gateway=10.0.0.1', 'name=eth1,ip6addr=2001:db8::5/64,gateway6=2001:db8::1')));
});

test('defroute=no on all but one gateway NIC resolves the conflict', (t) => {
  t.notThrows(() => validateNics(nics('name=eth0,ipaddr=10.0.0.5/24,gateway=10.0.0.1', 'name=eth1,ipaddr=10.1.0.5/24,gateway=10.1.0.1,defroute=no')));
});

test('two IPv6 default gateways conflict too', (t) => {
  t.throws(() => validateNics(nics('name=eth0,ip6addr=2001:db8::5/64,gateway6=2001:db8::1', 'name=eth1,ip6addr=2001:db9::5/64,gateway6=2001:db9::1')), {
    instanceOf: UsageError,
    message: '--nic eth0 and --nic eth1 both set an IPv6 default gateway; add defroute=no on all but one',
  });
});

test('three gateway NICs are all named', (t) => {
  const values = [0, 1, 2].map((i) => `name=eth${i},ipaddr=10.${i}.0.5/24,gateway=10.${i}.0.1`);
  t.throws(() => validateNics(nics(...values)), {
    message: '--nic eth0 and --nic eth1 and --nic eth2 all set an IPv4 default gateway; add defroute=no on all but one',
  });
});

test('NICs without MACs never clash on MAC', (t) => {
  t.notThrows(() => validateNics(nics('name=eth0', 'name=eth1')));
});
