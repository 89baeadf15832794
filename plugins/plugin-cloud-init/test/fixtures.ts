// Shared inputs: manifest NICs for the network-config goldens, and SSH public keys.

import type { ManifestNic } from '@rejviz/core';
import { cidrs as A } from '@rejviz/test-support';

const base: ManifestNic = {
  name: 'eth0', mac: '52:54:00:aa:00:01', bootproto: 'static', addresses: [], gateway: null, gateway6: null, dns: [], mtu: null, onlink: null, defroute: null,
};

/** A manifest NIC: `base` with the given fields. */
export const nic = (fields: Partial<ManifestNic>): ManifestNic => ({ ...base, ...fields });

export const NICS = {
  staticIpv4: nic({ name: 'eth1', mac: '52:54:00:aa:00:01', addresses: A('192.168.122.15/24'), gateway: '192.168.122.1' }),
  dhcp: nic({ name: 'eth0', mac: '52:54:00:AA:00:02', bootproto: 'dhcp' }),
  hostRoute: nic({ name: 'eth1', mac: '52:54:00:aa:00:05', addresses: A('203.0.113.15/32'), gateway: '203.0.113.1' }),
  offSubnet: nic({ name: 'eth1', mac: '52:54:00:aa:00:06', addresses: A('192.168.1.5/24'), gateway: '10.9.9.1', onlink: true }),
  dualStack: nic({
    name: 'eth1', mac: '52:54:00:aa:00:04', addresses: A('10.0.0.5/24', '2001:db8::5/64'), gateway: '10.0.0.1', gateway6: '2001:db8::1',
  }),
  ipv6Only: nic({ name: 'eth2', mac: '52:54:00:aa:00:03', bootproto: 'none', addresses: A('2001:db8:1::15/128'), gateway6: '2001:db8:1::1' }),
  mtuDns: nic({
    name: 'eth1', mac: '52:54:00:aa:00:07', addresses: A('172.16.0.10/16'), gateway: '172.16.0.1', mtu: 9000, dns: ['172.16.0.2', '2001:db8::53'],
  }),
} satisfies Record<string, ManifestNic>;

// Real keys made by ssh-keygen (public halves only; the private keys were discarded).
export const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKstrSZFVxoMgvi4G0NLuXwp3lUVJQ9i9E0v5wwZwQrF test@rejviz';
export const RSA =
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC65Ury/KMJIw4pmyt6LicRpvMyJGzhWjRS7R2eKv1IhlHiYM7tGxa18qp49cyByWMO6sdkCucTx9UnswrTKBIF2DDuteYRBghY7TRfjpicNWZLCwXPCjvKbqknACCcRLbVewwVMIisrTkmUrhp45XWN/qn7Mm0ckn6DdCo0gjILQ== rsa@rejviz';
export const ECDSA384 =
  'ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBEACHYzx1AFXR+ajz3UiNHTl6lwXu+W1HrX6CyPlcg0Qx0i2+CLR7NP2ZK5l6yI1wXehq7uqguJEcSmVVMleLlYw9WAgXJ/enSeinaxGcbWfHNFTpnuIqagh7LQ5kQUz0A== ec@rejviz';

/** A structurally valid key body of `type` (its first SSH string is the type), filled with `fill`. */
export function keyBody(type: string, fill = 1): string {
  const name = Buffer.from(type, 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(name.length);
  return Buffer.concat([length, name, Buffer.alloc(36, fill)]).toString('base64');
}

/** A synthetic public key line of `type`. */
export const fakeKey = (type: string, fill = 1, comment = 'fake@rejviz'): string => `${type} ${keyBody(type, fill)} ${comment}`;
