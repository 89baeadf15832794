// The --nic cases the netns tier applies with every stack, and what the router on each link
// serves. Documentation addresses only (RFC 5737, RFC 3849): nothing here can reach a real host,
// and nothing leaves the namespaces anyway.

/** What the router namespace offers on one NIC's link. */
export interface LinkService {
  /** A DHCPv4 server (dnsmasq) with a router and a DNS server option. */
  dhcp4?: boolean;
  /** Router advertisements for a /64 (SLAAC, no DHCPv6, no RDNSS). */
  ra?: boolean;
}

export interface NetnsCase {
  title: string;
  /** --nic values, as a user types them (hwaddr given so MACs are stable). */
  nics: string[];
  /** Services per NIC name; a NIC not named gets a silent link. */
  serve?: Record<string, LinkService>;
}

export const CASES: NetnsCase[] = [
  {
    title: 'static IPv4 /24 with a gateway and DNS',
    nics: ['name=eth0,hwaddr=52:54:00:12:00:01,ipaddr=198.51.100.5/24,gateway=198.51.100.1,dns1=198.51.100.53'],
  },
  {
    title: '/32 with a gateway (on-link)',
    nics: ['name=eth0,hwaddr=52:54:00:12:00:02,ipaddr=203.0.113.5/32,gateway=203.0.113.1,dns1=203.0.113.53'],
  },
  {
    title: 'onlink=yes with an off-subnet gateway',
    nics: ['name=eth0,hwaddr=52:54:00:12:00:03,ipaddr=192.0.2.5/24,gateway=198.51.100.1,onlink=yes'],
  },
  {
    title: 'DHCP (and router advertisements on the link)',
    nics: ['name=eth0,hwaddr=52:54:00:12:00:04'],
    serve: { eth0: { dhcp4: true, ra: true } },
  },
  {
    title: 'DHCP plus a static DNS server',
    nics: ['name=eth0,hwaddr=52:54:00:12:00:05,dns1=203.0.113.53'],
    serve: { eth0: { dhcp4: true } },
  },
  {
    title: 'static IPv6 with a gateway',
    nics: ['name=eth0,hwaddr=52:54:00:12:00:06,ipaddr=2001:db8:6::5/64,gateway=2001:db8:6::1,dns1=2001:db8:6::53'],
  },
  {
    title: 'IPv6 only (bootproto=none), /128 with an on-link gateway',
    nics: ['name=eth0,hwaddr=52:54:00:12:00:07,bootproto=none,ip6addr=2001:db8:7::5/128,gateway6=2001:db8:7::1,dns1=2001:db8:7::53'],
  },
  {
    title: 'dual stack',
    nics: [
      'name=eth0,hwaddr=52:54:00:12:00:08,ipaddr=198.51.100.8/24,gateway=198.51.100.1,ip6addr=2001:db8:8::5/64,gateway6=2001:db8:8::1,dns1=198.51.100.53,dns2=2001:db8:8::53',
    ],
  },
  {
    title: 'automatic IPv6 (RA) next to static IPv4, with an IPv6 DNS server',
    nics: ['name=eth0,hwaddr=52:54:00:12:00:09,ipaddr=192.0.2.9/24,gateway=192.0.2.1,dns1=2001:db8:9::53'],
    serve: { eth0: { ra: true } },
  },
  {
    title: 'MTU on a static NIC',
    nics: ['name=eth0,hwaddr=52:54:00:12:00:0a,ipaddr=198.51.100.10/24,gateway=198.51.100.1,mtu=1400'],
  },
  {
    title: 'MTU on a DHCP NIC',
    nics: ['name=eth0,hwaddr=52:54:00:12:00:0b,mtu=1450'],
    serve: { eth0: { dhcp4: true } },
  },
  {
    title: 'two NICs, defroute=no on the second',
    nics: [
      'name=eth0,hwaddr=52:54:00:12:00:0c,ipaddr=198.51.100.12/24,gateway=198.51.100.1',
      'name=eth1,hwaddr=52:54:00:12:01:0c,ipaddr=203.0.113.12/24,gateway=203.0.113.1,defroute=no',
    ],
  },
  {
    title: 'two NICs, DHCP yields the default route to a static gateway',
    nics: ['name=eth0,hwaddr=52:54:00:12:00:0d', 'name=eth1,hwaddr=52:54:00:12:01:0d,ipaddr=198.51.100.13/24,gateway=198.51.100.1'],
    serve: { eth0: { dhcp4: true } },
  },
];
