// Compares what a stack did (ip -j output and its DNS record) with what the --nic means
// (oracle.ts). Returns one line per difference; none means the stack applied the NIC exactly.
import { inSubnet, parseIp } from '@rejviz/core/nic';
import type { ExpectedAddress, ExpectedNic } from './oracle.js';
import type { IpRoute, RawState } from './sandbox.js';

const canonical = (ip: string) => parseIp(ip, 'lenient') ?? ip;

function inNetwork(ip: string, network: string): boolean {
  const [address = '', prefix = ''] = network.split('/');
  return inSubnet(canonical(ip), { address: canonical(address), prefix: Number(prefix) });
}

function matches(e: ExpectedAddress, a: { local: string; prefixlen: number }): boolean {
  if (a.prefixlen !== e.prefix) return false;
  return e.address !== undefined ? canonical(a.local) === canonical(e.address) : inNetwork(a.local, e.within!);
}

const showExpected = (e: ExpectedAddress) => (e.address !== undefined ? `${e.address}/${e.prefix}` : `an address in ${e.within}`);

// The global addresses of a NIC must be exactly the expected ones (link-local ones are the kernel's).
function addressDiffs(nic: ExpectedNic, state: RawState): string[] {
  const link = state.addr.find((l) => l.ifname === nic.name);
  const held = (link?.addr_info ?? []).filter((a) => a.scope === 'global');
  const unmatched = [...held];
  const diffs: string[] = [];
  for (const e of nic.addresses) {
    const i = unmatched.findIndex((a) => (a.family === 'inet' ? 4 : 6) === e.family && matches(e, a));
    if (i < 0) diffs.push(`${nic.name}: missing ${showExpected(e)}`);
    else unmatched.splice(i, 1);
  }
  return [...diffs, ...unmatched.map((a) => `${nic.name}: unexpected address ${a.local}/${a.prefixlen}`)];
}

// A gateway is reachable when the route says onlink, or another route on the NIC covers it.
function reachable(route: IpRoute, routes: IpRoute[]): boolean {
  const gw = route.gateway!;
  if (route.flags.includes('onlink') || gw.startsWith('fe80:')) return true;
  return routes.some((r) => r.dev === route.dev && r.gateway === undefined && r.dst !== 'default' && inNetwork(gw, r.dst.includes('/') ? r.dst : `${r.dst}/${gw.includes(':') ? 128 : 32}`));
}

/**
 * Default routes of one family: the owner's route must be the preferred one (lowest metric) and
 * reachable; no other NIC may have one as good. A NIC that yields may keep a worse one (ifupdown
 * can only push a DHCP default route back with a metric): traffic still leaves by the owner.
 */
function routeDiffs(nics: ExpectedNic[], family: 4 | 6, routes: IpRoute[]): string[] {
  const key = family === 4 ? 'gateway4' : 'gateway6';
  const defaults = routes.filter((r) => r.dst === 'default' && nics.some((n) => n.name === r.dev));
  const metric = (r: IpRoute) => r.metric ?? 0;
  const owner = nics.find((n) => n[key] !== undefined);
  const diffs: string[] = [];
  const own = owner && defaults.find((r) => r.dev === owner.name && r.gateway !== undefined && canonical(r.gateway) === canonical(owner[key]!));
  if (owner && !own) diffs.push(`${owner.name}: no IPv${family} default route via ${owner[key]}`);
  if (own && !reachable(own, routes)) diffs.push(`${own.dev}: IPv${family} gateway ${own.gateway} is not reachable on the link (no onlink, no covering route)`);
  for (const r of defaults) {
    if (r === own) continue;
    if (!own || metric(r) <= metric(own)) diffs.push(`${r.dev}: unexpected IPv${family} default route via ${r.gateway ?? '(none)'} metric ${metric(r)}`);
  }
  return diffs;
}

/** Every difference between the observed state and the expected one, as readable lines. */
export function stateDiffs(expected: ExpectedNic[], state: RawState): string[] {
  const diffs = expected.flatMap((nic) => {
    const mtu = state.link.find((l) => l.ifname === nic.name)?.mtu;
    // As sets: a server both configured and leased may be listed once or twice.
    const dns = [...new Set((state.dns[nic.name] ?? []).map(canonical))].sort();
    const want = [...new Set(nic.dns.map(canonical))].sort();
    return [
      ...addressDiffs(nic, state),
      ...(mtu === nic.mtu ? [] : [`${nic.name}: MTU ${mtu}, expected ${nic.mtu}`]),
      ...(JSON.stringify(dns) === JSON.stringify(want) ? [] : [`${nic.name}: DNS [${dns.join(' ')}], expected [${want.join(' ')}]`]),
    ];
  });
  return [...diffs, ...routeDiffs(expected, 4, state.route4), ...routeDiffs(expected, 6, state.route6)];
}
