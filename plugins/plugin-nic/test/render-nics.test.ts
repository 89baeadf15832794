// renderNics dispatch and the cloud-init disable file.

import test from 'ava';
import {
  renderCloudInitDisable, renderEni, renderIfcfg, renderKeyfile, renderNetplan, renderNetworkd, renderNics, type NicFormat,
} from '../src/index.js';
import { DHCP_BESIDE_STATIC } from './nic-fixtures.js';

test('renderNics dispatches every format to its renderer', (t) => {
  const direct: Record<NicFormat, typeof renderIfcfg> = {
    ifcfg: renderIfcfg, keyfile: renderKeyfile, netplan: renderNetplan, eni: renderEni, networkd: renderNetworkd,
  };
  for (const [format, render] of Object.entries(direct) as Array<[NicFormat, typeof renderIfcfg]>) {
    t.deepEqual(renderNics(format, DHCP_BESIDE_STATIC), render(DHCP_BESIDE_STATIC), format);
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
