// What the router namespace does on each NIC's link: its addresses, and one dnsmasq serving
// DHCPv4 and router advertisements where a case asks for them. The same facts (lease subnet,
// router, DNS server, RA prefix) feed the oracle, so the expectation never reads rendered files.
import type { NicSpec } from '@rejviz/plugin-nic';
import type { LinkService } from './cases.js';
import type { SandboxNic } from './sandbox.js';

/** What the router offers one NIC, as the oracle needs it. */
export interface LinkFacts {
  dhcp4?: { network: string; prefix: number; router: string; dns: string };
  ra?: { network: string; prefix: number; router: string };
}

/** The router's MAC on link `index`; its link-local address follows from it (EUI-64). */
export const routerMac = (index: number) => `02:00:00:00:00:${(index + 1).toString(16).padStart(2, '0')}`;

// fe80::/64 EUI-64 address of a MAC: flip the universal/local bit, put ff:fe in the middle.
function linkLocal(mac: string): string {
  const b = mac.split(':').map((h) => parseInt(h, 16));
  const groups = [((b[0]! ^ 2) << 8) | b[1]!, (b[2]! << 8) | 0xff, 0xfe00 | b[3]!, (b[4]! << 8) | b[5]!];
  return `fe80::${groups.map((g) => g.toString(16)).join(':')}`;
}

/** The facts of each NIC's link (index = the NIC's position in the case). */
export function linkFacts(nics: readonly NicSpec[], serve: Record<string, LinkService> = {}): LinkFacts[] {
  return nics.map((nic, i) => {
    const s = serve[nic.name] ?? {};
    const base = 64 * i; // a /26 of 192.0.2.0/24 per link, so two DHCP links never share a subnet
    return {
      ...(s.dhcp4 && { dhcp4: { network: `192.0.2.${base}`, prefix: 26, router: `192.0.2.${base + 1}`, dns: `192.0.2.${base + 53}` } }),
      ...(s.ra && { ra: { network: `2001:db8:f${i}::`, prefix: 64, router: linkLocal(routerMac(i)) } }),
    };
  });
}

/** The veth pairs of a case. */
export function sandboxNics(nics: readonly NicSpec[]): SandboxNic[] {
  return nics.map((nic, i) => ({ name: nic.name, mac: nic.mac, routerMac: routerMac(i) }));
}

/** Shell commands for the router namespace: gateway addresses, then one dnsmasq for all links. */
export function routerScript(nics: readonly NicSpec[], facts: readonly LinkFacts[]): string {
  const lines = ['set -e'];
  const dnsmasq: string[] = [];
  nics.forEach((nic, i) => {
    const dev = `r-${nic.name}`;
    const f = facts[i]!;
    // The gateways the NIC names exist on the router too, as on a real link.
    if (nic.gateway4) lines.push(`ip addr add ${nic.gateway4}/24 dev ${dev}`);
    if (nic.gateway6) lines.push(`ip addr add ${nic.gateway6}/64 dev ${dev} nodad`);
    if (f.dhcp4) {
      const d = f.dhcp4;
      const net = d.network.split('.').map(Number);
      const host = (n: number) => [...net.slice(0, 3), net[3]! + n].join('.');
      lines.push(`ip addr add ${d.router}/${d.prefix} dev ${dev}`);
      dnsmasq.push(`--interface=${dev}`, `--dhcp-range=set:${dev},${host(10)},${host(40)},255.255.255.192,1h`,
        `--dhcp-option=tag:${dev},option:router,${d.router}`, `--dhcp-option=tag:${dev},option:dns-server,${d.dns}`);
    }
    if (f.ra) {
      lines.push(`ip addr add ${f.ra.network}1/${f.ra.prefix} dev ${dev} nodad`);
      if (!f.dhcp4) dnsmasq.push(`--interface=${dev}`);
      dnsmasq.push(`--dhcp-range=${f.ra.network},ra-only,${f.ra.prefix}`);
    }
  });
  if (dnsmasq.length > 0) {
    // No DNS service (port 0), no config file, leases in the sandbox's own /run; RAs only where
    // a ra-only range says so. dnsmasq stays in the foreground so the sandbox can kill it.
    const common = ['--keep-in-foreground', '--conf-file=/dev/null', '--port=0', '--user=root', '--group=root', '--pid-file=',
      '--dhcp-leasefile=/run/dnsmasq.leases', '--bind-interfaces', '--except-interface=lo', '--log-dhcp'];
    if (facts.some((f) => f.ra)) common.push('--enable-ra');
    lines.push(`dnsmasq ${[...common, ...dnsmasq].join(' ')} &`);
    // The stack starts right after this script: dnsmasq must be answering by then. A DHCP client
    // or a router solicitation sent before its sockets exist goes unanswered, and the next try
    // comes seconds later (DHCP back-off; networkd sends its solicitations only at first), which
    // under load ran past the deadline. Its sockets (UDP 67, the ICMPv6 one for RAs) show in ss.
    lines.push(`for _ in $(seq 400); do ss -Hanuwp | grep -q '"dnsmasq"' && break; sleep 0.025; done`);
    lines.push(`ss -Hanuwp | grep -q '"dnsmasq"' || { echo 'dnsmasq did not start' >&2; exit 1; }`);
  }
  return `${lines.join('\n')}\n`;
}
