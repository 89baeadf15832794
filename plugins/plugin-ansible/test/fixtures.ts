// Labs the tests share: two templates, lab file groups that need sanitising, a machine on a
// forwarded port and one reached on its lab-network address.
import type { InventoryLab, InventoryMachine } from '../src/index.js';

export function machine(name: string, more: Partial<InventoryMachine> = {}): InventoryMachine {
  return {
    machine: name,
    domain: `demo-${name}`,
    template: 'debian-12',
    groups: [],
    host: '127.0.0.1',
    port: 2201,
    user: 'labadmin',
    hostKeyAlias: `demo-${name}`,
    addresses: [],
    ...more,
  };
}

export function demoLab(knownHostsFile = '/var/lib/rejviz/labs/demo/known_hosts'): InventoryLab {
  return {
    lab: 'demo',
    privateKeyFile: '/var/lib/rejviz/labs/demo/id_ed25519',
    knownHostsFile,
    machines: [
      machine('web-1', { groups: ['web-servers', 'frontend'], port: 2201, addresses: [{ network: 'lan', address: '10.10.0.11' }] }),
      machine('web-2', { groups: ['web-servers'], port: 2202, addresses: [{ network: 'lan', address: '10.10.0.12' }] }),
      machine('db', {
        template: 'el9.4',
        groups: ['2nd-tier'],
        host: '10.10.0.20',
        port: 22,
        user: 'admin',
        hostname: 'pg',
        addresses: [
          { network: 'lan', address: '10.10.0.20' },
          { network: 'backup', address: 'fd00:10::20' },
        ],
      }),
    ],
  };
}
