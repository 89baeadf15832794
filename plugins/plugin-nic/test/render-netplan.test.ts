// Golden tests for render-netplan.ts: exact files for every NIC shape in nic-fixtures.ts.

import test from 'ava';
import { renderNetplan } from '../src/index.js';
import { goldenOf, type Golden } from './golden.js';
import { CASES, DHCP_BESIDE_STATIC, nicsOf, planned, type CaseName } from './nic-fixtures.js';

const GOLDEN: Record<CaseName | 'dhcpBesideStatic', Golden[]> = {
  staticIpv4: [
    ['/etc/netplan/60-rejviz.yaml', 0o600, `# Written by rejviz from --nic options.
network:
  version: 2
  ethernets:
    eth1:
      match:
        macaddress: "52:54:00:aa:00:01"
      set-name: eth1
      dhcp4: false
      dhcp6: true
      accept-ra: true
      addresses:
        - 192.168.122.15/24
      routes:
        - to: 0.0.0.0/0
          via: 192.168.122.1
`],
  ],
  dhcp: [
    ['/etc/netplan/60-rejviz.yaml', 0o600, `# Written by rejviz from --nic options.
network:
  version: 2
  ethernets:
    eth0:
      match:
        macaddress: "52:54:00:aa:00:02"
      set-name: eth0
      dhcp4: true
      dhcp6: true
      accept-ra: true
`],
  ],
  staticIpv6: [
    ['/etc/netplan/60-rejviz.yaml', 0o600, `# Written by rejviz from --nic options.
network:
  version: 2
  ethernets:
    eth1:
      match:
        macaddress: "52:54:00:aa:00:03"
      set-name: eth1
      dhcp4: false
      dhcp6: false
      accept-ra: false
      addresses:
        - "2001:db8:1::15/64"
      routes:
        - to: "::/0"
          via: "2001:db8:1::1"
`],
  ],
  dualStack: [
    ['/etc/netplan/60-rejviz.yaml', 0o600, `# Written by rejviz from --nic options.
network:
  version: 2
  ethernets:
    eth1:
      match:
        macaddress: "52:54:00:aa:00:04"
      set-name: eth1
      dhcp4: false
      dhcp6: false
      accept-ra: false
      addresses:
        - 10.0.0.5/24
        - "2001:db8::5/64"
      routes:
        - to: 0.0.0.0/0
          via: 10.0.0.1
        - to: "::/0"
          via: "2001:db8::1"
`],
  ],
  hostRoute: [
    ['/etc/netplan/60-rejviz.yaml', 0o600, `# Written by rejviz from --nic options.
network:
  version: 2
  ethernets:
    eth1:
      match:
        macaddress: "52:54:00:aa:00:05"
      set-name: eth1
      dhcp4: false
      dhcp6: true
      accept-ra: true
      addresses:
        - 203.0.113.15/32
      routes:
        - to: 0.0.0.0/0
          via: 203.0.113.1
          on-link: true
`],
  ],
  onlink: [
    ['/etc/netplan/60-rejviz.yaml', 0o600, `# Written by rejviz from --nic options.
network:
  version: 2
  ethernets:
    eth1:
      match:
        macaddress: "52:54:00:aa:00:06"
      set-name: eth1
      dhcp4: false
      dhcp6: true
      accept-ra: true
      addresses:
        - 192.168.1.5/24
      routes:
        - to: 0.0.0.0/0
          via: 10.9.9.1
          on-link: true
`],
  ],
  mtuDns: [
    ['/etc/netplan/60-rejviz.yaml', 0o600, `# Written by rejviz from --nic options.
network:
  version: 2
  ethernets:
    eth1:
      match:
        macaddress: "52:54:00:aa:00:07"
      set-name: eth1
      mtu: 9000
      dhcp4: false
      dhcp6: true
      accept-ra: true
      addresses:
        - 172.16.0.10/16
      routes:
        - to: 0.0.0.0/0
          via: 172.16.0.1
      nameservers:
        addresses:
          - 172.16.0.2
          - "2001:db8::53"
`],
  ],
  dhcpBesideStatic: [
    ['/etc/netplan/60-rejviz.yaml', 0o600, `# Written by rejviz from --nic options.
network:
  version: 2
  ethernets:
    eth0:
      match:
        macaddress: "52:54:00:aa:00:02"
      set-name: eth0
      dhcp4: true
      dhcp4-overrides:
        use-routes: false
      dhcp6: true
      dhcp6-overrides:
        use-routes: false
      accept-ra: true
    eth1:
      match:
        macaddress: "52:54:00:aa:00:01"
      set-name: eth1
      dhcp4: false
      dhcp6: true
      accept-ra: true
      addresses:
        - 192.168.122.15/24
      routes:
        - to: 0.0.0.0/0
          via: 192.168.122.1
`],
  ],
};

for (const name of Object.keys(CASES) as CaseName[]) {
  test(`${name}`, (t) => t.deepEqual(goldenOf(t, renderNetplan(nicsOf(name))), GOLDEN[name]));
}

test('a DHCP NIC beside a static gateway NIC does not take the DHCP default route', (t) => {
  t.deepEqual(goldenOf(t, renderNetplan(DHCP_BESIDE_STATIC)), GOLDEN.dhcpBesideStatic);
});

test('no NICs, no netplan file', (t) => {
  t.deepEqual(renderNetplan([]), []);
});

test('defroute=no on a DHCP NIC refuses the DHCP routes', (t) => {
  const content = goldenOf(t, renderNetplan(planned('name=eth0,hwaddr=52:54:00:aa:00:30,defroute=no')))[0]?.[2];
  t.true(content?.includes('      dhcp4: true\n      dhcp4-overrides:\n        use-routes: false\n'), content);
});
