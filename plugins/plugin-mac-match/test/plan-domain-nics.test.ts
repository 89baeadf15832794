// planDomainNics: which network each guest NIC gets, the exact --network argv, and the usage errors.

import test from 'ava';
import { UsageError } from '@rejviz/core';
import { parseNicNetworkOption, planDomainNics, type PlanDomainNicsInput } from '../src/index.js';
import { DOMAINS, NET, network, nic, userNetworksOf } from './fixtures.js';

const NETWORKS = [NET.default, NET.lab, NET.wide, NET.isolated];

function plan(over: Partial<PlanDomainNicsInput> & { nicNetwork?: string[]; userArgs?: string[] }) {
  return planDomainNics({
    manifestNics: [],
    networks: NETWORKS,
    otherDomains: DOMAINS,
    ...over,
    nicNetworks: (over.nicNetwork ?? []).map(parseNicNetworkOption),
    userNetworkArgs: userNetworksOf(over.userArgs ?? []),
  });
}

const net = (name: string, mac: string) => ['--network', `network=${name},mac=${mac},model=virtio`];

test('1 NIC with DHCP (no static address) goes to the default network', (t) => {
  const result = plan({ manifestNics: [nic('eth0', '52:54:00:bb:00:01')] });
  t.deepEqual(result.args, net('default', '52:54:00:bb:00:01'));
  t.deepEqual(result.nics, [{ guestName: 'eth0', mac: '52:54:00:bb:00:01', network: 'default', source: 'default' }]);
  t.deepEqual(result.warnings, []);
});

test('2 NICs matched by subnet, in guest order', (t) => {
  const result = plan({ manifestNics: [nic('eth0', '52:54:00:bb:00:01', '192.168.122.15/24'), nic('eth1', '52:54:00:bb:00:02', '198.51.100.20/24')] });
  t.deepEqual(result.args, [...net('default', '52:54:00:bb:00:01'), ...net('rejviz-lab', '52:54:00:bb:00:02')]);
  t.deepEqual(result.nics.map((n) => [n.guestName, n.network, n.source]), [['eth0', 'default', 'subnet'], ['eth1', 'rejviz-lab', 'subnet']]);
  // libvirt's default network leases .2-.254, so a static .15 there may collide with a lease.
  t.deepEqual(result.warnings, [
    'NIC eth0 on network default: 192.168.122.15/24 lies in the DHCP range 192.168.122.2-192.168.122.254, so libvirt may lease it to another guest',
  ]);
});

test('3 NICs: --nic-network, --default-network and subnet, each recorded as the source', (t) => {
  const result = plan({
    manifestNics: [nic('eth0', '52:54:00:bb:00:01'), nic('eth1', '52:54:00:bb:00:02', '203.0.113.11/24'), nic('eth2', '52:54:00:bb:00:03', '198.51.100.30/24')],
    nicNetwork: ['eth1=rejviz-isolated'],
    defaultNetwork: 'rejviz-isolated',
  });
  t.deepEqual(result.args, [
    ...net('rejviz-isolated', '52:54:00:bb:00:01'),
    ...net('rejviz-isolated', '52:54:00:bb:00:02'),
    ...net('rejviz-lab', '52:54:00:bb:00:03'),
  ]);
  t.deepEqual(result.nics.map((n) => n.source), ['default', 'option', 'subnet']);
  t.deepEqual(result.warnings, ['NIC eth0 on network rejviz-isolated: the NIC uses DHCP but the network serves no DHCP range, so it will get no address']);
});

test('4 NICs, one given by the user (matched by mac=), and an extra user --network kept after them', (t) => {
  const result = plan({
    manifestNics: [
      nic('eth0', '52:54:00:bb:00:01', '198.51.100.20/24'),
      nic('eth1', '52:54:00:BB:00:02'),
      nic('eth2', '52:54:00:bb:00:03', '2001:db8:ca2:2::20/64'),
      nic('eth3', '52:54:00:bb:00:04', '203.0.113.14/24'),
    ],
    nicNetwork: ['eth3=rejviz-isolated'],
    userArgs: ['--name', 'vm', '--network', 'bridge=br0,mac=52:54:00:bb:00:02', '-w', 'network=default,mac=52:54:00:cc:00:01,model=virtio'],
  });
  t.deepEqual(result.args, [
    ...net('rejviz-lab', '52:54:00:bb:00:01'),
    '--network', 'bridge=br0,mac=52:54:00:bb:00:02',
    ...net('rejviz-lab', '52:54:00:bb:00:03'),
    ...net('rejviz-isolated', '52:54:00:bb:00:04'),
    '--network', 'network=default,mac=52:54:00:cc:00:01,model=virtio',
  ]);
  t.deepEqual(result.nics, [
    { guestName: 'eth0', mac: '52:54:00:bb:00:01', network: 'rejviz-lab', source: 'subnet' },
    { guestName: 'eth1', mac: '52:54:00:bb:00:02', network: null, source: 'user' },
    { guestName: 'eth2', mac: '52:54:00:bb:00:03', network: 'rejviz-lab', source: 'subnet' },
    { guestName: 'eth3', mac: '52:54:00:bb:00:04', network: 'rejviz-isolated', source: 'option' },
  ]);
  t.deepEqual(result.warnings, [
    '--network network=default,mac=52:54:00:cc:00:01,model=virtio: mac=52:54:00:cc:00:01 is none of the image NICs (eth0 52:54:00:bb:00:01, eth1 52:54:00:bb:00:02, eth2 52:54:00:bb:00:03, eth3 52:54:00:bb:00:04); kept as an extra NIC after them',
  ]);
});

test('a user --network for a NIC wins over --nic-network, with a warning', (t) => {
  const result = plan({
    manifestNics: [nic('eth0', '52:54:00:bb:00:01', '198.51.100.150/24')],
    nicNetwork: ['eth0=rejviz-isolated'],
    userArgs: ['--network=network=rejviz-lab,mac=52:54:00:bb:00:01,model=virtio'],
  });
  t.deepEqual(result.args, ['--network', 'network=rejviz-lab,mac=52:54:00:bb:00:01,model=virtio']);
  t.deepEqual(result.nics, [{ guestName: 'eth0', mac: '52:54:00:bb:00:01', network: 'rejviz-lab', source: 'user' }]);
  t.deepEqual(result.warnings, [
    "--nic-network eth0=rejviz-isolated is ignored: --network network=rejviz-lab,mac=52:54:00:bb:00:01,model=virtio gives NIC eth0's MAC and wins",
    'NIC eth0 on network rejviz-lab: 198.51.100.150/24 lies in the DHCP range 198.51.100.100-198.51.100.199, so libvirt may lease it to another guest',
  ]);
});

test('a user --network without mac= is an extra NIC, never matched by position', (t) => {
  const result = plan({ manifestNics: [nic('eth0', '52:54:00:bb:00:01')], userArgs: ['--network', 'network=rejviz-isolated'] });
  t.deepEqual(result.args, [...net('default', '52:54:00:bb:00:01'), '--network', 'network=rejviz-isolated']);
  t.deepEqual(result.warnings, ['--network network=rejviz-isolated: has no mac=, so it is none of the image NICs (eth0 52:54:00:bb:00:01); kept as an extra NIC after them']);
});

test('IPv6: a static address inside a network\'s IPv6 subnet picks that network', (t) => {
  const result = plan({ manifestNics: [nic('eth0', '52:54:00:bb:00:01', '2001:db8:ca2:2:0:0:0:20/64')] });
  t.deepEqual(result.args, net('rejviz-lab', '52:54:00:bb:00:01'));
  t.is(result.nics[0]?.source, 'subnet');
});

test('two containing networks: the most specific prefix wins (/24 over /16)', (t) => {
  const result = plan({ manifestNics: [nic('eth0', '52:54:00:bb:00:01', '198.51.100.20/24')] });
  t.deepEqual(result.args, net('rejviz-lab', '52:54:00:bb:00:01'));
  const wideOnly = plan({ manifestNics: [nic('eth0', '52:54:00:bb:00:01', '198.51.7.20/24')] });
  t.deepEqual(wideOnly.args, net('rejviz-wide', '52:54:00:bb:00:01'));
});

test('two equally specific networks are a usage error asking for --nic-network', (t) => {
  t.throws(() => plan({ manifestNics: [nic('eth0', '52:54:00:bb:00:01', '198.51.100.20/24')], networks: [...NETWORKS, network('lab-copy', '198.51.100.0/24')] }), {
    instanceOf: UsageError,
    message: 'NIC eth0: 198.51.100.20/24 lies in equally specific /24 subnets of networks rejviz-lab, lab-copy; pass --nic-network eth0=NETWORK to choose one',
  });
});

test('a network that only partly overlaps the NIC\'s subnet is never chosen', (t) => {
  // 198.51.100.20/16 is wider than rejviz-lab's /24 but fits rejviz-wide's /16.
  const result = plan({ manifestNics: [nic('eth0', '52:54:00:bb:00:01', '198.51.100.20/16')] });
  t.deepEqual(result.args, net('rejviz-wide', '52:54:00:bb:00:01'));
  t.deepEqual(result.warnings, ['NIC eth0: 198.51.100.20/16 only partly overlaps 198.51.100.0/24 of network rejviz-lab, so it is not matched to it']);
  // Without a containing network it falls to the default network, with the same warning.
  const fallback = plan({ manifestNics: [nic('eth0', '52:54:00:bb:00:01', '198.51.100.20/16')], networks: [NET.lab, NET.isolated], defaultNetwork: 'rejviz-isolated' });
  t.deepEqual(fallback.args, net('rejviz-isolated', '52:54:00:bb:00:01'));
  t.is(fallback.nics[0]?.source, 'default');
  t.is(fallback.warnings.length, 1);
});

test('addresses pointing at different networks are a usage error', (t) => {
  t.throws(() => plan({ manifestNics: [nic('eth0', '52:54:00:bb:00:01', '192.168.122.15/24', '2001:db8:ca2:2::20/64')] }), {
    instanceOf: UsageError,
    message: 'NIC eth0: its addresses point at different networks (192.168.122.15/24 in default, 2001:db8:ca2:2::20/64 in rejviz-lab); pass --nic-network eth0=NETWORK to choose one',
  });
});

test('an unknown network in --nic-network lists the known networks', (t) => {
  t.throws(() => plan({ manifestNics: [nic('eth0', '52:54:00:bb:00:01')], nicNetwork: ['eth0=labnet'] }), {
    instanceOf: UsageError,
    message: "--nic-network eth0=labnet: no libvirt network 'labnet' (known: default, rejviz-isolated, rejviz-lab, rejviz-wide); name a defined network or define it with virsh net-define",
  });
});

test('--nic-network for a NIC the image does not have, or twice for one NIC', (t) => {
  const manifestNics = [nic('eth0', '52:54:00:bb:00:01')];
  t.throws(() => plan({ manifestNics, nicNetwork: ['eth1=default'] }), {
    message: "--nic-network eth1=default: the image has no NIC eth1 (its NICs are eth0); name one of the image's NICs",
  });
  t.throws(() => plan({ manifestNics, nicNetwork: ['eth0=default', 'eth0=rejviz-lab'] }), {
    message: '--nic-network eth0=rejviz-lab: NIC eth0 was already given --nic-network eth0=default; give each NIC once',
  });
});

test('a missing default network is never chosen', (t) => {
  t.throws(() => plan({ manifestNics: [nic('eth0', '52:54:00:bb:00:01')], networks: [NET.isolated] }), {
    instanceOf: UsageError,
    message: "NIC eth0: it has no static address, and --default-network 'default' does not exist (known: rejviz-isolated); pass --nic-network eth0=NETWORK or --default-network NETWORK",
  });
});

test('a MAC used by another defined domain is reported with the NIC, the MAC and the domain', (t) => {
  const manifestNics = [nic('eth0', '52:54:00:bb:00:01'), nic('eth1', '52:54:00:AA:00:02'), nic('eth2', '52:54:00:aa:00:03')];
  t.throws(() => plan({ manifestNics }), {
    instanceOf: UsageError,
    message: "NIC eth1: MAC 52:54:00:aa:00:02 is in use by domain 'rejviz-other' (and 1 more MAC in use); rebuild the image with another hwaddr for eth1, or undefine 'rejviz-other'",
  });
  t.throws(() => plan({ manifestNics: [], userArgs: ['--network', 'network=default,mac=AA:BB:CC:DD:EE:FF'] }), {
    message: "--network network=default,mac=AA:BB:CC:DD:EE:FF: MAC aa:bb:cc:dd:ee:ff is in use by domain 'test'; pick another mac=, or undefine 'test'",
  });
  const unchecked = plan({ manifestNics: manifestNics.slice(0, 2), checkMacInUse: false });
  t.deepEqual(unchecked.warnings, [
    "NIC eth1: MAC 52:54:00:aa:00:02 is in use by domain 'rejviz-other'; rebuild the image with another hwaddr for eth1, or undefine 'rejviz-other' (--check mac_in_use=off)",
  ]);
});

test('no NICs at all gives --network none; --network none with NICs is refused', (t) => {
  t.deepEqual(plan({}).args, ['--network', 'none']);
  t.throws(() => plan({ manifestNics: [nic('eth0', '52:54:00:bb:00:01')], userArgs: ['--network', 'none'] }), {
    message: '--network none: the image has NICs (eth0 52:54:00:bb:00:01) and rejviz-install adds them itself; drop --network none',
  });
});

test('two user --network options with the same MAC are refused', (t) => {
  t.throws(() => plan({ userArgs: ['--network', 'bridge=a,mac=52:54:00:cc:00:01', '--network', 'bridge=b,mac=52:54:00:CC:00:01'] }), {
    message: '--network bridge=a,mac=52:54:00:cc:00:01 and --network bridge=b,mac=52:54:00:CC:00:01 both give mac=52:54:00:cc:00:01; give each NIC its own MAC',
  });
});

test('warnings: the host\'s own address, and a static address outside the chosen network', (t) => {
  const result = plan({
    manifestNics: [nic('eth0', '52:54:00:bb:00:01', '192.168.122.1/24'), nic('eth1', '52:54:00:bb:00:02', '10.9.0.5/24')],
    nicNetwork: ['eth1=rejviz-lab'],
  });
  t.deepEqual(result.args, [...net('default', '52:54:00:bb:00:01'), ...net('rejviz-lab', '52:54:00:bb:00:02')]);
  t.deepEqual(result.warnings, [
    "NIC eth0 on network default: 192.168.122.1/24 is the host's own address on that network; choose another",
    "NIC eth1 on network rejviz-lab: 10.9.0.5/24 is outside the network's subnet (198.51.100.0/24); pass --nic-network eth1=NETWORK for a matching one",
  ]);
});

test('a network name that needs quoting in virt-install\'s comma syntax is quoted', (t) => {
  const result = plan({ manifestNics: [nic('eth0', '52:54:00:bb:00:01')], networks: [network('odd,name')], defaultNetwork: 'odd,name' });
  t.deepEqual(result.args, ['--network', 'network="odd,name",mac=52:54:00:bb:00:01,model=virtio']);
});
