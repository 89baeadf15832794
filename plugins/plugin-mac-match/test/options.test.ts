// --nic-network parsing, and reading the user's --network options out of virt-install argv.

import test from 'ava';
import { UsageError } from '@rejviz/core';
import { parseNicNetworkOption, withoutUserNetworks } from '../src/index.js';
import { userNetworksOf } from './fixtures.js';

test('--nic-network NIC=NETWORK', (t) => {
  t.deepEqual(parseNicNetworkOption('eth1=rejviz-isolated'), { nic: 'eth1', network: 'rejviz-isolated' });
  t.deepEqual(parseNicNetworkOption('eth0=a=b'), { nic: 'eth0', network: 'a=b' });
});

test('--nic-network errors name the option, the value and the fix', (t) => {
  const cases: [string, string][] = [
    ['eth1', "--nic-network 'eth1': not NIC=NETWORK; write --nic-network NIC=NETWORK, e.g. eth1=rejviz-isolated"],
    ['=lab', "--nic-network '=lab': the NIC name is empty; write --nic-network NIC=NETWORK, e.g. eth1=rejviz-isolated"],
    ['eth1=', "--nic-network 'eth1=': the network name is empty; write --nic-network NIC=NETWORK, e.g. eth1=rejviz-isolated"],
    ['a-very-long-interface=lab', "--nic-network 'a-very-long-interface=lab': 'a-very-long-interface' is not a guest interface name (1-15 chars of [A-Za-z0-9_.-], not all digits); write --nic-network NIC=NETWORK, e.g. eth1=rejviz-isolated"],
    ['eth1=a/b', "--nic-network 'eth1=a/b': 'a/b' is not a libvirt network name; write --nic-network NIC=NETWORK, e.g. eth1=rejviz-isolated"],
  ];
  for (const [value, message] of cases) t.throws(() => parseNicNetworkOption(value), { instanceOf: UsageError, message }, value);
});

test('every spelling argparse accepts for --network is found, with its argv positions', (t) => {
  const args = ['--name', 'vm', '--network', 'network=lab,mac=52:54:00:AA:00:01', '--network=bridge=br0', '-w', 'user', '-wnetwork=x', '-w=network=y', '--netw', 'default', '--ne=network:old', '--', '--network', 'z'];
  const found = userNetworksOf(args);
  t.deepEqual(found.map((u) => [u.value, u.argvIndexes, u.type, u.source, u.mac]), [
    ['network=lab,mac=52:54:00:AA:00:01', [2, 3], 'network', 'lab', '52:54:00:aa:00:01'],
    ['bridge=br0', [4], 'bridge', 'br0', null],
    ['user', [5, 6], 'user', null, null],
    ['network=x', [7], 'network', 'x', null],
    ['network=y', [8], 'network', 'y', null],
    ['default', [9, 10], 'default', null, null],
    ['network:old', [11], 'network', 'old', null],
  ]);
  t.deepEqual(withoutUserNetworks(args, found), ['--name', 'vm', '--', '--network', 'z']);
});

test('sub-options: aliases, mac=RANDOM, type= with source=, quoted commas, none', (t) => {
  const [a, b, c, d] = userNetworksOf([
    '--network', 'type=network,source=lab,mac.address=52-54-00-0a-0b-0c,model.type=e1000',
    '--network', 'network=lab,mac=RANDOM,model=virtio',
    '--network', 'network="a,b",mac=52:54:00:1:2:3',
    '--network', 'none',
  ]);
  t.deepEqual([a?.type, a?.source, a?.mac, a?.model], ['network', 'lab', '52:54:00:0a:0b:0c', 'e1000']);
  t.deepEqual([b?.mac, b?.model], [null, 'virtio']);
  t.deepEqual([c?.source, c?.mac], ['a,b', '52:54:00:01:02:03']);
  t.true(d?.none);
});

test('bad --network values and the deprecated NIC options are usage errors', (t) => {
  const cases: [string[], RegExp][] = [
    [['--network'], /^--network: missing value; write --network network=NAME,mac=MAC,model=virtio$/],
    [['--network', '--name'], /^--network: missing value/],
    [['--network', 'network=lab,mac=52:54:00'], /^--network 'network=lab,mac=52:54:00': mac='52:54:00' is not a MAC address/],
    [['--network', 'network="lab'], /^--network 'network="lab': has no closing "/],
    [['--mac', '52:54:00:00:00:01'], /^--mac: virt-install's deprecated --mac conflicts with the --network options rejviz-install adds/],
    [['-bbr0'], /^-bbr0: virt-install's deprecated --bridge conflicts/],
    [['--nonet'], /^--nonet: virt-install's deprecated --nonetworks conflicts/],
  ];
  for (const [args, message] of cases) t.throws(() => userNetworksOf(args), { instanceOf: UsageError, message }, args.join(' '));
  // Not ours: --machine, and --n/--ma are ambiguous to argparse (virt-install itself complains).
  t.deepEqual(userNetworksOf(['--machine', 'q35', '--n', 'x', '--ma', 'y', '--memory', '256']), []);
});
