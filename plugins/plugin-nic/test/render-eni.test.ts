// Golden tests for render-eni.ts (interfaces.d layout): exact files for every NIC shape in nic-fixtures.ts.

import test from 'ava';
import { renderEni } from '../src/index.js';
import { goldenOf, type Golden } from './golden.js';
import { CASES, DHCP_BESIDE_STATIC, nicsOf, planned, type CaseName } from './nic-fixtures.js';
import { UsageError } from '@rejviz/core';

const GOLDEN: Record<CaseName | 'dhcpBesideStatic', Golden[]> = {
  staticIpv4: [
    ['/etc/network/interfaces.d/60-rejviz-eth1', 0o644, `# Written by rejviz from --nic options.
# eth1: hwaddr 52:54:00:aa:00:01 (ifupdown matches by name only)
auto eth1
iface eth1 inet static
    address 192.168.122.15
    netmask 255.255.255.0
    gateway 192.168.122.1
`],
  ],
  dhcp: [
    ['/etc/network/interfaces.d/60-rejviz-eth0', 0o644, `# Written by rejviz from --nic options.
# eth0: hwaddr 52:54:00:aa:00:02 (ifupdown matches by name only)
auto eth0
iface eth0 inet dhcp
`],
  ],
  staticIpv6: [
    ['/etc/network/interfaces.d/60-rejviz-eth1', 0o644, `# Written by rejviz from --nic options.
# eth1: hwaddr 52:54:00:aa:00:03 (ifupdown matches by name only)
auto eth1
iface eth1 inet6 static
    address 2001:db8:1::15
    netmask 64
    gateway 2001:db8:1::1
`],
  ],
  dualStack: [
    ['/etc/network/interfaces.d/60-rejviz-eth1', 0o644, `# Written by rejviz from --nic options.
# eth1: hwaddr 52:54:00:aa:00:04 (ifupdown matches by name only)
auto eth1
iface eth1 inet static
    address 10.0.0.5
    netmask 255.255.255.0
    gateway 10.0.0.1

iface eth1 inet6 static
    address 2001:db8::5
    netmask 64
    gateway 2001:db8::1
`],
  ],
  hostRoute: [
    ['/etc/network/interfaces.d/60-rejviz-eth1', 0o644, `# Written by rejviz from --nic options.
# eth1: hwaddr 52:54:00:aa:00:05 (ifupdown matches by name only)
auto eth1
iface eth1 inet static
    address 203.0.113.15
    netmask 255.255.255.255
    up ip route add default via 203.0.113.1 dev eth1 onlink
`],
  ],
  onlink: [
    ['/etc/network/interfaces.d/60-rejviz-eth1', 0o644, `# Written by rejviz from --nic options.
# eth1: hwaddr 52:54:00:aa:00:06 (ifupdown matches by name only)
auto eth1
iface eth1 inet static
    address 192.168.1.5
    netmask 255.255.255.0
    up ip route add default via 10.9.9.1 dev eth1 onlink
`],
  ],
  mtuDns: [
    ['/etc/network/interfaces.d/60-rejviz-eth1', 0o644, `# Written by rejviz from --nic options.
# eth1: hwaddr 52:54:00:aa:00:07 (ifupdown matches by name only)
auto eth1
iface eth1 inet static
    address 172.16.0.10
    netmask 255.255.0.0
    gateway 172.16.0.1
    mtu 9000
    dns-nameservers 172.16.0.2 2001:db8::53
`],
  ],
  dhcpBesideStatic: [
    ['/etc/network/interfaces.d/60-rejviz-eth0', 0o644, `# Written by rejviz from --nic options.
# eth0: hwaddr 52:54:00:aa:00:02 (ifupdown matches by name only)
auto eth0
iface eth0 inet dhcp
    metric 1024
`],
    ['/etc/network/interfaces.d/60-rejviz-eth1', 0o644, `# Written by rejviz from --nic options.
# eth1: hwaddr 52:54:00:aa:00:01 (ifupdown matches by name only)
auto eth1
iface eth1 inet static
    address 192.168.122.15
    netmask 255.255.255.0
    gateway 192.168.122.1
`],
  ],
};

for (const name of Object.keys(CASES) as CaseName[]) {
  test(`${name}`, (t) => t.deepEqual(goldenOf(t, renderEni(nicsOf(name))), GOLDEN[name]));
}

test('a DHCP NIC beside a static gateway NIC does not take the DHCP default route', (t) => {
  t.deepEqual(goldenOf(t, renderEni(DHCP_BESIDE_STATIC)), GOLDEN.dhcpBesideStatic);
});

test('the interfaces layout writes one complete /etc/network/interfaces (BusyBox has no source glob)', (t) => {
  const nics = planned('name=eth0,hwaddr=52:54:00:aa:00:40', 'name=eth1,hwaddr=52:54:00:aa:00:41,ipaddr=10.0.0.5/24,gateway=10.0.0.1');
  t.deepEqual(goldenOf(t, renderEni(nics, 'interfaces')), [
    ['/etc/network/interfaces', 0o644, `# Written by rejviz from --nic options.
auto lo
iface lo inet loopback

# eth0: hwaddr 52:54:00:aa:00:40 (ifupdown matches by name only)
auto eth0
iface eth0 inet dhcp
    metric 1024

# eth1: hwaddr 52:54:00:aa:00:41 (ifupdown matches by name only)
auto eth1
iface eth1 inet static
    address 10.0.0.5
    netmask 255.255.255.0
    gateway 10.0.0.1
`],
  ]);
});

test('MTU on a NIC without static IPv4 is set with pre-up; without any address the stanza is manual', (t) => {
  const content = goldenOf(t, renderEni(planned('name=eth1,hwaddr=52:54:00:aa:00:42,bootproto=none,mtu=9000')))[0]?.[2];
  t.true(content?.endsWith('iface eth1 inet manual\n    pre-up ip link set dev eth1 mtu 9000\n'), content);
});

test('a dot in the interface name becomes _ in the file name, and a clash is refused', (t) => {
  const [file] = renderEni(planned('name=eth0.100,hwaddr=52:54:00:aa:00:43'));
  t.is(file?.path, '/etc/network/interfaces.d/60-rejviz-eth0_100');
  t.regex(file?.path ?? '', /^\/etc\/network\/interfaces\.d\/[a-zA-Z0-9_-]+$/);
  t.throws(() => renderEni(planned('name=eth0.100', 'name=eth0_100')), {
    instanceOf: UsageError,
    message: '--nic eth0.100 and --nic eth0_100 would share /etc/network/interfaces.d/60-rejviz-eth0_100; rename one',
  });
});

test('defroute=no on a DHCP NIC cannot be expressed and is refused', (t) => {
  t.throws(() => renderEni(planned('name=eth0,defroute=no')), { instanceOf: UsageError, message: /^--nic eth0: ifupdown cannot refuse the DHCP default route/ });
});
