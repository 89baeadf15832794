// Renders one netplan file for all NICs (docs/network-formats.md#netplan). The document is
// netplan-ethernets.ts's.

import { rootFile } from './guest-file.js';
import { netplanEthernets } from './netplan-ethernets.js';
import type { GuestFile, NicSpec } from './types.js';

/**
 * Where the netplan file goes. 60- sorts after cloud-init's 50-cloud-init.yaml, so our scalars win
 * if both exist; lists would still merge, so callers must remove competing files
 * (docs/network-formats.md#competing-configurations).
 */
export const NETPLAN_PATH = '/etc/netplan/60-rejviz.yaml';

/** /etc/netplan/60-rejviz.yaml (mode 0600, as netplan ≥0.106 warns otherwise) for all NICs. */
export function renderNetplan(nics: readonly NicSpec[]): GuestFile[] {
  if (nics.length === 0) return [];
  const lines = ['# Written by rejviz from --nic options.', 'network:', '  version: 2', '  ethernets:'];
  const content = [...lines, ...netplanEthernets(nics, { indent: '    ', automaticIpv6: 'dhcp6' })].join('\n');
  return [rootFile(NETPLAN_PATH, 0o600, `${content}\n`)];
}
