// The address parser behind the network-config checks and on-link decisions.

import test from 'ava';
import { inSubnet, isIpv6LinkLocal, parseCidr, parseIp, parseIpv6 } from '../src/ip-literal.js';

test('IPv6 forms', (t) => {
  t.is(parseIpv6('::'), 0n);
  t.is(parseIpv6('::1'), 1n);
  t.is(parseIpv6('2001:db8::'), 0x20010db8n << 96n);
  t.is(parseIpv6('::ffff:192.0.2.1'), 0xffffc0000201n);
  t.is(parseIpv6('1:2:3:4:5:6:7:8'), 0x00010002000300040005000600070008n);
  for (const bad of ['1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', 'fe80::1%eth0', '1.2.3.4::', ':1:2:3:4:5:6:7', 'g::1', '1:2:3:4:5:6:7::8']) {
    t.is(parseIpv6(bad), undefined, bad);
  }
});

test('IPv4 is strict', (t) => {
  t.deepEqual(parseIp('192.0.2.1'), { family: 4, value: 0xc0000201n });
  for (const bad of ['1.2.3', '256.1.1.1', '01.2.3.4', ' 1.2.3.4', '1.2.3.4.5']) t.is(parseIp(bad), undefined, bad);
});

test('subnets and link-local', (t) => {
  const net = parseCidr('10.0.0.5/24')!;
  t.true(inSubnet(parseIp('10.0.0.1')!, net));
  t.false(inSubnet(parseIp('10.0.1.1')!, net));
  t.false(inSubnet(parseIp('::1')!, net));
  t.false(inSubnet(parseIp('203.0.113.1')!, parseCidr('203.0.113.15/32')!));
  t.true(inSubnet(parseIp('2001:db8::1')!, parseCidr('2001:db8::5/64')!));
  t.true(isIpv6LinkLocal(parseIp('fe80::1')!));
  t.true(isIpv6LinkLocal(parseIp('febf::1')!));
  t.false(isIpv6LinkLocal(parseIp('fec0::1')!));
  t.is(parseCidr('10.0.0.5/0'), undefined);
  t.is(parseCidr('2001:db8::5/129'), undefined);
  t.is(parseCidr('10.0.0.5/024'), undefined);
});
