// Golden tests for render-keyfile.ts: exact files for every NIC shape in nic-fixtures.ts.

import test from 'ava';
import { renderKeyfile } from '../src/index.js';
import { goldenOf, type Golden } from './golden.js';
import { CASES, DHCP_BESIDE_STATIC, nicsOf, planned, type CaseName } from './nic-fixtures.js';

const GOLDEN: Record<CaseName | 'dhcpBesideStatic', Golden[]> = {
  staticIpv4: [
    ['/etc/NetworkManager/system-connections/eth1.nmconnection', 0o600, `[connection]
id=eth1
uuid=e5c6e213-f984-5972-9853-af974738ec0c
type=ethernet
autoconnect=true

[ethernet]
mac-address=52:54:00:aa:00:01

[ipv4]
method=manual
address1=192.168.122.15/24
gateway=192.168.122.1

[ipv6]
method=auto
`],
  ],
  dhcp: [
    ['/etc/NetworkManager/system-connections/eth0.nmconnection', 0o600, `[connection]
id=eth0
uuid=bef3e933-3ddb-573e-b2a9-2c1d4e0a5eac
type=ethernet
autoconnect=true

[ethernet]
mac-address=52:54:00:aa:00:02

[ipv4]
method=auto

[ipv6]
method=auto
`],
  ],
  staticIpv6: [
    ['/etc/NetworkManager/system-connections/eth1.nmconnection', 0o600, `[connection]
id=eth1
uuid=e5c6e213-f984-5972-9853-af974738ec0c
type=ethernet
autoconnect=true

[ethernet]
mac-address=52:54:00:aa:00:03

[ipv4]
method=disabled

[ipv6]
method=manual
address1=2001:db8:1::15/64
gateway=2001:db8:1::1
`],
  ],
  dualStack: [
    ['/etc/NetworkManager/system-connections/eth1.nmconnection', 0o600, `[connection]
id=eth1
uuid=e5c6e213-f984-5972-9853-af974738ec0c
type=ethernet
autoconnect=true

[ethernet]
mac-address=52:54:00:aa:00:04

[ipv4]
method=manual
address1=10.0.0.5/24
gateway=10.0.0.1

[ipv6]
method=manual
address1=2001:db8::5/64
gateway=2001:db8::1
`],
  ],
  hostRoute: [
    ['/etc/NetworkManager/system-connections/eth1.nmconnection', 0o600, `[connection]
id=eth1
uuid=e5c6e213-f984-5972-9853-af974738ec0c
type=ethernet
autoconnect=true

[ethernet]
mac-address=52:54:00:aa:00:05

[ipv4]
method=manual
address1=203.0.113.15/32
gateway=203.0.113.1
route1=203.0.113.1/32

[ipv6]
method=auto
`],
  ],
  onlink: [
    ['/etc/NetworkManager/system-connections/eth1.nmconnection', 0o600, `[connection]
id=eth1
uuid=e5c6e213-f984-5972-9853-af974738ec0c
type=ethernet
autoconnect=true

[ethernet]
mac-address=52:54:00:aa:00:06

[ipv4]
method=manual
address1=192.168.1.5/24
gateway=10.9.9.1
route1=10.9.9.1/32

[ipv6]
method=auto
`],
  ],
  mtuDns: [
    ['/etc/NetworkManager/system-connections/eth1.nmconnection', 0o600, `[connection]
id=eth1
uuid=e5c6e213-f984-5972-9853-af974738ec0c
type=ethernet
autoconnect=true

[ethernet]
mac-address=52:54:00:aa:00:07
mtu=9000

[ipv4]
method=manual
address1=172.16.0.10/16
gateway=172.16.0.1
dns=172.16.0.2;

[ipv6]
method=auto
dns=2001:db8::53;
`],
  ],
  dhcpBesideStatic: [
    ['/etc/NetworkManager/system-connections/eth0.nmconnection', 0o600, `[connection]
id=eth0
uuid=bef3e933-3ddb-573e-b2a9-2c1d4e0a5eac
type=ethernet
autoconnect=true

[ethernet]
mac-address=52:54:00:aa:00:02

[ipv4]
method=auto
never-default=true

[ipv6]
method=auto
`],
    ['/etc/NetworkManager/system-connections/eth1.nmconnection', 0o600, `[connection]
id=eth1
uuid=e5c6e213-f984-5972-9853-af974738ec0c
type=ethernet
autoconnect=true

[ethernet]
mac-address=52:54:00:aa:00:01

[ipv4]
method=manual
address1=192.168.122.15/24
gateway=192.168.122.1

[ipv6]
method=auto
`],
  ],
};

for (const name of Object.keys(CASES) as CaseName[]) {
  test(`${name}`, (t) => t.deepEqual(goldenOf(t, renderKeyfile(nicsOf(name))), GOLDEN[name]));
}

test('a DHCP NIC beside a static gateway NIC does not take the DHCP default route', (t) => {
  t.deepEqual(goldenOf(t, renderKeyfile(DHCP_BESIDE_STATIC)), GOLDEN.dhcpBesideStatic);
});

const contentOf = (t: Parameters<typeof goldenOf>[0], value: string) => goldenOf(t, renderKeyfile(planned(value)))[0]?.[2];

test('bootproto=none without IPv6 disables IPv4 and leaves IPv6 automatic', (t) => {
  const content = contentOf(t, 'name=eth1,hwaddr=52:54:00:aa:00:20,bootproto=none');
  t.true(content?.endsWith('[ipv4]\nmethod=disabled\n\n[ipv6]\nmethod=auto\n'), content);
});

test('defroute=no on a static NIC drops the gateway and sets never-default', (t) => {
  const content = contentOf(t, 'name=eth1,hwaddr=52:54:00:aa:00:21,ipaddr=10.0.0.5/24,gateway=10.0.0.1,defroute=no');
  t.true(content?.includes('[ipv4]\nmethod=manual\naddress1=10.0.0.5/24\nnever-default=true\n'), content);
});

test('the profile uuid depends only on the name, so re-rendering is stable', (t) => {
  const a = contentOf(t, 'name=eth1,hwaddr=52:54:00:aa:00:22');
  const b = contentOf(t, 'name=eth1,hwaddr=52:54:00:aa:00:23');
  t.is(/uuid=(.*)/.exec(a ?? '')?.[1], 'e5c6e213-f984-5972-9853-af974738ec0c');
  t.is(/uuid=(.*)/.exec(b ?? '')?.[1], 'e5c6e213-f984-5972-9853-af974738ec0c');
});
