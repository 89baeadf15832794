// parseNicOption: the compact --nic syntax, its defaults and normalisation.

import test from 'ava';
import { parseNicOption, type ParsedNic } from '../src/index.js';
import { CASES, type CaseName } from './nic-fixtures.js';

/** The ParsedNic a planned fixture came from (MACs in the fixtures are user-given). */
function parsedOf(name: CaseName): ParsedNic {
  const { macGenerated: _generated, ...nic } = CASES[name].nic;
  return nic;
}

for (const name of Object.keys(CASES) as CaseName[]) {
  test(`fixture ${name} is what its --nic value parses to`, (t) => {
    t.deepEqual(parseNicOption(CASES[name].option), { nic: parsedOf(name), warnings: [] });
  });
}

test('ipaddr without prefix gets an explicit /24 and a one-line warning saying how to choose', (t) => {
  const { nic, warnings } = parseNicOption('name=eth1,ipaddr=192.168.122.15');
  t.deepEqual(nic.ipv4, [{ address: '192.168.122.15', prefix: 24 }]);
  t.is(nic.bootproto, 'static');
  t.deepEqual(warnings, ['--nic eth1: no prefix given for 192.168.122.15; using /24 (add /NN to ipaddr or prefix=NN to choose)']);
});

test('prefix= and a contiguous netmask= set the IPv4 prefix', (t) => {
  t.deepEqual(parseNicOption('name=eth1,ipaddr=10.0.0.5,prefix=8').nic.ipv4, [{ address: '10.0.0.5', prefix: 8 }]);
  t.deepEqual(parseNicOption('name=eth1,ipaddr=10.0.0.5,netmask=255.255.240.0').nic.ipv4, [{ address: '10.0.0.5', prefix: 20 }]);
  t.deepEqual(parseNicOption('name=eth1,ipaddr=10.0.0.5/16,prefix=16,netmask=255.255.0.0').nic.ipv4, [{ address: '10.0.0.5', prefix: 16 }]);
});

test('without ipaddr and bootproto the NIC uses DHCP', (t) => {
  t.deepEqual(parseNicOption('name=eth0'), { nic: { name: 'eth0', bootproto: 'dhcp', ipv4: [], ipv6: [], dns: [] }, warnings: [] });
});

test('an IPv6 ipaddr is canonicalised and makes the NIC IPv4-less (bootproto none)', (t) => {
  const { nic } = parseNicOption('name=eth1,ipaddr=2001:DB8:0:0::0015/64,gateway=2001:db8::1');
  t.deepEqual(nic, {
    name: 'eth1', bootproto: 'none', ipv4: [], ipv6: [{ address: '2001:db8::15', prefix: 64 }], gateway6: '2001:db8::1', dns: [],
  });
});

test('DHCP for IPv4 can be combined with a static IPv6 address and IPv6 DNS', (t) => {
  const { nic } = parseNicOption('name=eth1,bootproto=dhcp,ip6addr=2001:db8::5/64,dns1=2001:db8::53');
  t.is(nic.bootproto, 'dhcp');
  t.deepEqual(nic.ipv6, [{ address: '2001:db8::5', prefix: 64 }]);
  t.deepEqual(nic.dns, ['2001:db8::53']);
});

test('DNS servers on a DHCP NIC: the same NIC whether bootproto=dhcp is written or implied', (t) => {
  const expected = { nic: { name: 'eth0', bootproto: 'dhcp', ipv4: [], ipv6: [], dns: ['1.1.1.1', '2001:db8::53'] }, warnings: [] };
  t.deepEqual(parseNicOption('name=eth0,bootproto=dhcp,dns1=1.1.1.1,dns2=2001:DB8::53'), expected);
  t.deepEqual(parseNicOption('name=eth0,dns1=1.1.1.1,dns2=2001:db8::53'), expected);
});

test('hwaddr is normalised to lowercase colon form, also from dashes', (t) => {
  t.is(parseNicOption('name=eth1,hwaddr=52-54-00-AB-CD-EF').nic.mac, '52:54:00:ab:cd:ef');
});

test('dns1..dns3 keep their numeric order whatever the order of the items', (t) => {
  const { nic } = parseNicOption('name=eth1,ipaddr=10.0.0.5/24,dns3=10.0.0.3,dns1=10.0.0.1,dns2=2001:db8::2');
  t.deepEqual(nic.dns, ['10.0.0.1', '2001:db8::2', '10.0.0.3']);
});

test('a /32 gateway is accepted without onlink=yes (on-link is implied)', (t) => {
  const { nic } = parseNicOption('name=eth1,ipaddr=203.0.113.15/32,gateway=203.0.113.1');
  t.is(nic.gateway4, '203.0.113.1');
  t.is(nic.onlink, undefined);
});

test('a link-local IPv6 gateway may carry the NIC itself as %zone, which is dropped', (t) => {
  const { nic } = parseNicOption('name=eth1,ip6addr=2001:db8::5/64,gateway6=fe80::1%eth1');
  t.is(nic.gateway6, 'fe80::1');
});

test('defroute=no keeps the gateway but warns it is not used as a default route', (t) => {
  const { nic, warnings } = parseNicOption('name=eth1,ipaddr=10.0.0.5/24,gateway=10.0.0.1,defroute=no');
  t.is(nic.defroute, false);
  t.is(nic.gateway4, '10.0.0.1');
  t.deepEqual(warnings, ['--nic eth1: gateway 10.0.0.1 is not used as a default route because defroute=no']);
});

test('matching network=/broadcast= are accepted with a deprecation warning each', (t) => {
  const { warnings } = parseNicOption('name=eth1,ipaddr=10.0.0.5/24,network=10.0.0.0,broadcast=10.0.0.255');
  t.deepEqual(warnings, [
    '--nic eth1: network= is deprecated and derived from ipaddr and prefix; it can be dropped',
    '--nic eth1: broadcast= is deprecated and derived from ipaddr and prefix; it can be dropped',
  ]);
});

test('/31 and /32 may use what would otherwise be network or broadcast addresses', (t) => {
  t.deepEqual(parseNicOption('name=eth1,ipaddr=10.0.0.0/31').nic.ipv4, [{ address: '10.0.0.0', prefix: 31 }]);
  t.deepEqual(parseNicOption('name=eth1,ipaddr=10.0.0.255/32').nic.ipv4, [{ address: '10.0.0.255', prefix: 32 }]);
});

test('mtu below 1280 without static IPv6 is allowed with a warning', (t) => {
  const { nic, warnings } = parseNicOption('name=eth1,mtu=1000');
  t.is(nic.mtu, 1000);
  t.deepEqual(warnings, ['--nic eth1: mtu 1000 is below 1280, so IPv6 (including router-advertised addresses) will not work on this NIC']);
});
