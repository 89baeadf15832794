// nic/ipv4.ts arithmetic: strict parsing and mask/prefix conversions.

import test from 'ava';
import { broadcastOf, formatIpv4, maskToPrefix, networkOf, parseIpv4, prefixToMask } from '../src/nic/ipv4.js';

test('parseIpv4 accepts only strict dotted quads', (t) => {
  t.is(parseIpv4('192.168.122.15'), 0xc0a87a0f);
  t.is(parseIpv4('255.255.255.255'), 0xffffffff);
  for (const bad of ['256.0.0.1', '1.2.3', '01.2.3.4', '1.2.3.4 ', '1..2.3', '+1.2.3.4']) t.is(parseIpv4(bad), undefined, bad);
});

test('prefix and mask convert both ways; holes are detected', (t) => {
  t.deepEqual([0, 1, 24, 31, 32].map((p) => formatIpv4(prefixToMask(p))), ['0.0.0.0', '128.0.0.0', '255.255.255.0', '255.255.255.254', '255.255.255.255']);
  t.deepEqual([0, 24, 32].map((p) => maskToPrefix(prefixToMask(p))), [0, 24, 32]);
  t.is(maskToPrefix(parseIpv4('255.0.255.0')!), undefined);
});

test('network and broadcast of a subnet', (t) => {
  const a = parseIpv4('172.16.5.10')!;
  t.is(formatIpv4(networkOf(a, 20)), '172.16.0.0');
  t.is(formatIpv4(broadcastOf(a, 20)), '172.16.15.255');
});
