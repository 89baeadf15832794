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
 * A guest shell command for ENI images: drops the stanzas of the NICs we configure from the main
 * /etc/network/interfaces (ifupdown fails on an interface declared twice, and a DHCP stanza there
 * would compete with ours), and adds the `source` line for interfaces.d when the file lacks it
 * (only Debian's installer writes it). Idempotent; runs in the guest at build time.
 */
export function eniMainFileCommand(names: readonly string[], file = '/etc/network/interfaces'): string {
  const list = ` ${names.join(' ')} `;
  const awk = [
    // auto/allow-hotplug lines: keep only the names that are not ours
    `/^[ \t]*(auto|allow-[a-z]+)[ \t]/ { k = ""; for (i = 2; i <= NF; i++) if (index(n, " " $i " ") == 0) k = k " " $i; if (k != "") print $1 k; next }`,
    // an iface stanza of ours is skipped up to the next stanza keyword
    `/^[ \t]*iface[ \t]/ { s = index(n, " " $2 " ") > 0 }`,
    `/^[ \t]*(mapping|source|source-directory|rename)[ \t]/ { s = 0 }`,
    `!s { print }`,
  ].join(' ');
  return [
    `f=${file}`,
    `if [ -f "$f" ]; then awk -v n='${list}' '${awk}' "$f" > "$f.rejviz" && cat "$f.rejviz" > "$f"; rm -f "$f.rejviz"; fi`,
    `grep -Eqs '^[[:space:]]*source(-directory)?[[:space:]]+/etc/network/interfaces.d' "$f" || printf '\\nsource /etc/network/interfaces.d/*\\n' >> "$f"`,
  ].join('; ');
}
