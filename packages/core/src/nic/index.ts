// @rejviz/core/nic: the NIC rules (docs/network-formats.md#bad-nic-input) on a structured NIC,
// shared by plugin-nic's --nic parser and the image manifest reader; the manifest's form of a NIC;
// and the one IP module and one MAC module every package uses. A subpath of its own: it loads
// ip-address, which a command's start should not pay for.
export { BOOTPROTOS, type Bootproto, type NicConfig, type NicWithMac } from './nic-config.js';
export type { NicReport, NicWords } from './nic-words.js';
export { checkNic, type NicCheckOptions } from './check-nic.js';
export { checkNicSet, type WordedNic } from './check-nics.js';
export { checkManifestNics, manifestNic } from './manifest-nics.js';
export { IPV4_FORM } from './check-addresses.js';
export { MTU_RANGE } from './check-settings.js';
export * from './interface-name.js';
export * from './ip-address.js';
export * from './mac-address.js';
