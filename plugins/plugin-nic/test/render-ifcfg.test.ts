// Golden tests for render-ifcfg.ts: exact files for every NIC shape in nic-fixtures.ts.

import test from 'ava';
import { renderIfcfg } from '../src/index.js';
import { goldenOf, type Golden } from './golden.js';
import { CASES, DHCP_BESIDE_STATIC, nicsOf, planned, type CaseName } from './nic-fixtures.js';
import { shellAssignment } from '../src/shell-var.js';

const GOLDEN: Record<CaseName | 'dhcpBesideStatic', Golden[]> = {
  staticIpv4: [
    ['/etc/sysconfig/network-scripts/ifcfg-eth1', 0o644, `DEVICE=eth1
NAME=eth1
TYPE=Ethernet
ONBOOT=yes
BOOTPROTO=none
HWADDR=52:54:00:aa:00:01
IPADDR=192.168.122.15
PREFIX=24
GATEWAY=192.168.122.1
DEFROUTE=yes
IPV6INIT=yes
IPV6_AUTOCONF=yes
`],
  ],
  dhcp: [
    ['/etc/sysconfig/network-scripts/ifcfg-eth0', 0o644, `DEVICE=eth0
NAME=eth0
TYPE=Ethernet
ONBOOT=yes
BOOTPROTO=dhcp
HWADDR=52:54:00:aa:00:02
DEFROUTE=yes
IPV6INIT=yes
IPV6_AUTOCONF=yes
`],
  ],
  staticIpv6: [
    ['/etc/sysconfig/network-scripts/ifcfg-eth1', 0o644, `DEVICE=eth1
NAME=eth1
TYPE=Ethernet
ONBOOT=yes
BOOTPROTO=none
HWADDR=52:54:00:aa:00:03
DEFROUTE=no
IPV6INIT=yes
IPV6_AUTOCONF=no
IPV6ADDR=2001:db8:1::15/64
IPV6_DEFAULTGW=2001:db8:1::1
`],
  ],
  dualStack: [
    ['/etc/sysconfig/network-scripts/ifcfg-eth1', 0o644, `DEVICE=eth1
NAME=eth1
TYPE=Ethernet
ONBOOT=yes
BOOTPROTO=none
HWADDR=52:54:00:aa:00:04
IPADDR=10.0.0.5
PREFIX=24
GATEWAY=10.0.0.1
DEFROUTE=yes
IPV6INIT=yes
IPV6_AUTOCONF=no
IPV6ADDR=2001:db8::5/64
IPV6_DEFAULTGW=2001:db8::1
`],
  ],
  hostRoute: [
    ['/etc/sysconfig/network-scripts/ifcfg-eth1', 0o644, `DEVICE=eth1
NAME=eth1
TYPE=Ethernet
ONBOOT=yes
BOOTPROTO=none
HWADDR=52:54:00:aa:00:05
IPADDR=203.0.113.15
PREFIX=32
GATEWAY=203.0.113.1
DEFROUTE=yes
IPV6INIT=yes
IPV6_AUTOCONF=yes
`],
    ['/etc/sysconfig/network-scripts/route-eth1', 0o644, `203.0.113.1 dev eth1
default via 203.0.113.1 dev eth1
`],
  ],
  onlink: [
    ['/etc/sysconfig/network-scripts/ifcfg-eth1', 0o644, `DEVICE=eth1
NAME=eth1
TYPE=Ethernet
ONBOOT=yes
BOOTPROTO=none
HWADDR=52:54:00:aa:00:06
IPADDR=192.168.1.5
PREFIX=24
GATEWAY=10.9.9.1
DEFROUTE=yes
IPV6INIT=yes
IPV6_AUTOCONF=yes
`],
    ['/etc/sysconfig/network-scripts/route-eth1', 0o644, `10.9.9.1 dev eth1
default via 10.9.9.1 dev eth1
`],
  ],
  mtuDns: [
    ['/etc/sysconfig/network-scripts/ifcfg-eth1', 0o644, `DEVICE=eth1
NAME=eth1
TYPE=Ethernet
ONBOOT=yes
BOOTPROTO=none
HWADDR=52:54:00:aa:00:07
IPADDR=172.16.0.10
PREFIX=16
GATEWAY=172.16.0.1
DEFROUTE=yes
IPV6INIT=yes
IPV6_AUTOCONF=yes
DNS1=172.16.0.2
DNS2=2001:db8::53
MTU=9000
`],
  ],
  dhcpBesideStatic: [
    ['/etc/sysconfig/network-scripts/ifcfg-eth0', 0o644, `DEVICE=eth0
NAME=eth0
TYPE=Ethernet
ONBOOT=yes
BOOTPROTO=dhcp
HWADDR=52:54:00:aa:00:02
DEFROUTE=no
IPV6INIT=yes
IPV6_AUTOCONF=yes
`],
    ['/etc/sysconfig/network-scripts/ifcfg-eth1', 0o644, `DEVICE=eth1
NAME=eth1
TYPE=Ethernet
ONBOOT=yes
BOOTPROTO=none
HWADDR=52:54:00:aa:00:01
IPADDR=192.168.122.15
PREFIX=24
GATEWAY=192.168.122.1
DEFROUTE=yes
IPV6INIT=yes
IPV6_AUTOCONF=yes
`],
  ],
};

for (const name of Object.keys(CASES) as CaseName[]) {
  test(`${name}`, (t) => t.deepEqual(goldenOf(t, renderIfcfg(nicsOf(name))), GOLDEN[name]));
}

test('a DHCP NIC beside a static gateway NIC does not take the DHCP default route', (t) => {
  t.deepEqual(goldenOf(t, renderIfcfg(DHCP_BESIDE_STATIC)), GOLDEN.dhcpBesideStatic);
});

const contentOf = (t: Parameters<typeof goldenOf>[0], value: string, index = 0) => goldenOf(t, renderIfcfg(planned(value)))[index]?.[2];

test('a link-local IPv6 gateway is written with the interface as %zone', (t) => {
  const content = contentOf(t, 'name=eth1,hwaddr=52:54:00:aa:00:10,ip6addr=2001:db8::5/64,gateway6=fe80::1');
  t.true(content?.includes('\nIPV6_DEFAULTGW=fe80::1%eth1\n'), content);
});

test('an IPv6 /128 gateway gets GATEWAY plus a route6- file', (t) => {
  const files = goldenOf(t, renderIfcfg(planned('name=eth1,hwaddr=52:54:00:aa:00:11,ip6addr=2001:db8::5/128,gateway6=2001:db8::1')));
  t.deepEqual(files[1], [
    '/etc/sysconfig/network-scripts/route6-eth1', 0o644, '2001:db8::1 dev eth1\ndefault via 2001:db8::1 dev eth1\n',
  ]);
  t.true(files[0]?.[2].includes('\nIPV6_DEFAULTGW=2001:db8::1\n'));
});

test('defroute=no drops GATEWAY and writes DEFROUTE=no', (t) => {
  const content = contentOf(t, 'name=eth1,hwaddr=52:54:00:aa:00:12,ipaddr=10.0.0.5/24,gateway=10.0.0.1,defroute=no');
  t.false(content?.includes('GATEWAY='), content);
  t.true(content?.includes('\nDEFROUTE=no\n'), content);
});

test('extra addresses are numbered consecutively and secondaries are quoted', (t) => {
  const [nic] = planned('name=eth1,hwaddr=52:54:00:aa:00:13,ipaddr=10.0.0.5/24,ip6addr=2001:db8::5/64');
  const extended = { ...nic!, ipv4: [...nic!.ipv4, { address: '10.0.1.5', prefix: 24 }], ipv6: [...nic!.ipv6, ...['2001:db8::6', '2001:db8::7'].map((address) => ({ address, prefix: 64 }))] };
  const content = goldenOf(t, renderIfcfg([extended]))[0]?.[2];
  t.true(content?.includes('IPADDR=10.0.0.5\nPREFIX=24\nIPADDR1=10.0.1.5\nPREFIX1=24\n'), content);
  t.true(content?.includes('\nIPV6ADDR=2001:db8::5/64\nIPV6ADDR_SECONDARIES="2001:db8::6/64 2001:db8::7/64"\n'), content);
});

test('shellAssignment leaves safe values bare and escapes the rest for a sourcing shell', (t) => {
  t.is(shellAssignment('IPV6ADDR', '2001:db8::5/64'), 'IPV6ADDR=2001:db8::5/64');
  t.is(shellAssignment('X', 'a b'), 'X="a b"');
  t.is(shellAssignment('X', 'a"$(reboot)`\\'), 'X="a\\"\\$(reboot)\\`\\\\"');
  t.throws(() => shellAssignment('X', 'a\nb'), { message: /^Assertion failed/ });
});
