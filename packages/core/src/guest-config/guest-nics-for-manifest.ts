// From all NIC configurations of a guest to the NICs rejviz-install can attach: those bound to a MAC,
// directly or through a name that another file ties to a MAC (a .link file, a udev rule, netplan
// set-name, cloud-init, or an ifcfg with both DEVICE and HWADDR, which rename_device honours).
import type { ManifestNic } from '../manifest.js';
import { isNotesOnly } from './file-notes.js';
import { nameNotes, nicCandidate, type NicCandidate } from './manifest-nic.js';
import { naturalCompare } from './natural-order.js';
import type { GuestConfigFormat, GuestNicConfig } from './types.js';

const TIES: readonly GuestConfigFormat[] = ['networkd-link', 'udev', 'netplan', 'cloud-init', 'ifcfg'];
// These only name NICs (or are rendered into another format at first boot); they are no NIC source.
const NOT_SOURCES: readonly GuestConfigFormat[] = ['networkd-link', 'udev', 'cloud-init'];
const COMPARED = ['bootproto', 'addresses', 'gateway', 'gateway6', 'dns', 'mtu'] as const;

function exactName(config: GuestNicConfig): string | null {
  return config.name !== null && !config.nameIsGlob ? config.name : null;
}

/** name → MACs it is tied to, and MAC → the first name tied to it. */
function nameTies(configs: readonly GuestNicConfig[]): { macsOf: Map<string, string[]>; nameOf: Map<string, string> } {
  const macsOf = new Map<string, string[]>();
  const nameOf = new Map<string, string>();
  for (const c of configs) {
    const name = exactName(c);
    if (!TIES.includes(c.format) || c.mac === null || name === null) continue;
    const macs = macsOf.get(name) ?? [];
    if (!macs.includes(c.mac)) macs.push(c.mac);
    macsOf.set(name, macs);
    if (!nameOf.has(c.mac)) nameOf.set(c.mac, name);
  }
  return { macsOf, nameOf };
}

/** The MAC a config binds to, or a note saying why it has none. */
function macOf(c: GuestNicConfig, macsOf: Map<string, string[]>): { mac: string } | { note: string } {
  if (c.mac !== null) return { mac: c.mac };
  const name = exactName(c);
  if (name === null) {
    const what = c.name === null ? 'applies to every interface' : `matches interfaces by the pattern '${c.name}'`;
    return { note: `the configuration in ${c.file} ${what}; it is not one NIC and is not listed` };
  }
  const macs = macsOf.get(name) ?? [];
  if (macs.length === 1) return { mac: macs[0] as string };
  if (macs.length > 1) return { note: `NIC ${name} in ${c.file}: several MACs are tied to ${name} (${macs.join(', ')}); not listed` };
  return { note: `NIC ${name} in ${c.file} is bound by name only; no .link file, udev rule, netplan set-name or ifcfg DEVICE+HWADDR ties ${name} to a MAC, so it is not listed` };
}

function disagreement(a: NicCandidate, b: NicCandidate): string[] {
  const fields: string[] = COMPARED.filter((k) => JSON.stringify(a.nic[k]) !== JSON.stringify(b.nic[k]));
  if (a.named && b.named && a.nic.name !== b.nic.name) fields.unshift('name');
  return fields;
}

/** The NICs in guest order (natural order of names, then MAC), one per MAC, and notes on what was left out. */
export function guestNicsForManifest(configs: readonly GuestNicConfig[]): { nics: ManifestNic[]; notes: string[] } {
  const { macsOf, nameOf } = nameTies(configs);
  const notes: string[] = [];
  const byMac = new Map<string, NicCandidate[]>();
  for (const c of configs) {
    if (NOT_SOURCES.includes(c.format) || isNotesOnly(c)) continue;
    const bound = macOf(c, macsOf);
    if ('note' in bound) {
      notes.push(bound.note);
      continue;
    }
    const list = byMac.get(bound.mac) ?? [];
    list.push(nicCandidate(c, bound.mac, exactName(c) ?? nameOf.get(bound.mac) ?? null));
    byMac.set(bound.mac, list);
  }
  const merged: NicCandidate[] = [];
  for (const [mac, [first, ...others]] of byMac) {
    if (first === undefined) continue;
    let chosen = first;
    for (const other of others) {
      const fields = disagreement(chosen, other);
      if (fields.length > 0) notes.push(`MAC ${mac}: ${other.config.file} disagrees with ${chosen.config.file} on ${fields.join(', ')}; using ${chosen.config.file}`);
      else if (!chosen.named && other.named) chosen = { ...chosen, named: true, badName: null, nic: { ...chosen.nic, name: other.nic.name } };
    }
    notes.push(...chosen.notes, ...nameNotes(chosen));
    merged.push(chosen);
  }
  merged.sort((a, b) => Number(!a.named) - Number(!b.named) || (a.named ? naturalCompare(a.nic.name, b.nic.name) : 0) || naturalCompare(a.nic.mac, b.nic.mac));
  return { nics: merged.map((c) => c.nic), notes };
}
