// The NICs of an image manifest under the NIC rules that --nic values pass (check-nic.ts,
// check-nics.ts), with messages naming each value by its JSON path (`nics[1].mac`), and the one
// conversion each way between the manifest's form of a NIC (ManifestNic) and the rules' (NicConfig).
import type { ManifestNic, StoredManifestNic } from '../manifest.js';
import { shown } from '../shown.js';
import { checkNic } from './check-nic.js';
import { checkNicSet, type WordedNic } from './check-nics.js';
import { inSubnet, intendedFamily, isLinkLocal, isPrefixLength, parsePrefix, PREFIX_RANGE, type IpAddress, type IpFamily } from './ip-address.js';
import type { NicConfig, NicWithMac } from './nic-config.js';
import type { NicReport, NicWords } from './nic-words.js';

/** Where each address of a family sits in the manifest's mixed `addresses` list. */
type Positions = Record<IpFamily, number[]>;

function manifestWords(path: string, name: string, positions: Positions): NicWords {
  return {
    nameIntro: `${path}.name: `,
    mac: `${path}.mac`,
    address: (family, index) => `${path}.addresses[${positions[family][index] ?? 0}]`,
    addressList: () => `address in ${path}.addresses`,
    addAddress: (family) => `an IPv${family} address to ${path}.addresses`,
    gateway: (family) => `${path}.${family === 4 ? 'gateway' : 'gateway6'}`,
    dns: (index) => `${path}.dns[${index}]`,
    mtu: `${path}.mtu`,
    // onlink and defroute are JSON booleans here; the rules name their values as --nic does (yes, no).
    setting: (field, value) => `${path}.${field} ${JSON.stringify(value === 'yes' ? true : value === 'no' ? false : value)}`,
    nic: `${path} (${name})`,
    entry: path,
    oneDefaultRoute: 'keep a gateway on one NIC only, or set defroute to false on the others',
  };
}

/** One address of the manifest: structured, or an "ADDRESS/PREFIX" string of an older manifest. */
function manifestAddress(stored: IpAddress | string, field: string, report: NicReport): IpAddress {
  if (typeof stored !== 'string') {
    if (!isPrefixLength(stored.prefix, intendedFamily(stored.address))) {
      report.fail(`${field}.prefix ${stored.prefix} is out of range for ${stored.address}: ${PREFIX_RANGE}`);
    }
    return stored;
  }
  const slash = stored.lastIndexOf('/');
  const address = slash < 0 ? stored : stored.slice(0, slash);
  const family = intendedFamily(address);
  const prefix = slash < 0 ? undefined : parsePrefix(stored.slice(slash + 1), family);
  if (prefix === undefined) {
    report.fail(`${field} ${shown(stored)} needs a prefix length in range: ${PREFIX_RANGE} (e.g. ${family === 4 ? '10.0.0.5/24' : '2001:db8::5/64'})`);
  }
  return { address, prefix };
}

/** Splits the manifest's addresses by family, remembering where each stood. */
function addressesByFamily(stored: readonly (IpAddress | string)[], path: string, report: NicReport): { ipv4: IpAddress[]; ipv6: IpAddress[]; positions: Positions } {
  const out = { ipv4: [] as IpAddress[], ipv6: [] as IpAddress[], positions: { 4: [], 6: [] } as Positions };
  stored.forEach((entry, i) => {
    const address = manifestAddress(entry, `${path}.addresses[${i}]`, report);
    const family = intendedFamily(address.address);
    (family === 4 ? out.ipv4 : out.ipv6).push(address);
    out.positions[family].push(i);
  });
  return out;
}

/** A gateway of the manifest: absent when null; the family is fixed by the key. */
function gatewayOf(text: string | null, family: IpFamily, path: string, report: NicReport): string | undefined {
  if (text === null) return undefined;
  if (intendedFamily(text) !== family) {
    const key = family === 4 ? 'gateway' : 'gateway6';
    report.fail(`${path}.${key} ${shown(text)} is not an IPv${family} address; put IPv${family === 4 ? 6 : 4} gateways in ${path}.${family === 4 ? 'gateway6' : 'gateway'}`);
  }
  return text;
}

/**
 * Whether gateways read from a source that does not record onlink (a manifest from before it was
 * recorded, a guest's own network files) must be on-link: exactly when one lies outside every
 * subnet of its family (a link-local IPv6 router never does), since only on-link can it work.
 */
export function impliedOnlink(addresses: readonly IpAddress[], gateways: readonly (string | null | undefined)[]): boolean {
  return gateways.some((gw) => typeof gw === 'string' && !(intendedFamily(gw) === 6 && isLinkLocal(gw)) && !addresses.some((a) => inSubnet(gw, a)));
}

/** The rules' form of one stored manifest NIC, and the words that name its fields. */
function manifestNicConfig(nic: StoredManifestNic, path: string, report: NicReport): WordedNic {
  const { ipv4, ipv6, positions } = addressesByFamily(nic.addresses, path, report);
  const gateway4 = gatewayOf(nic.gateway, 4, path, report);
  const gateway6 = gatewayOf(nic.gateway6, 6, path, report);
  // An older manifest has no onlink key (a NIC that says null has it, and did not ask for onlink).
  const onlink = 'onlink' in nic ? nic.onlink ?? null : impliedOnlink([...ipv4, ...ipv6], [gateway4, gateway6]) || null;
  const defroute = nic.defroute ?? null;
  const config: NicConfig = {
    name: nic.name, mac: nic.mac, bootproto: nic.bootproto, ipv4, ipv6,
    ...(gateway4 !== undefined && { gateway4 }),
    ...(gateway6 !== undefined && { gateway6 }),
    dns: [...nic.dns],
    ...(nic.mtu !== null && { mtu: nic.mtu }),
    ...(onlink !== null && { onlink }),
    ...(defroute !== null && { defroute }),
  };
  return { nic: config, words: manifestWords(path, nic.name, positions) };
}

/**
 * Checks the NICs of a schema-valid manifest (either form) with the NIC rules; `fail` reports the
 * first problem. Returns them checked and canonical. Warnings are dropped: rejviz-builder gave
 * them when it wrote the manifest, and reading it again must not repeat them.
 */
export function checkManifestNics(nics: readonly StoredManifestNic[], fail: (message: string) => never): NicWithMac[] {
  const report: NicReport = { fail, warn: () => undefined };
  const checked = nics.map((nic, i) => {
    const { nic: config, words } = manifestNicConfig(nic, `nics[${i}]`, report);
    return { nic: checkNic(config, words, report), words };
  });
  checkNicSet(checked, fail);
  // A manifest NIC always has a MAC (the schema requires one, checkNic checked it).
  return checked.map((c) => c.nic as NicWithMac);
}

/** The manifest form of a NIC: what rejviz-builder writes, and what the manifest reader returns. */
export function manifestNic(n: NicWithMac): ManifestNic {
  return {
    name: n.name, mac: n.mac, bootproto: n.bootproto,
    addresses: [...n.ipv4, ...n.ipv6].map((a) => ({ address: a.address, prefix: a.prefix })),
    gateway: n.gateway4 ?? null, gateway6: n.gateway6 ?? null, dns: [...n.dns], mtu: n.mtu ?? null,
    onlink: n.onlink ?? null, defroute: n.defroute ?? null,
  };
}
