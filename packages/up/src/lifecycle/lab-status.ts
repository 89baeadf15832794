// rejviz-up status: each machine of the lab as libvirt has it, with the addresses its record
// holds (decided when it was planned; how they were learned is said per address).
import { createServices, libvirtConnection, type Services } from '@rejviz/core';
import { labResources } from '../libvirt/lab-resources.js';

export interface MachineStatus {
  machine: string;
  domain: string;
  state: string;
  template: string | null;
  /** When rejviz-up created it (ISO 8601), and its age in whole seconds; null when its record lacks it. */
  created: string | null;
  ageSeconds: number | null;
  nics: { network: string; mac: string; address: string | null; source: 'planned' }[];
}

/** The lab's machines, in name order. */
export async function labStatus(request: { lab: string; uri?: string | null }, services?: Services): Promise<MachineStatus[]> {
  const s = services ?? (await createServices());
  const found = await labResources(s.runner, libvirtConnection(request.uri ?? null), request.lab);
  const now = Date.now();
  return found.domains
    .map((d) => ({
      machine: d.record.machine,
      domain: d.name,
      state: d.state,
      template: d.record.config?.template ?? null,
      created: d.record.created,
      ageSeconds: d.record.created === null ? null : Math.max(0, Math.floor((now - Date.parse(d.record.created)) / 1000)),
      nics: (d.record.config?.nics ?? []).map((n) => ({ network: n.network, mac: n.mac, address: n.address, source: 'planned' as const })),
    }))
    .sort((a, b) => (a.machine < b.machine ? -1 : a.machine > b.machine ? 1 : 0));
}
