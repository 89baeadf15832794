// The NICs of an image manifest under the NIC rules that --nic values pass (check-nic.ts,
// check-nics.ts), with messages naming each value by its JSON path (`nics[1].mac`). The manifest's
// own spelling is read here: addresses are "ADDRESS/PREFIX" texts of either family, `gateway` is
// the IPv4 default gateway and `gateway6` the IPv6 one.
import type { ManifestNic } from '../manifest.js';
import { shown } from '../shown.js';
import { checkNic } from './check-nic.js';
import { checkNicSet, type WordedNic } from './check-nics.js';
import { intendedFamily, parsePrefix, PREFIX_RANGE, type IpAddress, type IpFamily } from './ip-address.js';
import type { NicConfig } from './nic-config.js';
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
    setting: (field, value) => `${path}.${field} ${JSON.stringify(value)}`,
    nic: `${path} (${name})`,
    entry: path,
    oneDefaultRoute: 'keep a gateway on one NIC only (the manifest records only default gateways)',
  };
}

/** Splits "ADDRESS/PREFIX" by family; the prefix must be in range, the address is checkNic's to judge. */
function addressesByFamily(texts: readonly string[], path: string, report: NicReport): { ipv4: IpAddress[]; ipv6: IpAddress[]; positions: Positions } {
  const out = { ipv4: [] as IpAddress[], ipv6: [] as IpAddress[], positions: { 4: [], 6: [] } as Positions };
  texts.forEach((text, i) => {
    const slash = text.lastIndexOf('/');
    const address = text.slice(0, slash < 0 ? text.length : slash);
    const family = intendedFamily(address);
    const prefixText = slash < 0 ? '' : text.slice(slash + 1);
    const prefix = parsePrefix(prefixText, family);
    if (prefix === undefined) {
      report.fail(`${path}.addresses[${i}] ${shown(text)} needs a prefix length in range: ${PREFIX_RANGE} (e.g. ${family === 4 ? '10.0.0.5/24' : '2001:db8::5/64'})`);
    }
    (family === 4 ? out.ipv4 : out.ipv6).push({ address, prefix });
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

/** The structured form of one manifest NIC, and the words that name its fields. */
function manifestNicConfig(nic: ManifestNic, path: string, report: NicReport): WordedNic {
  const { ipv4, ipv6, positions } = addressesByFamily(nic.addresses, path, report);
  const gateway4 = gatewayOf(nic.gateway, 4, path, report);
  const gateway6 = gatewayOf(nic.gateway6, 6, path, report);
  const config: NicConfig = {
    name: nic.name, mac: nic.mac, bootproto: nic.bootproto, ipv4, ipv6,
    ...(gateway4 !== undefined && { gateway4 }),
    ...(gateway6 !== undefined && { gateway6 }),
    dns: [...nic.dns],
    ...(nic.mtu !== null && { mtu: nic.mtu }),
    // The manifest does not record onlink: a gateway outside the NIC's subnets is on-link by
    // declaration, as the cloud-init seed renders it (plugin-cloud-init seed-nic.ts).
    ...((gateway4 !== undefined || gateway6 !== undefined) && { onlink: true }),
  };
  return { nic: config, words: manifestWords(path, nic.name, positions) };
}

/**
 * Checks the NICs of a schema-valid manifest with the NIC rules; `fail` reports the first problem.
 * Returns them structured and canonical. Warnings are dropped: rejviz-builder gave them when it
 * wrote the manifest, and reading it again must not repeat them.
 */
export function checkManifestNics(nics: readonly ManifestNic[], fail: (message: string) => never): NicConfig[] {
  const report: NicReport = { fail, warn: () => undefined };
  const checked = nics.map((nic, i) => {
    const { nic: config, words } = manifestNicConfig(nic, `nics[${i}]`, report);
    return { nic: checkNic(config, words, report), words };
  });
  checkNicSet(checked, fail);
  return checked.map((c) => c.nic);
}
