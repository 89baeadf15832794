// The network part of rejviz's first boot (first-boot-seed.ts): the guest's stack found from its
// own files, the NICs named by MAC, and plugin-nic's files for every format, of which the guest's
// script applies its stack's.
import type { ManifestNic } from '@rejviz/core';
import { checkManifestNics } from '@rejviz/core/nic';
import { competingFiles, eniMainFileCommand, renderCloudInitDisable, renderNics, type GuestFile, type NicFormat, type NicSpec } from '@rejviz/plugin-nic';
import { place, q, type Script } from './first-boot-script.js';
import { no } from './first-boot-wanted.js';

// The formats plugin-nic renders: the script has a branch for each, and runs the one it detected.
export const FORMATS: readonly NicFormat[] = ['keyfile', 'ifcfg', 'netplan', 'networkd', 'eni'];

// The guest's network stack, found as plugin-nic's formatForGuest finds it from an inspection
// (docs/network-formats.md#guest-stack-detection), here from the running guest's own files.
// Builtins only (no process): `.` reads os-release, `[` tests paths.
const DETECT_FORMAT = [
  'has() { for p in "$@"; do [ -e "$p" ] && return 0; done; return 1; }',
  'nic_format() {',
  '  ID= ID_LIKE= VERSION_ID=',
  '  if [ -r /etc/os-release ]; then . /etc/os-release; fi',
  '  major=${VERSION_ID%%.*}; case "$major" in ""|*[!0-9]*) major=0 ;; esac',
  '  if has /usr/sbin/NetworkManager && has /etc/systemd/system/multi-user.target.wants/NetworkManager.service /etc/systemd/system/dbus-org.freedesktop.NetworkManager.service; then',
  '    set -- /usr/lib*/NetworkManager/*/libnm-settings-plugin-ifcfg-rh.so',
  '    if [ -e "$1" ] && [ "$major" -gt 0 ]; then',
  '      case " $ID $ID_LIKE " in',
  '        *" rhel "*|*" centos "*|*" rocky "*|*" almalinux "*|*" ol "*|*" circle "*|*" scientific "*) if [ "$major" -le 8 ]; then format=ifcfg; return; fi ;;',
  '        " fedora "*) if [ "$major" -le 32 ]; then format=ifcfg; return; fi ;;',
  '      esac',
  '    fi',
  '    format=keyfile; return',
  '  fi',
  '  set -- /etc/netplan/*.yaml',
  '  if has /usr/sbin/netplan /lib/netplan/generate /usr/lib/netplan/generate /usr/libexec/netplan/generate && { [ -e "$1" ] || [ "$ID" = ubuntu ]; }; then format=netplan; return; fi',
  '  if has /usr/lib/systemd/systemd-networkd /lib/systemd/systemd-networkd && has /etc/systemd/system/multi-user.target.wants/systemd-networkd.service /etc/systemd/system/dbus-org.freedesktop.network1.service; then format=networkd; return; fi',
  '  if has /sbin/ifup /usr/sbin/ifup && has /etc/network/interfaces; then format=eni; return; fi',
  '  if has /sbin/ifup /usr/sbin/ifup && has /etc/sysconfig/network-scripts/network-functions; then format=ifcfg; return; fi',
  '  format=none',
  '}',
];

// netplan's YAML becomes networkd's or NetworkManager's files through its generator, which
// systemd ran before this unit: it is run again, its C binary (the netplan command is Python).
const NETPLAN_GENERATE = 'for g in /usr/libexec/netplan/generate /usr/lib/netplan/generate /lib/netplan/generate; do if [ -x "$g" ]; then "$g"; break; fi; done';

// Whether /etc/network/interfaces needs plugin-nic's edit (eniMainFileCommand: a stanza of one
// of our NICs, or no source line for interfaces.d), read with builtins: the edit itself starts
// four processes, and a template's file (the fixture's) usually needs none.
const ENI_NEEDS_EDIT = [
  'eni_needs_edit() {',
  '  [ -f /etc/network/interfaces ] || return 0',
  '  src=0',
  '  while read -r w1 w2 rest; do',
  '    case "$w1" in',
  '      auto|allow-*) for n in $w2 $rest; do case " $1 " in *" $n "*) return 0 ;; esac; done ;;',
  '      iface) case " $1 " in *" $w2 "*) return 0 ;; esac ;;',
  '      source|source-directory) case "$w2" in /etc/network/interfaces.d*) src=1 ;; esac ;;',
  '    esac',
  '  done < /etc/network/interfaces',
  '  [ $src = 0 ]',
  '}',
];

/**
 * Adds the network checks and steps for `nics` (none: nothing). Before the archive is extracted:
 * the names by MAC (one `ip -batch`) and `competing` set to the files of other configurations to
 * remove; after it (`afterFiles`): ENI's main file and netplan's generator.
 */
export function network(s: Script, nics: readonly ManifestNic[]): { afterFiles: string[] } {
  if (nics.length === 0) return { afterFiles: [] };
  const specs: NicSpec[] = checkManifestNics(nics.map((n) => ({ ...n })), (m) => no(`the NICs: ${m}`)).map((n) => ({ ...n, macGenerated: false }));
  s.check(
    ...DETECT_FORMAT,
    'nic_format',
    `[ "$format" != none ] || need "a network stack rejviz renders (NetworkManager, netplan, systemd-networkd, ifupdown or initscripts)"`,
    'command -v ip >/dev/null 2>&1 || need "the ip command (iproute2) to name the NICs by MAC"',
  );
  s.add('say "network: $format"');
  // Names by MAC for later boots (udev applies it as each NIC appears), then now: each NIC
  // whose MAC is one of ours and whose name is not goes to a temporary name first, since two
  // may swap names; one ip process runs them all.
  const rules = specs.map((n) => `SUBSYSTEM=="net", ACTION=="add", DRIVERS=="?*", ATTR{address}=="${n.mac}", NAME="${n.name}"\n`).join('');
  place(s, '/etc/udev/rules.d/70-rejviz-net.rules', `# Written by rejviz-up's first boot: NIC names by MAC.\n${rules}`, 'root:root', '0644');
  s.add(
    'nic_now() { for d in /sys/class/net/*; do a=; read -r a < "$d/address" 2>/dev/null || :; if [ "$a" = "$1" ]; then cur=${d##*/}; return 0; fi; done; return 1; }',
    'batch=/run/rejviz-first-boot.ip; : > "$batch"; renamed=',
  );
  specs.forEach((n, i) => s.add(`if nic_now ${n.mac} && [ "$cur" != ${q(n.name)} ]; then printf 'link set dev %s down\\nlink set dev %s name rjvnic${i}\\n' "$cur" "$cur" >> "$batch"; renamed="$renamed ${i}"; fi`));
  s.add('for i in $renamed; do case $i in');
  specs.forEach((n, i) => s.add(`  ${i}) printf 'link set dev rjvnic${i} name %s\\n' ${q(n.name)} >> "$batch"; say "NIC ${n.mac}: ${n.name} (renamed)" ;;`));
  s.add('esac; done', 'if [ -n "$renamed" ]; then ip -batch "$batch"; fi');
  s.add('competing=', 'case "$format" in');
  const after: string[] = ['case "$format" in'];
  for (const format of FORMATS) {
    const competing = competingFiles(format, specs);
    s.add(`${format}) competing=${q(competing.join(' '))} ;;`);
    const files: GuestFile[] = [...renderNics(format, specs), renderCloudInitDisable()];
    for (const f of files) place(s, f.path, f.content, 'root:root', f.mode.toString(8).padStart(4, '0'), format);
    const steps: string[] = [];
    if (format === 'eni' && files.some((f) => f.path.startsWith('/etc/network/interfaces.d/'))) {
      steps.push(...ENI_NEEDS_EDIT, `if eni_needs_edit ${q(specs.map((n) => n.name).join(' '))}; then ${eniMainFileCommand(specs.map((n) => n.name))}; fi`);
    }
    if (format === 'netplan') steps.push(NETPLAN_GENERATE);
    if (steps.length > 0) after.push(`${format})`, ...steps, ';;');
  }
  s.add('esac');
  after.push('esac');
  return { afterFiles: after };
}
