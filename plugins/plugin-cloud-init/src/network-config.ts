// The NoCloud `network-config` file: cloud-init network config version 2 (the netplan schema),
// docs/network-formats.md#cloud-init-network-config. The `ethernets:` document is plugin-nic's one
// netplan renderer; the NICs pass the NIC rules every manifest passes first (@rejviz/core/nic: the
// same rules as --nic): NICs read from a manifest were checked when it was read, NICs found by
// inspecting an image are checked here.

import { UsageError, type ManifestNic } from '@rejviz/core';
import { checkManifestNics } from '@rejviz/core/nic';
import { netplanEthernets } from '@rejviz/plugin-nic/netplan';
import { OPTIONS } from './option-names.js';

/**
 * Renders network-config (version 2) for the guest's NICs, each matched by its MAC and renamed
 * with set-name; `source` names where the NICs came from in errors (e.g. `--manifest vm.json`).
 * Automatic IPv6 is left unsaid (netplan-ethernets.ts says why). With no NICs it is `version: 2`
 * with empty `ethernets`: still a network config, so cloud-init configures no interface and does
 * not fall back to DHCP on the first NIC (which it does when the seed has no network-config at
 * all). `network: {config: disabled}` is not used: that is a cloud.cfg / kernel command line
 * setting, not a datasource's network config.
 */
export function renderNetworkConfig(nics: readonly ManifestNic[], source: string = OPTIONS.manifest): string {
  const checked = checkManifestNics(nics, (message) => {
    throw new UsageError(`${source}: ${message}`);
  });
  if (checked.length === 0) return 'version: 2\nethernets: {}\n';
  return `${['version: 2', 'ethernets:', ...netplanEthernets(checked, { indent: '  ', automaticIpv6: 'unsaid' })].join('\n')}\n`;
}
