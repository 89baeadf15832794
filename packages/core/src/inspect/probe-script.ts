// The guestfish script that answers every question about a guest's OS and network stack in one
// appliance launch (docs/network-formats.md#guest-stack-detection). Run it as `guestfish --ro
// [--format=F] -a IMG... < script` with REJVIZ_PROBE_DIR naming an empty, writable host directory.

/** Starts every answer in the script's output: `@@rejviz@@ KEY` on a line of its own. */
export const PROBE_MARKER = '@@rejviz@@';

/** The environment variable naming the host directory the script keeps the root's name in. */
export const PROBE_DIR_ENV = 'REJVIZ_PROBE_DIR';

/** inspect-get-* facts asked about the first root, in output order. */
export const OS_KEYS = ['type', 'distro', 'major-version', 'minor-version', 'arch', 'osinfo', 'hostname', 'product-name'] as const;

/**
 * Every path whose existence is a network-stack artifact (the probes of
 * docs/network-formats.md#guest-stack-detection); globs allowed. glob(3) lists a
 * symlink even when it dangles, so a stack counts as enabled only when its binary is there too.
 */
export const ARTIFACTS = [
  '/usr/sbin/NetworkManager',
  '/etc/systemd/system/multi-user.target.wants/NetworkManager.service',
  '/etc/systemd/system/dbus-org.freedesktop.NetworkManager.service',
  '/usr/lib*/NetworkManager/*/libnm-settings-plugin-ifcfg-rh.so',
  '/etc/sysconfig/network-scripts/network-functions',
  '/sbin/ifup',
  '/usr/sbin/ifup',
  '/etc/network/interfaces',
  '/usr/sbin/netplan',
  '/lib/netplan/generate',
  '/usr/lib/netplan/generate',
  '/usr/libexec/netplan/generate',
  '/etc/netplan/*.yaml',
  '/usr/lib/systemd/systemd-networkd',
  '/lib/systemd/systemd-networkd',
  '/etc/systemd/system/multi-user.target.wants/systemd-networkd.service',
  '/etc/systemd/system/dbus-org.freedesktop.network1.service',
  '/usr/sbin/wicked',
  '/usr/bin/cloud-init',
  '/etc/cloud/cloud.cfg',
] as const;

/**
 * Files that may carry the kernel command line
 * (docs/network-formats.md#interface-names-and-renaming), searched for net.ifnames.
 */
export const CMDLINE_SOURCES = [
  '/etc/default/grub',
  '/etc/kernel/cmdline',
  '/boot/extlinux.conf',
  '/boot/extlinux/extlinux.conf',
  '/boot/grub/grub.cfg',
  '/boot/grub2/grub.cfg',
  '/boot/grub2/grubenv',
] as const;

const dir = `"$${PROBE_DIR_ENV}"`;

function ask(key: string, ...commands: string[]): string[] {
  return [`echo ${PROBE_MARKER} ${key}`, ...commands.map((c) => `-${c}`)];
}

// guestfish has no variables, so the root's name reaches later commands through the host: `|`
// hands a command's output to a host shell command and `<!` runs the commands a host shell
// command prints. The first root's name and mountpoints travel through files in REJVIZ_PROBE_DIR.
// The `; true` keeps a guest with no OS (empty files) from aborting the script.
const rootCommands =
  `<! awk -v keys='${OS_KEYS.join(' ')}' 'NR == 1 { n = split(keys, k, " "); ` +
  `for (i = 1; i <= n; i++) printf "echo ${PROBE_MARKER} os.%s\\n-inspect-get-%s %s\\n", k[i], k[i], $0; ` +
  `printf "echo ${PROBE_MARKER} mountpoints\\n-inspect-get-mountpoints %s | tee ${dir.replace(/"/g, '\\"')}/mounts\\n", $0 }' ` +
  `${dir}/roots; true`;

// Parents before children, as guestfish -i does: sorted by mountpoint length. Only a failure to
// mount / stops the script; a missing /boot/efi must not.
const mountCommands =
  `<! test -s ${dir}/mounts && awk -F ': ' '{ print length($1), $1, $2 }' ${dir}/mounts | sort -n | ` +
  `awk '{ print ($2 == "/" ? "" : "-") "mount-ro", $3, $2 }'; true`;

/**
 * The guestfish script (without -i) that prints the facts parseProbes reads, framed by markers;
 * `extra` lines (e.g. configFileCommands) run after the probes, in the same session.
 */
export function probeScript(extra: readonly string[] = []): string {
  const lines = [
    'run',
    `echo ${PROBE_MARKER} roots`,
    `inspect-os | tee ${dir}/roots`,
    rootCommands,
    mountCommands,
    // GLOB_BRACE: one call answers every existence probe; glob-expand lists only what exists.
    ...ask('artifacts', `glob-expand /{${ARTIFACTS.map((p) => p.slice(1)).join(',')}}`),
    ...ask('ifup-link.sbin', 'readlinklist /sbin ifup'),
    ...ask('ifup-link.usr-sbin', 'readlinklist /usr/sbin ifup'),
    ...ask('os-release', 'cat /etc/os-release'),
    ...ask('os-release.usr', 'cat /usr/lib/os-release'),
    ...ask('cmdline', ...CMDLINE_SOURCES.map((f) => `grep net.ifnames ${f}`), 'glob grep net.ifnames /boot/loader/entries/*.conf'),
    ...extra,
    `echo ${PROBE_MARKER} end`,
  ];
  return `${lines.join('\n')}\n`;
}
