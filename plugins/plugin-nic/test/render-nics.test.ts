// renderNics dispatch and the cloud-init disable file.

import test from 'ava';
import {
  renderCloudInitDisable, renderEni, renderIfcfg, renderKeyfile, renderNetplan, renderNetworkd, renderNics, type NicFormat,
} from '../src/index.js';
import { DHCP_BESIDE_STATIC, planned } from './nic-fixtures.js';

test('renderNics dispatches every format to its renderer', (t) => {
  const direct: Record<NicFormat, typeof renderIfcfg> = {
    ifcfg: renderIfcfg, keyfile: renderKeyfile, netplan: renderNetplan, eni: renderEni, networkd: renderNetworkd,
  };
  for (const [format, render] of Object.entries(direct) as Array<[NicFormat, typeof renderIfcfg]>) {
    t.deepEqual(renderNics(format, DHCP_BESIDE_STATIC), render(DHCP_BESIDE_STATIC), format);
  }
});

test('every format keeps the DNS servers of a DHCP NIC (both families)', (t) => {
  const nics = planned('name=eth0,hwaddr=52:54:00:aa:00:09,bootproto=dhcp,dns1=1.1.1.1,dns2=2001:db8::53');
  const expected: Record<NicFormat, string[]> = {
    ifcfg: ['BOOTPROTO=dhcp', 'DNS1=1.1.1.1', 'DNS2=2001:db8::53'],
    keyfile: ['method=auto\ndns=1.1.1.1;', 'method=auto\ndns=2001:db8::53;'],
    netplan: ['dhcp4: true', '- 1.1.1.1', '- "2001:db8::53"'],
    eni: ['iface eth0 inet dhcp\n    dns-nameservers 1.1.1.1 2001:db8::53'],
    networkd: ['DHCP=ipv4', 'DNS=1.1.1.1\nDNS=2001:db8::53'],
  };
  for (const [format, parts] of Object.entries(expected) as Array<[NicFormat, string[]]>) {
    const text = renderNics(format, nics).map((f) => f.content).join('\n');
    for (const part of parts) t.true(text.includes(part), `${format} lacks ${JSON.stringify(part)}:\n${text}`);
  }
});

test('renderNics passes the ENI layout through', (t) => {
  t.deepEqual(renderNics('eni', DHCP_BESIDE_STATIC, { eniLayout: 'interfaces' }).map((f) => f.path), ['/etc/network/interfaces']);
});

test('the cloud-init file disables cloud-init network config', (t) => {
  t.deepEqual(renderCloudInitDisable(), {
    path: '/etc/cloud/cloud.cfg.d/99-disable-network-config.cfg',
    mode: 0o644,
    owner: 'root',
    uid: 0,
    gid: 0,
    content: '# Written by rejviz: the network is configured by --nic.\nnetwork: {config: disabled}\n',
  });
});
