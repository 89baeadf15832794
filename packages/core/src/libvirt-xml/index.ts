// @rejviz/core/libvirt-xml: what rejviz reads from libvirt's own XML (virsh dumpxml, virsh
// net-dumpxml). A subpath of its own, like ./nic: reading a network's subnets loads ip-address,
// which a command's start should not pay for.
export type { DefinedDomain, DhcpHost, DhcpRange, DomainInterface, IpFamily, LibvirtNetwork, NetworkIp } from './types.js';
export { domainMetadata, parseDomainInterfaces, parseDomainXml } from './domain-xml.js';
export type { XmlElement } from './xml-tree.js';
export { parseDomainDisks, type DomainDisk } from './domain-disks.js';
export { parseNetworkXml } from './network-xml.js';
export { parsePoolTarget, parseVolumeCapacity, parseVolumeFiles, type VolumeFiles } from './storage-xml.js';
