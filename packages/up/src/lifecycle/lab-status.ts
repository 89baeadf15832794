// rejviz-up status: each machine of the lab as libvirt has it, with its NICs' addresses and how
// each was learned: planned (the record's static address), or asked of libvirt (discover-addresses.ts).
import { createServices, libvirtConnection, type Services } from '@rejviz/core';
import { labResources } from '../libvirt/lab-resources.js';
import { templateVolumeName } from '../libvirt/pool.js';
import { readTemplateRecords, type TemplateSourceRecord } from '../state/template-sources.js';
import { discoverAddresses, isTestDriverUri, type NicAddress, type NicAddresses } from './discover-addresses.js';

export type { NicAddress } from './discover-addresses.js';

/** One NIC of a machine: where it is attached, and its addresses. */
export interface NicStatus {
  network: string;
  mac: string;
  /** The first of `addresses` (IPv4 first), or null when none is known. */
  address: string | null;
  addresses: NicAddress[];
  /** How `addresses` were learned: planned, agent, lease or arp; null when none is known. */
  source: NicAddresses['source'];
  /** Only when no address is known: why, in one line. */
  why?: string;
}

export interface MachineStatus {
  machine: string;
  domain: string;
  state: string;
  template: string | null;
  /** When rejviz-up created it (ISO 8601), and its age in whole seconds; null when its record lacks it. */
  created: string | null;
  ageSeconds: number | null;
  nics: NicStatus[];
  /** Its management NIC (management: true): where the guest's ssh is forwarded to; null without one. */
  management: { host: string; port: number } | null;
  /** What its template image was built from (a virt-builder template, or a cloud image with its verification level); null when not recorded. */
  templateSource: TemplateSourceRecord | null;
}

/** The lab's machines, in name order. */
export async function labStatus(request: { lab: string; uri?: string | null }, services?: Services): Promise<MachineStatus[]> {
  const s = services ?? (await createServices());
  const connection = libvirtConnection(request.uri ?? null);
  const found = await labResources(s.runner, connection, request.lab);
  const now = Date.now();
  const domains = found.domains
    .map((d) => ({ ...d, nics: d.record.config?.nics ?? [] }))
    .sort((a, b) => (a.record.machine < b.record.machine ? -1 : a.record.machine > b.record.machine ? 1 : 0));
  // virsh takes the default connection from these when no -c is given (virsh(1), ENVIRONMENT).
  const uri = request.uri ?? s.env.VIRSH_DEFAULT_CONNECT_URI ?? s.env.LIBVIRT_DEFAULT_URI ?? null;
  // What each template image was built from: recorded by its build, by volume name (state/template-sources.ts).
  const sources = new Map((await readTemplateRecords(s.env)).map((r) => [r.volume, r.from]));
  const sourceOf = (config: { template: string; templateDigest: string } | null | undefined) => (config ? sources.get(templateVolumeName(config.template, config.templateDigest)) ?? null : null);
  const addresses = await discoverAddresses(s.runner, connection, domains.map((d) => ({ domain: d.name, state: d.state, nics: d.nics })), isTestDriverUri(uri));
  return domains.map((d, i) => ({
    machine: d.record.machine,
    domain: d.name,
    state: d.state,
    template: d.record.config?.template ?? null,
    created: d.record.created,
    ageSeconds: d.record.created === null ? null : Math.max(0, Math.floor((now - Date.parse(d.record.created)) / 1000)),
    nics: d.nics.map((n, j) => {
      const known = addresses[i]![j]!;
      return { network: n.network, mac: n.mac, address: known.addresses[0]?.address ?? null, addresses: known.addresses, source: known.source, ...(known.why !== undefined && { why: known.why }) };
    }),
    management: d.managementPort === null ? null : { host: '127.0.0.1', port: d.managementPort },
    templateSource: sourceOf(d.record.config),
  }));
}
