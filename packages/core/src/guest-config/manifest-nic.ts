// One guest NIC in the form the image manifest holds it (schemas/image-manifest.schema.json): the
// name must pass the interface-name rule (nic/interface-name.ts) and every address needs its prefix.
import type { ManifestNic } from '../manifest.js';
import { interfaceNameProblem } from '../nic/interface-name.js';
import type { IpAddress } from '../nic/ip-address.js';
import { impliedOnlink } from '../nic/manifest-nics.js';
import type { GuestNicConfig } from './types.js';

export interface NicCandidate {
  config: GuestNicConfig;
  nic: ManifestNic;
  /** False when the NIC is listed under its MAC-based name for lack of a usable one. */
  named: boolean;
  /** A name the config gives that the manifest cannot hold. */
  badName: string | null;
  /** Addresses the manifest cannot hold (no prefix). */
  notes: string[];
}

/** systemd's MAC-based interface name (NamePolicy=mac): "enx" and the 12 hex digits. */
export function macName(mac: string): string {
  return `enx${mac.replaceAll(':', '')}`;
}

/** The manifest NIC of `config`, bound to `mac` and named `name` when that is a usable interface name. */
export function nicCandidate(config: GuestNicConfig, mac: string, name: string | null): NicCandidate {
  const notes: string[] = [];
  const named = name !== null && interfaceNameProblem(name) === undefined;
  const addresses = config.addresses.filter((a): a is IpAddress => a.prefix !== null);
  for (const bare of config.addresses.filter((a) => a.prefix === null)) {
    notes.push(`NIC ${named ? name : macName(mac)} in ${config.file}: address ${bare.address} has no prefix; left out of the manifest`);
  }
  return {
    config, named, notes, badName: name !== null && !named ? name : null,
    nic: {
      name: named ? name : macName(mac), mac, bootproto: config.bootproto ?? 'none', addresses,
      gateway: config.gateway, gateway6: config.gateway6, dns: [...config.dns], mtu: config.mtu,
      // Guest files are not read for on-link flags or for default-route opt-outs.
      onlink: impliedOnlink(addresses, [config.gateway, config.gateway6]) || null, defroute: null,
    },
  };
}

/** Why a NIC is listed under its MAC-based name, if it is. */
export function nameNotes(c: NicCandidate): string[] {
  const listed = `it is listed as ${c.nic.name}, its MAC-based name`;
  if (c.badName !== null) return [`NIC '${c.badName}' in ${c.config.file}: not a usable interface name (1-15 of A-Z a-z 0-9 _ . -, not all digits, not ., .. or lo); ${listed}`];
  return c.named ? [] : [`NIC ${c.nic.mac} in ${c.config.file} names no interface; ${listed}`];
}
