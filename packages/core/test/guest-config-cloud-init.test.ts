// parseCloudInit and cloudInitNetworkDisabled: cloud-init network config v1 and v2 from cloud-init's
// docs (doc/examples/network-config-v1-*.yaml, network-config-format-v2.rst) and NoCloud seeds.
import test from 'ava';
import { cloudInitNetworkDisabled, parseCloudInit } from '../src/guest-config/index.js';
import { addrs, nicConfig } from './guest-config-fixtures.js';

const CFG = '/etc/cloud/cloud.cfg.d/50-custom-networking.cfg';
const cfg = (content: string, path = CFG) => parseCloudInit({ path, content });

test('v1 docs, physical with 3 NICs: names, quoted MACs, MTU; no subnets means no IPv4', (t) => {
  const configs = cfg(`network:
  version: 1
  config:
    # Simple network adapter
    - type: physical
      name: interface0
      mac_address: '00:11:22:33:44:55'
    # Second nic with Jumbo frames
    - type: physical
      name: jumbo0
      mac_address: 'aa:11:22:33:44:55'
      mtu: 9000
    # 10G pair
    - type: physical
      name: gbe0
      mac_address: 'cd:11:22:33:44:00'
    - type: physical
      name: gbe1
      mac_address: 'cd:11:22:33:44:02'
`);
  t.deepEqual(configs.map((c) => [c.name, c.mac, c.mtu, c.bootproto]), [
    ['interface0', '00:11:22:33:44:55', null, 'none'],
    ['jumbo0', 'aa:11:22:33:44:55', 9000, 'none'],
    ['gbe0', 'cd:11:22:33:44:00', null, 'none'],
    ['gbe1', 'cd:11:22:33:44:02', null, 'none'],
  ]);
});

test('v1 docs, subnet static and multiple subnets (DHCP plus a static alias)', (t) => {
  const stat = cfg(`network:
  version: 1
  config:
    - type: physical
      name: interface0
      mac_address: '00:11:22:33:44:55'
      subnets:
        - type: static
          address: 192.168.23.14/27
          gateway: 192.168.23.1
          dns_nameservers:
            - 192.168.23.2
            - 8.8.8.8
          dns_search:
            - exemplary.maas
`);
  t.deepEqual(stat, [nicConfig({
    format: 'cloud-init', file: CFG, name: 'interface0', mac: '00:11:22:33:44:55', bootproto: 'static',
    addresses: addrs('192.168.23.14/27'), gateway: '192.168.23.1', dns: ['192.168.23.2', '8.8.8.8'],
  })]);
  const multiple = cfg(`network:
  version: 1
  config:
    - type: physical
      name: interface0
      mac_address: '00:11:22:33:44:55'
      subnets:
        - type: dhcp
        - type: static
          address: 192.168.23.14/27
          gateway: 192.168.23.1
`);
  t.like(multiple[0], { bootproto: 'dhcp', addresses: addrs('192.168.23.14/27'), gateway: '192.168.23.1' });
});

test('v1 docs, physical DHCP without MAC; netmask, static6, nameserver entries and default routes', (t) => {
  t.like(cfg('network:\n  version: 1\n  config:\n  - type: physical\n    name: eth0\n    subnets:\n      - type: dhcp\n\n\n')[0], { name: 'eth0', mac: null, bootproto: 'dhcp' });
  const [config] = cfg(`network:
  version: 1
  config:
    - type: physical
      name: eth1
      mac_address: "52:54:00:12:34:00"
      subnets:
        - type: static
          address: 10.0.0.2
          netmask: 255.255.255.0
          routes:
            - network: 0.0.0.0
              netmask: 0.0.0.0
              gateway: 10.0.0.1
        - type: static6
          address: 2001:db8::2/64
          gateway: 2001:db8::1
        - type: ipv6_slaac
    - type: nameserver
      interface: eth1
      address: [10.0.0.53]
    - type: bond
      name: bond0
`);
  t.like(config, { bootproto: 'static', addresses: addrs('10.0.0.2/24', '2001:db8::2/64'), gateway: '10.0.0.1', gateway6: '2001:db8::1', dns: ['10.0.0.53'], notes: [] });
});

test('v2 docs, the complex example: opaque ids, set-name, a name pattern; bonds, bridges and VLANs are no NICs', (t) => {
  const configs = cfg(`network:
  version: 2
  ethernets:
    # opaque ID for physical interfaces, only referred to by other stanzas
    id0:
      match:
        macaddress: '00:11:22:33:44:55'
      wakeonlan: true
      dhcp4: true
      addresses:
        - 192.168.14.2/24
        - 2001:1::1/64
      gateway4: 192.168.14.1
      gateway6: 2001:1::2
      nameservers:
        search: [foo.local, bar.local]
        addresses: [8.8.8.8]
      # static routes
      routes:
        - to: 192.0.2.0/24
          via: 11.0.0.1
          metric: 3
    lom:
      match:
        driver: ixgbe
      # you are responsible for setting tight enough match rules
      # that only match one device if you use set-name
      set-name: lom1
      dhcp6: true
    switchports:
      # all cards on second PCI bus; unconfigured by themselves, will be added
      # to br0 below
      match:
        name: enp2*
      mtu: 1280
  bonds:
    bond0:
      interfaces: [id0, lom]
  bridges:
    # the key name is the name for virtual (created) interfaces; no match: and
    # set-name: allowed
    br0:
      # IDs of the components; switchports expands into multiple interfaces
      interfaces: [wlp1s0, switchports]
      dhcp4: true
  vlans:
    en-intra:
      id: 1
      link: id0
      dhcp4: yes
`);
  t.deepEqual(configs, [
    nicConfig({
      format: 'cloud-init', file: CFG, mac: '00:11:22:33:44:55', bootproto: 'dhcp', addresses: addrs('192.168.14.2/24', '2001:1::1/64'),
      gateway: '192.168.14.1', gateway6: '2001:1::2', dns: ['8.8.8.8'],
    }),
    nicConfig({ format: 'cloud-init', file: CFG, name: 'lom1', bootproto: 'none' }),
    nicConfig({ format: 'cloud-init', file: CFG, name: 'enp2*', nameIsGlob: true, bootproto: 'none', mtu: 1280 }),
  ]);
});

test('a NoCloud seed network-config: the top level may be the config itself or wrapped in network:', (t) => {
  const bare = parseCloudInit({ path: 'seed:/network-config', content: 'version: 2\nethernets:\n  eth0:\n    dhcp4: true\n' });
  const wrapped = parseCloudInit({ path: 'seed:/network-config', content: 'network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n' });
  t.deepEqual(bare.map((c) => [c.name, c.bootproto]), [['eth0', 'dhcp']]);
  t.deepEqual(wrapped.map((c) => [c.name, c.bootproto]), [['eth0', 'dhcp']]);
  t.deepEqual(cfg('version: 2\nethernets:\n  eth0:\n    dhcp4: true\n'), [], 'in cloud.cfg.d only network: counts');
});

test('an unquoted all-digit MAC is noted: cloud-init (YAML 1.1) reads it as a number', (t) => {
  const [config] = cfg('network:\n  version: 1\n  config:\n    - type: physical\n      name: eth0\n      mac_address: 52:54:00:12:34:56\n');
  t.is(config?.mac, '52:54:00:12:34:56');
  t.deepEqual(config?.notes, [`${CFG}:6: cloud-init (YAML 1.1) reads the unquoted MAC 52:54:00:12:34:56 as a number; quote it`]);
});

test('no network key, disabled network, unknown version, YAML errors', (t) => {
  t.deepEqual(cfg('#cloud-config\nusers: [default]\n', '/etc/cloud/cloud.cfg'), []);
  t.deepEqual(cfg('network: {config: disabled}\n'), []);
  t.deepEqual(cfg('network:\n  version: 3\n')[0]?.notes, [`${CFG}:2: network config version 3: cloud-init reads 1 or 2`]);
  t.deepEqual(cfg('network:\n  version: 1\n  config: nope\n')[0]?.notes, [`${CFG}:2: network config version 1 without a config: list`]);
  t.is(cfg('network: {version: 2\n')[0]?.notes.at(-1), `${CFG}: cloud-init cannot read this file`);
});

test('cloudInitNetworkDisabled names the file that disables cloud-init networking', (t) => {
  const file = (path: string, content: string) => ({ path, content });
  t.is(cloudInitNetworkDisabled([]), null);
  t.is(cloudInitNetworkDisabled([
    file('/etc/cloud/cloud.cfg', '#cloud-config\nusers: [default]\n'),
    file('/etc/cloud/cloud.cfg.d/99-disable-network-config.cfg', '# Written by rejviz\nnetwork: {config: disabled}\n'),
    file('/etc/netplan/50-cloud-init.yaml', 'network: {config: disabled}\n'),
  ]), '/etc/cloud/cloud.cfg.d/99-disable-network-config.cfg');
  t.is(cloudInitNetworkDisabled([file('seed:/network-config', 'config: disabled\n')]), 'seed:/network-config');
  t.is(cloudInitNetworkDisabled([file('/etc/cloud/cloud.cfg.d/99-x.cfg', 'network: {config: disabled\n')]), null);
});
