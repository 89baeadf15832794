// Public surface of @rejviz/plugin-nic: --nic parsing and validation, MACs, and guest network renderers.
export type { Bootproto, GuestFile, GuestFileOwner, IpAddress, NicFormat, NicSpec, ParsedNic, RandomSource } from './types.js';
export { NIC_KEYS, type NicKey } from './nic-keys.js';
export { parseNicOption, type ParsedNicOption } from './parse-nic.js';
export { validateNics } from './validate-nics.js';
export { planNics } from './plan-nics.js';
export { assignMacs, generateMac } from './mac-address.js';
export { renderIfcfg } from './render-ifcfg.js';
export { renderKeyfile } from './render-keyfile.js';
export { renderNetplan, NETPLAN_PATH } from './render-netplan.js';
export { renderEni, type EniLayout } from './render-eni.js';
export { renderNetworkd } from './render-networkd.js';
export { renderCloudInitDisable, CLOUD_INIT_DISABLE_PATH } from './render-cloud-init-disable.js';
export { renderNics, type RenderOptions } from './render-nics.js';
export { formatForOsinfo, renderOptionsForOsinfo } from './format-for-osinfo.js';
export { uuid5, REJVIZ_UUID_NAMESPACE } from './uuid5.js';
export { nicPlugin } from './plugin.js';
export { competingFiles, eniMainFileCommand } from './competing-files.js';
export { formatForGuest } from './format-for-guest.js';
