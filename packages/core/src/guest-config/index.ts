// Pure readers of the network configuration files found inside a guest image.
export type { GuestAddress, GuestConfigFile, GuestConfigFormat, GuestNicConfig } from './types.js';
export { GUEST_CONFIG_GLOBS, guestConfigKind, type GuestConfigKind } from './guest-config-paths.js';
export { readGuestConfigs, parseGuestConfigFile, type ReadGuestConfigsOptions } from './read-guest-configs.js';
export { guestNicsForManifest } from './guest-nics-for-manifest.js';
export { cloudInitNetworkDisabled, parseCloudInit } from './parse-cloud-init.js';
export { parseEni } from './parse-eni.js';
export { parseIfcfg } from './parse-ifcfg.js';
export { parseKeyfile } from './parse-keyfile.js';
export { parseNetplan } from './parse-netplan.js';
export { parseNetworkd } from './parse-networkd.js';
export { parseNetworkdLink } from './parse-networkd-link.js';
export { parseUdevRules } from './parse-udev-rules.js';
