// The addresses of a lab's NICs (docs/up.md#status-and-destroy): a planned static address as it
// is; for the other NICs of a running machine, libvirt's sources in order (agent, lease, arp),
// each asked once per machine and only while one of its NICs still has no address, a few
// machines at a time. The networks' XML is read once, in one virsh, for DHCP and explanations.
import { quoteCommand, virshQuery, virshWord, type LibvirtConnection, type Runner } from '@rejviz/core';
import { parseNetworkXml, type LibvirtNetwork } from '@rejviz/core/libvirt-xml';
import { normaliseMac } from '@rejviz/core/nic';
import { inParallel } from '../create/in-parallel.js';
import { ADDRESS_SOURCES, askSource, type AddressSource, type SourceAnswer } from './address-sources.js';
import { usableAddresses } from './domifaddr-output.js';
import { explainNoAddress } from './explain-no-address.js';

/** One address of a NIC and how it was learned. */
export interface NicAddress {
  address: string;
  source: 'planned' | AddressSource;
}

/** What is known of one NIC's addresses: all those of the first source that had any, or why there are none. */
export interface NicAddresses {
  addresses: NicAddress[];
  source: 'planned' | AddressSource | null;
  /** Only when there is no address: why, in one line. */
  why?: string;
}

/** A machine as discovery needs it: its domain, state and NICs (address: the planned static one, or null). */
export interface MachineNics {
  domain: string;
  state: string;
  nics: readonly { network: string; mac: string; address: string | null }[];
}

const MACHINES_AT_ONCE = 4;
const MARK = '@@rejviz-up-networks@@';

/** Whether a URI is libvirt's test driver (test:///default, test+unix:///default ...). */
export function isTestDriverUri(uri: string | null): boolean {
  return uri !== null && /^test(\+[a-z]+)?:/i.test(uri);
}

/** The addresses of every machine's NICs, in the order given; `testDriver`: the connection is libvirt's test driver. */
export async function discoverAddresses(runner: Runner, connection: LibvirtConnection, machines: readonly MachineNics[], testDriver = false): Promise<NicAddresses[][]> {
  const asked = machines.filter((m) => m.state === 'running' && m.nics.some((n) => n.address === null));
  const networks = await readNetworks(runner, connection, [...new Set(asked.flatMap((m) => m.nics.map((n) => n.network)))]);
  const found = new Map<MachineNics, NicAddresses[]>();
  await inParallel(asked, MACHINES_AT_ONCE, async (m) => void found.set(m, await discoverMachine(runner, connection, m, networks, testDriver)));
  return machines.map((m) => found.get(m) ?? m.nics.map((n) => planned(n.address) ?? { addresses: [], source: null, why: `the machine is not running (${m.state})` }));
}

function planned(address: string | null): NicAddresses | null {
  return address === null ? null : { addresses: [{ address, source: 'planned' }], source: 'planned' };
}

/** Whether a network hands out addresses by DHCP; null when its XML could not be read. */
function dhcpOf(network: LibvirtNetwork | null | undefined): boolean | null {
  return network ? network.ips.some((ip) => ip.dhcpRanges.length > 0 || ip.dhcpHosts.length > 0) : null;
}

async function discoverMachine(runner: Runner, connection: LibvirtConnection, m: MachineNics, networks: Map<string, LibvirtNetwork | null>, testDriver: boolean): Promise<NicAddresses[]> {
  const findings = m.nics.map((n) => planned(n.address));
  const macs = m.nics.map((n) => normaliseMac(n.mac, 'libvirt') ?? n.mac.toLowerCase());
  // libvirt 9.0's test driver makes domifaddr's addresses up from the network's <ip>, and crashes
  // (in libvirtd, for test+unix://) when a NIC's network has none: such a machine is not asked.
  const crashing = testDriver ? m.nics.find((n) => !networks.get(n.network)?.ips.length) : undefined;
  if (crashing) {
    return findings.map((f) => f ?? { addresses: [], source: null, why: `not asked: libvirt's test driver crashes on domifaddr when a NIC's network has no <ip> (${crashing.network})` });
  }
  const answers: SourceAnswer[] = [];
  for (const source of ADDRESS_SOURCES) {
    const pending = m.nics.filter((_, i) => findings[i] === null);
    if (pending.length === 0) break;
    // Leases come from libvirt's dnsmasq, which a network without DHCP does not run.
    if (source === 'lease' && pending.every((n) => dhcpOf(networks.get(n.network)) === false)) continue;
    const answer = await askSource(runner, connection, m.domain, source);
    answers.push(answer);
    if ('error' in answer) continue;
    m.nics.forEach((_, i) => {
      if (findings[i] !== null) return;
      const own = answer.interfaces.filter((x) => x.mac === macs[i]);
      const addresses = usableAddresses({ name: '', mac: macs[i]!, addresses: own.flatMap((x) => x.addresses) });
      if (addresses.length > 0) findings[i] = { addresses: addresses.map((address) => ({ address, source })), source };
    });
  }
  const peek = quoteCommand('rejviz-peek', [...(connection.uri === null ? [] : ['-c', connection.uri]), m.domain]);
  return m.nics.map((n, i) => findings[i] ?? {
    addresses: [], source: null, why: explainNoAddress({ mac: macs[i]!, network: n.network, dhcp: dhcpOf(networks.get(n.network)), peek }, answers),
  });
}

/** The networks' XML in one virsh, by name; null for one that cannot be read (gone, or XML rejviz cannot parse). */
async function readNetworks(runner: Runner, connection: LibvirtConnection, names: readonly string[]): Promise<Map<string, LibvirtNetwork | null>> {
  if (names.length === 0) return new Map();
  // virsh's own echo separates the documents; a failed net-dumpxml leaves its block empty.
  const command = names.map((n) => `echo ${MARK}; net-dumpxml ${virshWord(n)}`).join('; ');
  const blocks = (await virshQuery(runner, connection, [command], { allowFailure: true })).stdout.split(MARK).slice(1);
  return new Map(names.map((name, i) => [name, readNetwork(blocks[i] ?? '')]));
}

function readNetwork(xml: string): LibvirtNetwork | null {
  if (!xml.includes('<network')) return null;
  try {
    return parseNetworkXml(xml, 'virsh net-dumpxml');
  } catch {
    // Status then only loses that network's part of an explanation, not the whole table.
    return null;
  }
}
