// Real-parser check: netplan itself must accept every network-config we render, as cloud-init
// hands it over: under a top-level `network:` key in /etc/netplan/50-cloud-init.yaml (mode 0600).
// Host set-up (Debian/Ubuntu): apt-get install -y --no-install-recommends netplan.io

import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import type { ManifestNic } from '@rejviz/core';
import { NETPLAN, netplanAccepts, netplanGenerate, testNeeding } from '@rejviz/test-support';
import { renderNetworkConfig } from '../src/index.js';
import { NICS } from './fixtures.js';

const test = testNeeding([NETPLAN]);

/** What cloud-init's netplan renderer writes for a version 2 network-config (passthrough). */
const asNetplanFile = (config: string) => `network:\n${config.replace(/^(?=.)/gm, '  ')}`;
const CLOUD_INIT_FILE = '/etc/netplan/50-cloud-init.yaml';

/** Renders `nics` as cloud-init passes them to netplan and checks what netplan generate makes of it. */
async function accepted(t: ExecutionContext, nics: ManifestNic[], expected: Record<string, string[]>): Promise<void> {
  await netplanAccepts(t, asNetplanFile(renderNetworkConfig(nics)), CLOUD_INIT_FILE, expected);
}

test('netplan accepts static IPv4 with a gateway', (t) =>
  accepted(t, [NICS.staticIpv4], { eth1: ['PermanentMACAddress=52:54:00:aa:00:01', 'Address=192.168.122.15/24', 'Destination=0.0.0.0/0', 'Gateway=192.168.122.1'] }));

test('netplan accepts DHCP', (t) => accepted(t, [NICS.dhcp], { eth0: ['PermanentMACAddress=52:54:00:aa:00:02', 'DHCP=ipv4'] }));

test('netplan accepts /32 with an on-link gateway', (t) =>
  accepted(t, [NICS.hostRoute], { eth1: ['Address=203.0.113.15/32', 'Gateway=203.0.113.1', 'GatewayOnLink=true'] }));

test('netplan accepts an off-subnet on-link gateway', (t) =>
  accepted(t, [NICS.offSubnet], { eth1: ['Address=192.168.1.5/24', 'Gateway=10.9.9.1', 'GatewayOnLink=true'] }));

test('netplan accepts dual stack', (t) =>
  accepted(t, [NICS.dualStack], { eth1: ['Address=10.0.0.5/24', 'Address=2001:db8::5/64', 'Gateway=10.0.0.1', 'Gateway=2001:db8::1', 'IPv6AcceptRA=no'] }));

test('netplan accepts IPv6 only on a /128', (t) =>
  accepted(t, [NICS.ipv6Only], { eth2: ['Address=2001:db8:1::15/128', 'Gateway=2001:db8:1::1', 'GatewayOnLink=true', 'IPv6AcceptRA=no'] }));

test('netplan accepts MTU and DNS', (t) =>
  accepted(t, [NICS.mtuDns], { eth1: ['MTUBytes=9000', 'Address=172.16.0.10/16', 'Gateway=172.16.0.1', 'DNS=172.16.0.2', 'DNS=2001:db8::53'] }));

test('netplan accepts two NICs, the DHCP one refusing the leased routes', (t) =>
  accepted(t, [NICS.dhcp, NICS.staticIpv4], { eth0: ['DHCP=ipv4', 'UseRoutes=false'], eth1: ['Address=192.168.122.15/24', 'Gateway=192.168.122.1'] }));

test('netplan accepts the empty config and configures nothing', async (t) => {
  const { root, stderr } = await netplanGenerate(asNetplanFile(renderNetworkConfig([])), CLOUD_INIT_FILE);
  try {
    t.is(stderr, '');
    const files = await readdir(join(root, 'run/systemd/network')).catch(() => []);
    t.deepEqual(files, []);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('the harness fails on YAML netplan rejects (negative control)', async (t) => {
  const error = await t.throwsAsync(netplanGenerate(renderNetworkConfig([NICS.dhcp]), CLOUD_INIT_FILE));
  t.regex(String((error as { stderr?: string } | undefined)?.stderr), /unknown key 'version'/);
});
