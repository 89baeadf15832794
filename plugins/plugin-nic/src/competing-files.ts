// Network configs an image may already carry for the NICs we configure, that would compete with
// ours (two profiles for one NIC, or netplan merging DHCP into our static config). Files at the
// path we write are simply replaced; these live elsewhere and are deleted.
import type { NicFormat, NicSpec } from './types.js';

/** Guest paths to delete before writing `format` files for `nics`. */
export function competingFiles(format: NicFormat, nics: readonly NicSpec[]): string[] {
  switch (format) {
    case 'netplan':
      return ['/etc/netplan/50-cloud-init.yaml'];
    case 'keyfile':
      return nics.map((n) => `/etc/NetworkManager/system-connections/cloud-init-${n.name}.nmconnection`);
    case 'networkd':
      return nics.map((n) => `/etc/systemd/network/10-cloud-init-${n.name}.network`);
    case 'eni':
      return ['/etc/network/interfaces.d/50-cloud-init', '/etc/network/interfaces.d/50-cloud-init.cfg'];
    case 'ifcfg':
      return [];
  }
}

/**
 * Debian's /etc/network/interfaces sources interfaces.d only when its installer wrote that line;
 * a shell one-liner adds it when missing (idempotent, runs in the guest at build time).
 */
export const ENSURE_ENI_SOURCED =
  "grep -Eqs '^[[:space:]]*source(-directory)?[[:space:]]+/etc/network/interfaces.d' /etc/network/interfaces || printf '\\nsource /etc/network/interfaces.d/*\\n' >> /etc/network/interfaces";
