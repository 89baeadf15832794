// The one IP module (nic/ip-address.ts): the strict and lenient readings, prefixes and netmasks,
// subnet arithmetic and the address classes the NIC rules refuse.
import test from 'ava';
import {
  addressInRange, addressPlus, broadcastOf, inSubnet, isLinkLocal, isNetworkOrBroadcast, netmaskToPrefix, parseIp, parsePrefix, prefixToNetmask,
  relateSubnets, subnetOf, unusableReason, type IpAddress, type SubnetRelation,
} from '../src/nic/index.js';

const cidr = (text: string): IpAddress => {
  const [address = '', prefix = ''] = text.split('/');
  return { address, prefix: Number(prefix) };
};

test('strict: only a bare dotted quad or IPv6 literal, IPv6 made canonical', (t) => {
  t.is(parseIp('192.168.122.15'), '192.168.122.15');
  t.is(parseIp('255.255.255.255'), '255.255.255.255');
  t.is(parseIp('2001:DB8:0:0::5'), '2001:db8::5');
  t.is(parseIp('::ffff:192.0.2.1'), '::ffff:192.0.2.1', 'an embedded IPv4 part stays dotted');
  t.is(parseIp('2001:DB8:0:0::192.0.2.1'), '2001:db8::192.0.2.1');
  for (const bad of ['256.0.0.1', '1.2.3', '01.2.3.4', '010.0.0.1', '1.2.3.4 ', ' 1.2.3.4', '1..2.3', '+1.2.3.4', '1.2.3.4/24', '2001:db8::1/64', 'fe80::1%eth0', '2001:db8:::1', '', 'eth0']) {
    t.is(parseIp(bad), undefined, JSON.stringify(bad));
  }
});

test('a family, when given, must match', (t) => {
  t.is(parseIp('10.0.0.1', 'strict', 4), '10.0.0.1');
  t.is(parseIp('10.0.0.1', 'strict', 6), undefined);
  t.is(parseIp('2001:db8::1', 'strict', 4), undefined);
  t.is(parseIp(' fe80::1%eth0 ', 'lenient', 4), undefined);
});

test('lenient: blanks around the text and an IPv6 %zone are ignored; the dotted quad stays strict', (t) => {
  t.is(parseIp(' 10.0.0.1\t', 'lenient'), '10.0.0.1');
  t.is(parseIp('FE80::1%eth0', 'lenient'), 'fe80::1');
  t.is(parseIp('fe80::1%eth0', 'lenient', 6), 'fe80::1');
  for (const bad of ['010.0.0.1', '10.1', '10.0.0.1/24', '10.0.0.1%eth0', 'x']) t.is(parseIp(bad, 'lenient'), undefined, bad);
});

test('prefix lengths: strict is 1..max without sign or leading zero; lenient allows 0, leading zeros and blanks', (t) => {
  t.deepEqual(['1', '24', '32', '33', '0', '024', '+24', ' 24', ''].map((p) => parsePrefix(p, 4)), [1, 24, 32, undefined, undefined, undefined, undefined, undefined, undefined]);
  t.deepEqual(['64', '128', '129'].map((p) => parsePrefix(p, 6)), [64, 128, undefined]);
  t.deepEqual(['0', '024', ' 24 ', '33', 'x'].map((p) => parsePrefix(p, 4, 'lenient')), [0, 24, 24, undefined, undefined]);
});

test('netmasks convert to prefixes and back; a mask with holes is none', (t) => {
  t.deepEqual([0, 1, 24, 31, 32].map(prefixToNetmask), ['0.0.0.0', '128.0.0.0', '255.255.255.0', '255.255.255.254', '255.255.255.255']);
  t.deepEqual(['255.255.255.0', '255.255.0.0', '255.255.255.255', '0.0.0.0', '255.0.255.0', '255.255.255', ' 255.255.255.0'].map((m) => netmaskToPrefix(m)), [24, 16, 32, 0, undefined, undefined, undefined]);
  t.is(netmaskToPrefix(' 255.255.255.0 ', 'lenient'), 24);
});

test('subnet, broadcast, network-or-broadcast', (t) => {
  t.deepEqual(subnetOf(cidr('172.16.5.10/20')), cidr('172.16.0.0/20'));
  t.deepEqual(subnetOf(cidr('2001:db8:ca2:2::1/64')), cidr('2001:db8:ca2:2::/64'));
  t.is(broadcastOf(cidr('172.16.5.10/20')), '172.16.15.255');
  t.true(isNetworkOrBroadcast(cidr('192.168.1.0/24')));
  t.true(isNetworkOrBroadcast(cidr('192.168.1.255/24')));
  t.false(isNetworkOrBroadcast(cidr('192.168.1.1/24')));
  t.false(isNetworkOrBroadcast(cidr('192.168.1.0/31')), '/31 has no network or broadcast address');
  t.false(isNetworkOrBroadcast(cidr('2001:db8::/64')), 'IPv6 has no broadcast');
});

test('inSubnet is false across families', (t) => {
  t.true(inSubnet('10.0.0.200', cidr('10.0.0.5/24')));
  t.false(inSubnet('10.0.1.1', cidr('10.0.0.5/24')));
  t.true(inSubnet('2001:db8::ffff', cidr('2001:db8::5/64')));
  t.false(inSubnet('::ffff:10.0.0.1', cidr('10.0.0.5/24')));
});

test('relateSubnets: inside only when the whole inner subnet lies in the outer one', (t) => {
  const cases: [string, string, SubnetRelation][] = [
    ['192.168.122.15/24', '192.168.122.0/24', 'inside'],
    ['192.168.122.15/25', '192.168.122.0/24', 'inside'],
    ['192.168.122.15/32', '192.168.122.1/24', 'inside'],
    ['192.168.122.15/16', '192.168.122.0/24', 'partial'],
    ['10.0.0.5/8', '10.1.0.0/16', 'partial'],
    ['10.0.0.5/24', '10.1.0.0/16', 'apart'],
    ['2001:db8:ca2:2::20/64', '2001:db8:ca2:2::/64', 'inside'],
    ['2001:db8:ca2:2::20/48', '2001:db8:ca2:2::/64', 'partial'],
    ['2001:db8:ca2:3::20/64', '2001:db8:ca2:2::/64', 'apart'],
    ['10.0.0.5/24', 'a00::/8', 'apart'],
  ];
  for (const [inner, outer, relation] of cases) t.is(relateSubnets(cidr(inner), cidr(outer)), relation, `${inner} vs ${outer}`);
});

test('addressInRange compares within one family, bounds included', (t) => {
  t.true(addressInRange('192.168.122.100', '192.168.122.2', '192.168.122.254'));
  t.true(addressInRange('192.168.122.2', '192.168.122.2', '192.168.122.254'));
  t.false(addressInRange('192.168.122.1', '192.168.122.2', '192.168.122.254'));
  t.true(addressInRange('2001:db8::1ff', '2001:db8::100', '2001:db8::1ff'));
  t.false(addressInRange('::ffff:192.168.122.9', '192.168.122.2', '192.168.122.254'));
});

test('addresses no host may use, and link-local ones', (t) => {
  t.is(unusableReason('0.1.2.3'), 'is in 0.0.0.0/8 ("this network")');
  t.is(unusableReason('127.0.0.2'), 'is a loopback address');
  t.is(unusableReason('239.1.1.1'), 'is a multicast address');
  t.is(unusableReason('255.255.255.255'), 'is reserved or the broadcast address');
  t.is(unusableReason('::'), 'is the unspecified address');
  t.is(unusableReason('::1'), 'is the loopback address');
  t.is(unusableReason('ff02::1'), 'is a multicast address');
  t.is(unusableReason('::ffff:10.0.0.1'), 'is an IPv4-mapped address');
  for (const fine of ['10.0.0.1', '223.255.255.254', '2001:db8::1', 'fe80::1']) t.is(unusableReason(fine), undefined, fine);
  t.true(isLinkLocal('169.254.3.4'));
  t.true(isLinkLocal('fe80::1'));
  t.false(isLinkLocal('169.255.0.1'));
  t.false(isLinkLocal('fec0::1'));
});

test('addressPlus counts on across octets and groups, and stops at the end of the family', (t) => {
  t.is(addressPlus('198.51.100.254', 2), '198.51.101.0');
  t.is(addressPlus('198.51.100.10', 0), '198.51.100.10');
  t.is(addressPlus('198.51.100.10', -10), '198.51.100.0');
  t.is(addressPlus('255.255.255.255', 1), undefined);
  t.is(addressPlus('0.0.0.0', -1), undefined);
  t.is(addressPlus('fd00::ffff', 1), 'fd00::1:0');
  t.is(addressPlus('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 1n), undefined);
});
