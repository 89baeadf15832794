// The lab's record in each of its domains: <metadata> in rejviz-up's own XML namespace, naming
// the lab and the machine and holding the machine's configuration. Status and plans read it back
// from libvirt, so they can never drift from what exists.
import { domainMetadata } from '@rejviz/core/libvirt-xml';
import type { MachineConfig } from '../plan/machine-config.js';
import { digest, userDataDigest } from '../plan/machine-config.js';

/** rejviz-up's metadata namespace (an identifier; nothing is fetched from it). */
export const LAB_XMLNS = 'https://rejviz.invalid/xmlns/up/1';
/** The prefix `virsh metadata --key` gives the element. */
export const LAB_XMLNS_KEY = 'rejviz-up';

/** What a domain's metadata says about it. */
export interface MachineRecord {
  lab: string;
  machine: string;
  /** The digest of `config`, as written. */
  digest: string;
  /** null when the record cannot be read (written by a newer rejviz-up, or edited by hand). */
  config: MachineConfig | null;
  /** When rejviz-up created the machine (ISO 8601), or null in a record without it. */
  created: string | null;
  /** The machine's groups when it was created (not in the config: a new group replaces nothing). */
  groups: string[];
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The metadata element for `virsh metadata DOMAIN URI --key rejviz-up --set XML`, or inside <metadata>. */
export function machineMetadataXml(lab: string, machine: string, config: MachineConfig, created: Date = new Date(), groups: readonly string[] = []): string {
  const groupsAttr = groups.length > 0 ? ` groups="${escapeXml(JSON.stringify(groups))}"` : '';
  return `<${LAB_XMLNS_KEY}:machine xmlns:${LAB_XMLNS_KEY}="${LAB_XMLNS}" lab="${escapeXml(lab)}" name="${escapeXml(machine)}" digest="${digest(config)}" created="${created.toISOString()}"${groupsAttr}>${escapeXml(JSON.stringify(config))}</${LAB_XMLNS_KEY}:machine>`;
}

/** The record in a domain's XML (virsh dumpxml), or null for a domain that is no lab's. */
export function readMachineRecord(domainXml: string): MachineRecord | null {
  const element = domainMetadata(domainXml, LAB_XMLNS);
  if (!element) return null;
  const lab = element.attributes.get('lab');
  const machine = element.attributes.get('name');
  if (!lab || !machine) return null;
  let config: MachineConfig | null;
  try {
    config = JSON.parse(element.text) as MachineConfig;
    // A record written before userData was kept as a digest holds the object: compared as its digest.
    const legacy = (config as { userData?: unknown } | null)?.userData;
    if (config && legacy && typeof legacy === 'object') config.userData = userDataDigest(lab, machine, legacy as Record<string, unknown>);
  } catch {
    config = null;
  }
  const created = element.attributes.get('created');
  return { lab, machine, digest: element.attributes.get('digest') ?? '', config, created: created && !Number.isNaN(Date.parse(created)) ? created : null, groups: readGroups(element.attributes.get('groups')) };
}

function readGroups(text: string | undefined): string[] {
  if (!text) return [];
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
  } catch {
    return [];
  }
}
