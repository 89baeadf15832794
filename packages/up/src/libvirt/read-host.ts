// What the libvirt connection holds that planning a lab needs, in two virsh processes (core's
// readLibvirtState): every network (for existing ones' subnets and DHCP ranges), every domain
// with its lab record, and what other labs and domains use (MACs, addresses).
import { readLibvirtState, type LibvirtConnection, type Runner } from '@rejviz/core';
import { managementPortInXml } from './management-port.js';
import { parseDomainXml, parseNetworkXml, type LibvirtNetwork } from '@rejviz/core/libvirt-xml';
import type { ExistingDomain } from '../plan/plan-lab.js';
import { readMachineRecord } from './machine-metadata.js';

export interface HostView {
  networks: LibvirtNetwork[];
  /** Each domain with its NICs' MACs and, for one with a management NIC, its port on 127.0.0.1. */
  domains: (ExistingDomain & { macs: string[]; managementPort: number | null })[];
}

/** Reads the connection's networks and domains. */
export async function readHost(runner: Runner, connection: LibvirtConnection): Promise<HostView> {
  const state = await readLibvirtState(runner, connection, null);
  return {
    networks: state.networkXml.map((xml) => parseNetworkXml(xml, 'virsh net-dumpxml')),
    domains: state.domainXml.map((xml) => {
      const domain = parseDomainXml(xml, 'virsh dumpxml');
      return { name: domain.name, record: readMachineRecord(xml), macs: domain.interfaces.flatMap((i) => (i.mac ? [i.mac] : [])), managementPort: managementPortInXml(xml) };
    }),
  };
}
