// Planned NICs shared by the renderer tests, each with the --nic value that produces it
// (parse-nic.test.ts proves the pairing, so renderer goldens start from real parser output).

import { planNics, type IpAddress, type NicSpec } from '../src/index.js';

export interface NicCase {
  option: string;
  nic: NicSpec;
}

const base = { dns: [] as string[], ipv4: [] as IpAddress[], ipv6: [] as IpAddress[], macGenerated: false };

export const CASES = {
  staticIpv4: {
    option: 'name=eth1,hwaddr=52:54:00:aa:00:01,ipaddr=192.168.122.15/24,gateway=192.168.122.1',
    nic: { ...base, name: 'eth1', mac: '52:54:00:aa:00:01', bootproto: 'static', ipv4: [{ address: '192.168.122.15', prefix: 24 }], gateway4: '192.168.122.1' },
  },
  dhcp: {
    option: 'name=eth0,hwaddr=52:54:00:aa:00:02',
    nic: { ...base, name: 'eth0', mac: '52:54:00:aa:00:02', bootproto: 'dhcp' },
  },
  staticIpv6: {
    option: 'name=eth1,hwaddr=52:54:00:aa:00:03,ip6addr=2001:db8:1::15/64,gateway6=2001:db8:1::1',
    nic: { ...base, name: 'eth1', mac: '52:54:00:aa:00:03', bootproto: 'none', ipv6: [{ address: '2001:db8:1::15', prefix: 64 }], gateway6: '2001:db8:1::1' },
  },
  dualStack: {
    option: 'name=eth1,hwaddr=52:54:00:aa:00:04,ipaddr=10.0.0.5/24,gateway=10.0.0.1,ip6addr=2001:db8::5/64,gateway6=2001:db8::1',
    nic: {
      ...base, name: 'eth1', mac: '52:54:00:aa:00:04', bootproto: 'static',
      ipv4: [{ address: '10.0.0.5', prefix: 24 }], gateway4: '10.0.0.1',
      ipv6: [{ address: '2001:db8::5', prefix: 64 }], gateway6: '2001:db8::1',
    },
  },
  hostRoute: {
    option: 'name=eth1,hwaddr=52:54:00:aa:00:05,ipaddr=203.0.113.15/32,gateway=203.0.113.1',
    nic: { ...base, name: 'eth1', mac: '52:54:00:aa:00:05', bootproto: 'static', ipv4: [{ address: '203.0.113.15', prefix: 32 }], gateway4: '203.0.113.1' },
  },
  onlink: {
    option: 'name=eth1,hwaddr=52:54:00:aa:00:06,ipaddr=192.168.1.5/24,gateway=10.9.9.1,onlink=yes',
    nic: { ...base, name: 'eth1', mac: '52:54:00:aa:00:06', bootproto: 'static', ipv4: [{ address: '192.168.1.5', prefix: 24 }], gateway4: '10.9.9.1', onlink: true },
  },
  mtuDns: {
    option: 'name=eth1,hwaddr=52:54:00:aa:00:07,ipaddr=172.16.0.10/16,gateway=172.16.0.1,mtu=9000,dns1=172.16.0.2,dns2=2001:db8::53',
    nic: {
      ...base, name: 'eth1', mac: '52:54:00:aa:00:07', bootproto: 'static', ipv4: [{ address: '172.16.0.10', prefix: 16 }],
      gateway4: '172.16.0.1', mtu: 9000, dns: ['172.16.0.2', '2001:db8::53'],
    },
  },
} satisfies Record<string, NicCase>;

export type CaseName = keyof typeof CASES;

/** The planned NIC of one case, as a one-element list for the renderers. */
export const nicsOf = (name: CaseName): NicSpec[] => [CASES[name].nic];

/** A DHCP NIC next to a static one with a gateway: the DHCP default route must yield. */
export const DHCP_BESIDE_STATIC: NicSpec[] = [CASES.dhcp.nic, CASES.staticIpv4.nic];

/** Plans --nic values for one-off renderer tests (give hwaddr= to keep the output deterministic). */
export const planned = (...values: string[]): NicSpec[] => planNics(values).nics;
