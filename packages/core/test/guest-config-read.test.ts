// readGuestConfigs and GUEST_CONFIG_GLOBS: which parser reads which path, ordering, shadowed and
// duplicate files, and that no guest content makes a parser throw.
import test from 'ava';
import { GUEST_CONFIG_GLOBS, guestConfigKind, readGuestConfigs, type GuestConfigFile, type GuestConfigKind } from '../src/guest-config/index.js';

const file = (path: string, content: string): GuestConfigFile => ({ path, content });

test('every glob is absolute, and a path matching each glob is read by some parser', (t) => {
  for (const glob of GUEST_CONFIG_GLOBS) {
    t.true(glob.startsWith('/'), glob);
    t.not(guestConfigKind(glob.replace('*', 'x1')), null, glob);
  }
});

test('paths are dispatched by directory and name; leftovers and unknown files are skipped', (t) => {
  const kinds: Record<string, GuestConfigKind | null> = {
    '/etc/sysconfig/network-scripts/ifcfg-eth0': 'ifcfg',
    '/etc/sysconfig/network-scripts/ifcfg-eth0.bak': null,
    '/etc/sysconfig/network-scripts/ifcfg-eth0.rpmnew': null,
    '/etc/sysconfig/network-scripts/route-eth0': null,
    '/etc/sysconfig/network/ifcfg-eth0': 'ifcfg',
    '/etc/NetworkManager/system-connections/eth0.nmconnection': 'keyfile',
    '/etc/NetworkManager/system-connections/Wired connection 1': 'keyfile',
    '/etc/NetworkManager/system-connections/eth0.nmconnection~': null,
    '/etc/NetworkManager/system-connections/.hidden': null,
    '/run/NetworkManager/system-connections/eth0': null,
    '/usr/lib/NetworkManager/system-connections/eth0.nmconnection': 'keyfile',
    '/lib/netplan/00-default.yaml': 'netplan',
    '/etc/netplan/50-cloud-init.yaml': 'netplan',
    '/etc/netplan/50-cloud-init.yaml.dpkg-old': null,
    '/etc/network/interfaces': 'eni',
    '/etc/network/interfaces.d/60-rejviz-eth1': 'eni',
    '/usr/lib/systemd/network/80-dhcp.network': 'networkd',
    '/etc/systemd/network/10-lan0.link': 'networkd-link',
    '/etc/systemd/network/10-lan0.netdev': null,
    '/etc/cloud/cloud.cfg': 'cloud-init',
    '/etc/cloud/cloud.cfg.d/99-disable-network-config.cfg': 'cloud-init',
    'seed:/network-config': 'cloud-init',
    '/etc/udev/rules.d/70-persistent-net.rules': 'udev',
    '/etc/hostname': null,
  };
  for (const [path, kind] of Object.entries(kinds)) t.is(guestConfigKind(path), kind, path);
});

test('configs come ordered by path, then by position in the file; busybox picks the ENI dialect', (t) => {
  const configs = readGuestConfigs([
    file('/etc/network/interfaces', 'iface eth1 inet dhcp\niface eth0 inet dhcp\n'),
    file('/etc/hostname', 'guest\n'),
    file('/etc/netplan/10-a.yaml', 'network:\n  version: 2\n  ethernets:\n    eth9: {dhcp4: true}\n'),
  ], { busybox: true });
  t.deepEqual(configs.map((c) => [c.file, c.name, c.format]), [
    ['/etc/netplan/10-a.yaml', 'eth9', 'netplan'],
    ['/etc/network/interfaces', 'eth1', 'busybox-eni'],
    ['/etc/network/interfaces', 'eth0', 'busybox-eni'],
  ]);
});

test('a file shadowed by a same-named one of higher priority gives only a note; an empty one masks', (t) => {
  const configs = readGuestConfigs([
    file('/usr/lib/systemd/network/80-dhcp.network', '[Match]\nName=en*\n[Network]\nDHCP=yes\n'),
    file('/etc/systemd/network/80-dhcp.network', ''),
    file('/etc/netplan/50-cloud-init.yaml', 'network:\n  version: 2\n  ethernets:\n    eth0: {dhcp4: true}\n'),
    file('/run/netplan/50-cloud-init.yaml', 'network:\n  version: 2\n  ethernets:\n    eth0: {dhcp4: false}\n'),
  ]);
  t.deepEqual(configs.map((c) => [c.file, c.bootproto, c.notes]), [
    ['/etc/netplan/50-cloud-init.yaml', null, ['/etc/netplan/50-cloud-init.yaml: shadowed by /run/netplan/50-cloud-init.yaml, which has the same name; not read']],
    ['/run/netplan/50-cloud-init.yaml', 'none', []],
    ['/usr/lib/systemd/network/80-dhcp.network', null, ['/usr/lib/systemd/network/80-dhcp.network: shadowed by /etc/systemd/network/80-dhcp.network, which has the same name; not read']],
  ]);
});

test('on merged-/usr guests the same file read through /lib and /usr/lib counts once', (t) => {
  const content = '[Match]\nMACAddress=52:54:00:00:00:01\n[Network]\nDHCP=yes\n';
  const configs = readGuestConfigs([file('/lib/systemd/network/10-x.network', content), file('/usr/lib/systemd/network/10-x.network', content)]);
  t.deepEqual(configs.map((c) => [c.file, c.notes]), [['/usr/lib/systemd/network/10-x.network', []]]);
});

test('no guest content makes a parser throw', (t) => {
  const samples = ['', '\0\0\0', '[', ']]]', '=', '"', "'", '\\', '{', '- - -', 'network:\n  ethernets:\n    eth0:\n      addresses: {a: b}\n',
    'network: {version: 2, ethernets: {eth0: {match: [1], addresses: 5, routes: {to: 1}, nameservers: 3, mtu: [], set-name: {}}}}',
    'network: {version: 1, config: [{type: physical, subnets: [{type: static, address: [], routes: 7}]}, 5, null]}',
    'version: 1\nconfig: {}\n', 'iface\niface eth0 inet\n  address\n  netmask\n  hwaddress\n', 'IPADDR=\nPREFIX=99\nDNS1=\nHWADDR="\n',
    '[Match]\n[Network]\nAddress=/\nGateway=\n[Route]\nGateway=::/0\n', 'ATTR{address}=="", NAME=""', 'x'.repeat(100000),
    // Deep nesting used to exhaust the YAML parser's stack.
    '- '.repeat(30000), '['.repeat(30000), 'a:\n' + ' '.repeat(600) + 'b: 1\n'];
  const paths = ['/etc/sysconfig/network-scripts/ifcfg-eth0', '/etc/sysconfig/network/ifcfg-eth0', '/etc/NetworkManager/system-connections/a',
    '/etc/netplan/a.yaml', '/etc/network/interfaces', '/etc/systemd/network/a.network', '/etc/systemd/network/a.link',
    '/etc/cloud/cloud.cfg', 'seed:/network-config', '/etc/udev/rules.d/a.rules'];
  for (const path of paths) {
    for (const content of samples) {
      t.notThrows(() => readGuestConfigs([{ path, content, mode: 0o777 }]), `${path} ${JSON.stringify(content.slice(0, 40))}`);
      t.notThrows(() => readGuestConfigs([{ path, content }], { busybox: true }));
    }
  }
});
