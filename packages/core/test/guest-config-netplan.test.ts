// parseNetplan: netplan YAML, from netplan's own examples/ and hand-made edge cases.
import test from 'ava';
import { parseNetplan } from '../src/guest-config/index.js';
import { addrs, nicConfig } from './guest-config-fixtures.js';

const PATH = '/etc/netplan/01-netcfg.yaml';
const netplan = (content: string, mode = 0o600) => parseNetplan({ path: PATH, content, mode });

test('netplan examples/static.yaml: the id is the name, gateway4, nameservers', (t) => {
  t.deepEqual(netplan(`network:
  version: 2
  renderer: networkd
  ethernets:
    enp3s0:
      addresses:
        - 10.10.10.2/24
      gateway4: 10.10.10.1
      nameservers:
        search: [mydomain, otherdomain]
        addresses: [10.10.10.1, 1.1.1.1]
`), [nicConfig({
    format: 'netplan', file: PATH, name: 'enp3s0', bootproto: 'static', addresses: addrs('10.10.10.2/24'), gateway: '10.10.10.1', dns: ['10.10.10.1', '1.1.1.1'],
  })]);
});

test('netplan examples/static_multiaddress.yaml: two addresses and a `to: default` route', (t) => {
  t.like(netplan(`network:
  version: 2
  renderer: networkd
  ethernets:
    enp3s0:
     addresses:
       - 10.100.1.38/24
       - 10.100.1.39/24
     routes:
       - to: default
         via: 10.100.1.1
`)[0], { name: 'enp3s0', bootproto: 'static', addresses: addrs('10.100.1.38/24', '10.100.1.39/24'), gateway: '10.100.1.1', notes: [] });
});

test('netplan examples/direct_connect_gateway_ipv6.yaml: an IPv6 default route via an on-link gateway', (t) => {
  t.like(netplan(`network:
  version: 2
  renderer: networkd
  ethernets:
    eth0:
      addresses: [ "2001:cafe:face:beef::dead:dead/64" ]
      routes:
        - to: "::/0"
          via: "2001:cafe:face::1"
          on-link: true
`)[0], { name: 'eth0', bootproto: 'none', addresses: addrs('2001:cafe:face:beef::dead:dead/64'), gateway: null, gateway6: '2001:cafe:face::1', notes: [] });
});

test('match: with set-name names the NIC; match.name alone is a pattern; match without a name leaves none', (t) => {
  const configs = netplan(`network:
  version: 2
  ethernets:
    id0:
      match:
        macaddress: "52:54:00:AA:00:01"
      set-name: lan0
      dhcp4: yes
    all-en:
      match:
        name: "en*"
      dhcp4: true
      optional: true
    byname:
      match:
        name: eth3
      mtu: 1500
    bydriver:
      match:
        driver: ixgbe
`);
  t.deepEqual(configs.map((c) => [c.name, c.nameIsGlob, c.mac, c.bootproto, c.mtu]), [
    ['lan0', false, '52:54:00:aa:00:01', 'dhcp', null],
    ['en*', true, null, 'dhcp', null],
    ['eth3', false, null, 'none', 1500],
    [null, false, null, 'none', null],
  ]);
});

test('addresses may be mappings with lifetime/label; YAML 1.1 booleans; an alias is followed', (t) => {
  const configs = netplan(`network:
  version: 2
  ethernets:
    eth0:
      dhcp4: off
      addresses:
        - "10.0.0.5/24":
            lifetime: 0
            label: "eth0:lab"
      nameservers: &dns
        addresses: [10.0.0.53]
    eth1:
      dhcp4: on
      nameservers: *dns
`);
  t.like(configs[0], { bootproto: 'static', addresses: addrs('10.0.0.5/24'), dns: ['10.0.0.53'], notes: [] });
  t.like(configs[1], { bootproto: 'dhcp', dns: ['10.0.0.53'], notes: [] });
});

test('problems are noted with their line: bad MAC, missing prefix, netmask after /, set-name without match, conflicting gateways', (t) => {
  const [config] = netplan(`network:
  version: 2
  ethernets:
    eth0:
      set-name: lan0
      dhcp4: maybe
      macaddress: 52:54:00:00:00:01
      addresses:
        - 10.0.0.5
        - 192.168.1.10/255.255.255.0
      gateway4: 10.0.0.1
      routes:
        - to: 0.0.0.0/0
          via: 10.0.0.254
      mtu: big
    eth1:
      match:
        macaddress: "52:54:00:00:00"
`);
  t.deepEqual(config?.notes, [
    `${PATH}:5: ethernets.eth0: 'set-name:' requires 'match:' properties`,
    `${PATH}:9: ethernets.eth0: addresses: 10.0.0.5 has no prefix or netmask; the prefix is not given`,
    `${PATH}:10: ethernets.eth0: addresses: '192.168.1.10/255.255.255.0' has a netmask after '/'; netplan wants a prefix length`,
    `${PATH}:13: ethernets.eth0: default route via 10.0.0.254 conflicts with the default gateway 10.0.0.1 given before; using 10.0.0.1`,
    `${PATH}:15: ethernets.eth0: mtu 'big' is not a number`,
    `${PATH}:6: ethernets.eth0: dhcp4 'maybe' is not a boolean`,
  ]);
  t.deepEqual(config?.addresses, addrs('10.0.0.5', '192.168.1.10/24'));
  t.is(config?.mac, null, 'a top-level macaddress: sets the MAC; it does not bind');
  t.is(config?.name, 'lan0');
});

test('a file with a YAML error configures nothing: netplan refuses it', (t) => {
  const configs = netplan('network:\n  ethernets:\n    eth0: [\n');
  t.is(configs.length, 1);
  t.like(configs[0], { name: null, mac: null, bootproto: null });
  t.regex(configs[0]?.notes[0] ?? '', /^\/etc\/netplan\/01-netcfg\.yaml:\d+: YAML: /);
  t.is(configs[0]?.notes.at(-1), `${PATH}: netplan refuses this file, and with it the whole netplan configuration`);
});

test('empty files, no network:, another version, open permissions', (t) => {
  t.deepEqual(netplan(''), []);
  t.deepEqual(netplan('# nothing here\n'), []);
  t.deepEqual(netplan('foo: 1\n')[0]?.notes, [`${PATH}:1: no top-level network: key`]);
  t.deepEqual(netplan('network:\n  version: 3\n  ethernets:\n    eth0: {dhcp4: true}\n')[0]?.notes, [`${PATH}:2: network.version is 3; netplan reads version 2 only`]);
  t.deepEqual(netplan('network:\n  version: 2\n  ethernets:\n    eth0: {dhcp4: true}\n', 0o644)[0]?.notes, [
    `${PATH}: mode 0644: netplan warns the permissions are too open (wants 0600)`,
  ]);
  t.deepEqual(netplan('network:\n  version: 2\n  ethernets: [eth0]\n')[0]?.notes, [`${PATH}:3: network.ethernets is not a mapping`]);
});
