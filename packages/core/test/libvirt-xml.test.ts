// The libvirt XML readers, on XML recorded from virsh -c test:///default and on malformed input.

import test from 'ava';
import { UsageError } from '@rejviz/core';
import { libvirtFixture as fixture } from '@rejviz/test-support';
import { parseDomainInterfaces, parseDomainXml, parseNetworkXml } from '../src/libvirt-xml/index.js';
import { parseXml } from '../src/libvirt-xml/xml-tree.js';

const NET = {
  default: parseNetworkXml(fixture('default-network.xml')),
  lab: parseNetworkXml(fixture('rejviz-lab-network.xml')),
  wide: parseNetworkXml(fixture('rejviz-wide-network.xml')),
  isolated: parseNetworkXml(fixture('isolated-network.xml')),
};

test('every fixture names the virsh version it was recorded with (or says it is hand-written)', (t) => {
  for (const name of ['default-network.xml', 'rejviz-lab-network.xml', 'rejviz-wide-network.xml', 'test-domain.xml', 'rejviz-other-domain.xml']) {
    t.regex(fixture(name).split('\n')[0] ?? '', /^<!-- recorded from: virsh -c test:\/\/\/default ".*" \(virsh --version: \d+\.\d+\.\d+\) -->$/, name);
  }
  t.regex(fixture('isolated-network.xml').split('\n')[0] ?? '', /^<!-- hand-written like the isolated network scripts\/host-setup defines/);
});

test("the test driver's default network: NAT, virbr0, 192.168.122.0/24 with DHCP", (t) => {
  t.deepEqual(NET.default, {
    name: 'default',
    bridge: 'virbr0',
    forwardMode: 'nat',
    ips: [{ family: 'ipv4', address: '192.168.122.1', prefix: 24, cidr: '192.168.122.0/24', dhcpRanges: [{ start: '192.168.122.2', end: '192.168.122.254' }], dhcpHosts: [] }],
  });
});

test('a routed dual-stack network: prefix= for both families, a DHCP range each, the IPv4 reservation', (t) => {
  t.deepEqual(NET.lab, {
    name: 'rejviz-lab',
    bridge: 'rjvlab0',
    forwardMode: 'route',
    ips: [
      { family: 'ipv4', address: '198.51.100.1', prefix: 24, cidr: '198.51.100.0/24', dhcpRanges: [{ start: '198.51.100.100', end: '198.51.100.199' }], dhcpHosts: [{ ip: '198.51.100.9', mac: '52:54:00:aa:00:09', name: null }] },
      { family: 'ipv6', address: '2001:db8:ca2:2::1', prefix: 64, cidr: '2001:db8:ca2:2::/64', dhcpRanges: [{ start: '2001:db8:ca2:2::100', end: '2001:db8:ca2:2::1ff' }], dhcpHosts: [] },
    ],
  });
});

test('no <forward> is isolated (null), with or without an <ip>; netmask= becomes a prefix', (t) => {
  t.deepEqual(NET.isolated, { name: 'rejviz-isolated', bridge: 'rjviso0', forwardMode: null, ips: [] });
  t.is(NET.wide.forwardMode, null);
  t.deepEqual(NET.wide.ips.map((ip) => [ip.cidr, ip.prefix]), [['198.51.0.0/16', 16]]);
});

test('<forward/> without mode= is NAT, and an <ip> without prefix gets libvirt\'s default', (t) => {
  const net = parseNetworkXml(`<network><name>n</name><forward/><ip address='10.1.2.1'/><ip family='ipv6' address='fd00::1'/></network>`);
  t.is(net.forwardMode, 'nat');
  t.deepEqual(net.ips.map((ip) => ip.cidr), ['10.0.0.0/8', 'fd00::/64']);
});

test("libvirt's default prefixes are classful for IPv4 (class D has none) and /64 for IPv6; prefix='0' means not given", (t) => {
  const cidrs = (ips: string) => parseNetworkXml(`<network><name>n</name>${ips}</network>`).ips.map((ip) => ip.cidr);
  t.deepEqual(cidrs("<ip address='10.1.2.3'/><ip address='172.16.0.1'/><ip address='192.168.1.1'/><ip address='0.0.0.0'/>"), ['10.0.0.0/8', '172.16.0.0/16', '192.168.1.0/24', '0.0.0.0/0']);
  t.deepEqual(cidrs("<ip address='192.168.1.1' prefix='0'/><ip family='ipv6' address='fd00::1' prefix='0'/>"), ['192.168.1.0/24', 'fd00::/64']);
  t.throws(() => cidrs("<ip address='224.0.0.1'/>"), { message: /<ip address='224\.0\.0\.1'> needs prefix= or netmask= \(no classful default\)/ });
});

test('bad network XML is a one-line input error naming what produces good input', (t) => {
  const cases: [string, RegExp][] = [
    ['<network><name>n</name>', /^network XML: malformed XML \(<network> is not closed on line 1\); pass the output of virsh net-dumpxml NAME$/],
    ['<domain><name>d</name></domain>', /root element is <domain>, not <network>/],
    ['<network><ip address="10.0.0.1"/></network>', /<network> has no <name>/],
    ["<network><name>n</name><ip address='10.0.0.300' prefix='24'/></network>", /network n: <ip address='10.0.0.300'> is not an IPv4 address/],
    ["<network><name>n</name><ip address='10.0.0.1' netmask='255.0.255.0'/></network>", /has an invalid netmask/],
    ["<network><name>n</name><ip family='ipv6' address='fd00::1' prefix='129'/></network>", /has an invalid prefix/],
    ["<network><name>n</name><ip address='10.0.0.1' prefix='24'><dhcp><range start='10.0.0.9'/></dhcp></ip></network>", /DHCP <range start='10.0.0.9' end=''>/],
  ];
  for (const [xml, message] of cases) {
    const err = t.throws(() => parseNetworkXml(xml), { instanceOf: UsageError, message }, xml);
    t.is(err?.code, 'RJV-INPUT');
  }
});

test("a recorded domain's interfaces: network, bridge and user, MACs lowercased by libvirt", (t) => {
  t.deepEqual(parseDomainXml(fixture('rejviz-other-domain.xml')), {
    name: 'rejviz-other',
    interfaces: [
      { mac: '52:54:00:aa:00:02', type: 'network', source: 'rejviz-lab', model: 'virtio' },
      { mac: '52:54:00:aa:00:03', type: 'bridge', source: 'br0', model: 'e1000' },
      { mac: '52:54:00:aa:00:04', type: 'user', source: null, model: null },
    ],
  });
  t.deepEqual(parseDomainInterfaces(fixture('test-domain.xml')), [{ mac: 'aa:bb:cc:dd:ee:ff', type: 'network', source: 'default', model: null }]);
});

test('only <devices> children are interfaces; a domain without devices has none', (t) => {
  const xml = `<domain><name>d</name><metadata><interface type='network'><mac address='52:54:00:00:00:01'/></interface></metadata>
    <devices><interface type='direct'><mac address='52:54:00:00:00:02'/><source dev='eth0' mode='bridge'/></interface></devices></domain>`;
  t.deepEqual(parseDomainInterfaces(xml), [{ mac: '52:54:00:00:00:02', type: 'direct', source: 'eth0', model: null }]);
  t.deepEqual(parseDomainXml('<domain><name>d</name></domain>'), { name: 'd', interfaces: [] });
});

test('the XML reader decodes entities, skips comments, prologs and CDATA markers, and rejects junk', (t) => {
  const root = parseXml(`<?xml version="1.0"?>\n<!-- c --><a x="&lt;&amp;&#65;&#x42;&apos;"><b>t&gt;<![CDATA[<raw>]]></b><c/></a>\n`);
  t.is(root.attributes.get('x'), "<&AB'");
  t.deepEqual(root.children.map((c) => [c.name, c.text]), [['b', 't><raw>'], ['c', '']]);
  for (const bad of ['<a></b>', '<a x=1/>', '<a x="1" x="2"/>', '<a>&nbsp;</a>', '<a/><b/>', 'text', '<a x="<"/>', '']) {
    t.throws(() => parseXml(bad), { name: 'XmlSyntaxError' }, bad);
  }
});
