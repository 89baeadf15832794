// Subnet arithmetic: containment versus partial overlap, netmasks and libvirt's default prefixes.

import test from 'ava';
import { addressInRange, defaultPrefix, netmaskToPrefix, relateSubnets, subnetCidr, type SubnetRelation } from '../src/ip-subnet.js';

test('relateSubnets: inside only when the whole guest subnet is in the network', (t) => {
  const cases: [string, string, SubnetRelation][] = [
    ['192.168.122.15/24', '192.168.122.0/24', 'inside'],
    ['192.168.122.15/25', '192.168.122.0/24', 'inside'],
    ['192.168.122.15', '192.168.122.0/24', 'inside'],
    ['192.168.122.15/16', '192.168.122.0/24', 'partial'],
    ['10.0.0.5/8', '10.1.0.0/16', 'partial'],
    ['10.0.0.5/24', '10.1.0.0/16', 'apart'],
    ['2001:db8:ca2:2::20/64', '2001:db8:ca2:2::/64', 'inside'],
    ['2001:db8:ca2:2::20/48', '2001:db8:ca2:2::/64', 'partial'],
    ['2001:db8:ca2:3::20/64', '2001:db8:ca2:2::/64', 'apart'],
    ['10.0.0.5/24', 'a00::/8', 'apart'],
  ];
  for (const [guest, network, relation] of cases) t.is(relateSubnets(guest, network), relation, `${guest} vs ${network}`);
});

test('netmasks must be contiguous; libvirt defaults are classful for IPv4 and /64 for IPv6', (t) => {
  t.deepEqual(['255.255.255.0', '255.255.0.0', '255.255.255.255', '0.0.0.0', '255.0.255.0', '255.255.255'].map(netmaskToPrefix), [24, 16, 32, 0, undefined, undefined]);
  t.deepEqual(['10.1.2.3', '172.16.0.1', '192.168.1.1', '224.0.0.1', '0.0.0.0', 'fd00::1'].map(defaultPrefix), [8, 16, 24, undefined, 0, 64]);
});

test('subnetCidr clears host bits; addressInRange compares numerically within one family', (t) => {
  t.is(subnetCidr('192.168.122.1', 24), '192.168.122.0/24');
  t.is(subnetCidr('2001:db8:ca2:2::1', 64), '2001:db8:ca2:2::/64');
  t.true(addressInRange('192.168.122.100', '192.168.122.2', '192.168.122.254'));
  t.false(addressInRange('192.168.122.1', '192.168.122.2', '192.168.122.254'));
  t.true(addressInRange('2001:db8::1ff', '2001:db8::100', '2001:db8::1ff'));
  t.false(addressInRange('::ffff:192.168.122.9', '192.168.122.2', '192.168.122.254'));
});
