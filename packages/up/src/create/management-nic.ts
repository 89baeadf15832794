// A machine's management NIC (management: true): qemu user-mode networking with restrict=on, so
// the guest reaches nothing through it, and the guest's ssh port forwarded from a port on
// 127.0.0.1 (docs/up.md#the-management-nic), for hosts where the lab's own networks are not routed to the
// host (isolated networks) and for reaching guests without giving the host an address. libvirt
// 9's <interface type='user'> has no port forwards without passt, so the NIC is qemu's own,
// given on virt-install's --qemu-commandline; libvirt does not see it, so rejviz-up keeps its MAC
// with the machine (its record) and its port in the record too. In the guest it is `mgmt0`,
// matched by MAC in the seed's network-config, with slirp's fixed guest address and no gateway.
import { createServer } from 'node:net';
import { addInstallArgs, STAGE, type ManifestNic, type Plugin } from '@rejviz/core';

/** The management NIC's guest name and address (slirp's default guest address, 10.0.2.15/24). */
export const MANAGEMENT_NIC = { name: 'mgmt0', address: '10.0.2.15', prefix: 24 } as const;

// Ports are drawn from here, away from the ephemeral range (32768-60999) that outgoing
// connections use, so a port chosen now is still free when the domain starts again.
const FIRST_PORT = 20000;
const PORTS = 10000;

/** virt-install's --qemu-commandline value for the management NIC. */
export function managementCommandline(mac: string, port: number): string {
  // bus=pcie.0,addr=0x10: a slot of q35's root bus that libvirt leaves free (without it qemu
  // fails with "slot 1 function 0 not available for pcie-root-port").
  return `-netdev user,id=rjvmgmt0,restrict=on,ipv6=off,hostfwd=tcp:127.0.0.1:${port}-:22 -device virtio-net-pci,netdev=rjvmgmt0,mac=${mac},bus=pcie.0,addr=0x10`;
}

/** The management NIC as the seed's network-config configures it. */
export function managementManifestNic(mac: string): ManifestNic {
  return {
    name: MANAGEMENT_NIC.name, mac, bootproto: 'static', addresses: [{ address: MANAGEMENT_NIC.address, prefix: MANAGEMENT_NIC.prefix }],
    gateway: null, gateway6: null, dns: [], mtu: null, onlink: null, defroute: null,
  };
}

/** Whether 127.0.0.1:PORT can be listened on now. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * A port on 127.0.0.1 that nothing listens on and no other machine has (`taken`: the ports in
 * the host's domains and those chosen so far in this run; the one chosen is added), starting from
 * a place derived from `seed` so that parallel creations rarely try the same one.
 */
export async function freeManagementPort(taken: Set<number>, seed: string): Promise<number> {
  let start = 0;
  for (const ch of seed) start = (start * 31 + ch.charCodeAt(0)) % PORTS;
  for (let i = 0; i < PORTS; i++) {
    const port = FIRST_PORT + ((start + i) % PORTS);
    if (taken.has(port) || !(await canListen(port))) continue;
    // Checked again after the wait: a parallel creation of this run may have taken it meanwhile.
    if (taken.has(port)) continue;
    taken.add(port);
    return port;
  }
  throw new Error(`no free port on 127.0.0.1 in ${FIRST_PORT}-${FIRST_PORT + PORTS - 1} for a management NIC`);
}

/**
 * The install plugin that adds the management NIC: at STAGE.ACCESS, after plugin-mac-match made
 * the domain's NICs from the image's (so it never gets a libvirt interface) and before
 * plugin-cloud-init writes the seed (so its network-config configures it).
 */
export function managementNicPlugin(mac: string, port: number): Plugin {
  return {
    name: 'rejviz-up-management',
    options: [],
    apply: (hooks) => {
      hooks.planInstall.tap({ name: 'rejviz-up-management', stage: STAGE.ACCESS }, (plan) => ({
        ...addInstallArgs(plan, 'rejviz-up', [`--qemu-commandline=${managementCommandline(mac, port)}`], `management NIC: ssh forwarded from 127.0.0.1:${port}`),
        imageNics: [...plan.imageNics, managementManifestNic(mac)],
      }));
    },
  };
}
