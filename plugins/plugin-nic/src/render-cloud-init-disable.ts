// Stops cloud-init from writing its own network config on first boot, which would compete with ours
// (docs/network-formats.md#what-every-format-shares).

import { rootFile } from './guest-file.js';
import type { GuestFile } from './types.js';

/** The file name cloud-init's own generated headers recommend for disabling its network config. */
export const CLOUD_INIT_DISABLE_PATH = '/etc/cloud/cloud.cfg.d/99-disable-network-config.cfg';

/** /etc/cloud/cloud.cfg.d/99-disable-network-config.cfg containing `network: {config: disabled}`. */
export function renderCloudInitDisable(): GuestFile {
  return rootFile(CLOUD_INIT_DISABLE_PATH, 0o644, '# Written by rejviz: the network is configured by --nic.\nnetwork: {config: disabled}\n');
}
