// Real-parser check: netplan itself (`netplan generate --root-dir`) must accept the rendered YAML
// without warnings and produce the expected systemd-networkd files. Host set-up (Debian/Ubuntu):
// apt-get install -y --no-install-recommends netplan.io

import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { NETPLAN, netplanAccepts, netplanGenerate, testNeeding } from '@rejviz/test-support';
import { NETPLAN_PATH, renderNetplan, type NicSpec } from '../src/index.js';
import { CASES, DHCP_BESIDE_STATIC, nicsOf, planned, type CaseName } from './nic-fixtures.js';

const test = testNeeding([NETPLAN]);

/** Renders `nics` as /etc/netplan/60-rejviz.yaml and checks what netplan generate makes of it. */
async function accepted(t: ExecutionContext, nics: NicSpec[], expected: Record<string, string[]>): Promise<void> {
  const [file] = renderNetplan(nics);
  await netplanAccepts(t, file!.content, NETPLAN_PATH, expected);
}

const EXPECTED: Record<CaseName, string[]> = {
  staticIpv4: ['PermanentMACAddress=52:54:00:aa:00:01', 'Address=192.168.122.15/24', 'Destination=0.0.0.0/0', 'Gateway=192.168.122.1', 'DHCP=ipv6', 'IPv6AcceptRA=yes'],
  dhcp: ['PermanentMACAddress=52:54:00:aa:00:02', 'DHCP=yes', 'IPv6AcceptRA=yes'],
  staticIpv6: ['Address=2001:db8:1::15/64', 'IPv6AcceptRA=no', 'Destination=::/0', 'Gateway=2001:db8:1::1'],
  dualStack: ['Address=10.0.0.5/24', 'Address=2001:db8::5/64', 'Gateway=10.0.0.1', 'Gateway=2001:db8::1', 'IPv6AcceptRA=no'],
  hostRoute: ['Address=203.0.113.15/32', 'Gateway=203.0.113.1', 'GatewayOnLink=true'],
  onlink: ['Address=192.168.1.5/24', 'Gateway=10.9.9.1', 'GatewayOnLink=true'],
  mtuDns: ['MTUBytes=9000', 'Address=172.16.0.10/16', 'Gateway=172.16.0.1', 'DNS=172.16.0.2', 'DNS=2001:db8::53'],
};

for (const name of Object.keys(CASES) as CaseName[]) {
  test(`netplan generate accepts ${name}`, (t) => accepted(t, nicsOf(name), { [CASES[name].nic.name]: EXPECTED[name] }));
}

test('netplan generate accepts two NICs where DHCP yields the default route', (t) =>
  accepted(t, DHCP_BESIDE_STATIC, { eth0: ['DHCP=yes', 'UseRoutes=false'], eth1: EXPECTED.staticIpv4 }));

// Ubuntu desktop images render netplan with NetworkManager (a file of their own says
// `renderer: NetworkManager`). Automatic IPv6 must stay automatic there, as keyfiles say it: before,
// this NIC came out as method=manual with no address, a profile NetworkManager rejects whole.
test('under the NetworkManager renderer automatic IPv6 is method=auto, static IPv6 manual', async (t) => {
  const nics = planned('name=eth0,hwaddr=52:54:00:aa:00:50,ipaddr=192.0.2.5/24,dns1=2001:db8::53', 'name=eth1,hwaddr=52:54:00:aa:00:51,ip6addr=2001:db8:1::5/64');
  const [file] = renderNetplan(nics);
  const { root, stderr } = await netplanGenerate(`${file!.content}  renderer: NetworkManager\n`, NETPLAN_PATH);
  try {
    t.is(stderr, '');
    const ipv6 = async (name: string) => {
      const text = await readFile(join(root, `run/NetworkManager/system-connections/netplan-${name}.nmconnection`), 'utf8');
      return text.split('[ipv6]\n')[1]?.split('\n\n')[0] ?? '';
    };
    t.regex(await ipv6('eth0'), /^method=auto$/m);
    t.regex(await ipv6('eth1'), /^method=manual$/m);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('the harness fails on YAML netplan rejects (negative control)', async (t) => {
  const error = await t.throwsAsync(netplanGenerate('network:\n  version: 2\n  ethernets:\n    eth0:\n      set-name: eth9\n', NETPLAN_PATH));
  t.regex(String((error as { stderr?: string } | undefined)?.stderr), /requires 'match:'/);
});
