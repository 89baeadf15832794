// virsh domifaddr's table read into interfaces, and the addresses status reports of them. The
// tables are laid out as virsh 9.0.0 prints them (tools/virsh-domain-monitor.c, cmdDomIfAddr),
// blanks and the closing empty line included; the agent's rows are a Debian 12 guest's.
import test from 'ava';
import { parseDomifaddr, usableAddresses } from '../src/lifecycle/domifaddr-output.js';

const HEAD = ' Name       MAC address          Protocol     Address\n-------------------------------------------------------------------------------\n';

// --source agent without --full: further addresses of an interface on '-' rows.
const AGENT = `${HEAD} lo         00:00:00:00:00:00    ipv4         127.0.0.1/8
 -          -                    ipv6         ::1/128
 eth0       52:54:00:bb:00:01    ipv4         198.51.100.20/24
 -          -                    ipv6         2001:db8::20/64
 -          -                    ipv6         fe80::5054:ff:febb:1/64
 eth1       52:54:00:BB:00:02    ipv6         fe80::5054:ff:febb:2/64

`;

// The same with --full: every row names its interface.
const AGENT_FULL = `${HEAD} lo         00:00:00:00:00:00    ipv4         127.0.0.1/8
 lo         00:00:00:00:00:00    ipv6         ::1/128
 eth0       52:54:00:bb:00:01    ipv4         198.51.100.20/24
 eth0       52:54:00:bb:00:01    ipv6         2001:db8::20/64
 eth0       52:54:00:bb:00:01    ipv6         fe80::5054:ff:febb:1/64
 eth1       52:54:00:bb:00:02    ipv6         fe80::5054:ff:febb:2/64

`;

test('both forms of the agent table give the same interfaces, MACs in lowercase', (t) => {
  const expected = [
    { name: 'lo', mac: '00:00:00:00:00:00', addresses: ['127.0.0.1/8', '::1/128'] },
    { name: 'eth0', mac: '52:54:00:bb:00:01', addresses: ['198.51.100.20/24', '2001:db8::20/64', 'fe80::5054:ff:febb:1/64'] },
    { name: 'eth1', mac: '52:54:00:bb:00:02', addresses: ['fe80::5054:ff:febb:2/64'] },
  ];
  t.deepEqual(parseDomifaddr(AGENT), expected);
  t.deepEqual(parseDomifaddr(AGENT_FULL), expected);
});

test('an empty table (lease on a network without dnsmasq) and an error run (empty stdout) have no interfaces', (t) => {
  t.deepEqual(parseDomifaddr(`${HEAD}\n`), []);
  t.deepEqual(parseDomifaddr('\n'), []);
});

test('an interface without addresses (N/A) and one without a MAC are read too', (t) => {
  const text = `${HEAD} eth2       52:54:00:bb:00:03    N/A          N/A\n tun0                             ipv4         10.8.0.2/24\n\n`;
  t.deepEqual(parseDomifaddr(text), [{ name: 'eth2', mac: '52:54:00:bb:00:03', addresses: [] }, { name: 'tun0', mac: null, addresses: ['10.8.0.2/24'] }]);
});

test('loopback and link-local addresses are never reported; IPv4 comes first, each address once', (t) => {
  const [lo, eth0, eth1] = parseDomifaddr(AGENT);
  t.deepEqual(usableAddresses(lo!), []);
  t.deepEqual(usableAddresses(eth0!), ['198.51.100.20/24', '2001:db8::20/64']);
  t.deepEqual(usableAddresses(eth1!), []);
  t.deepEqual(usableAddresses({ name: 'x', mac: null, addresses: ['2001:DB8:0::7/64', '169.254.3.4/16', '203.0.113.7/24', '203.0.113.7/24', 'ff02::1/128', 'not-an-address/8'] }), ['203.0.113.7/24', '2001:db8::7/64']);
});
