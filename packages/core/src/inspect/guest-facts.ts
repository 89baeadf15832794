// What rejviz knows about a guest image after one read-only libguestfs inspection: the OS as
// libguestfs identifies it, /etc/os-release, and which network stacks are installed and enabled
// (docs/network-formats.md#guest-stack-detection).

/** The OS of the image's first root, as libguestfs inspection reports it ("unknown" when it cannot tell). */
export interface GuestOs {
  /** linux, windows, freebsd, … */
  type: string;
  /** debian, centos, rhel, ubuntu, … (inspect-get-distro) */
  distro: string;
  major: number;
  minor: number;
  arch: string;
  /** The libosinfo short id, e.g. debian12, centos7.0. */
  osinfo: string;
  hostname: string;
  productName: string;
}

/** The fields of /etc/os-release that classify derivatives libguestfs does not know. */
export interface OsRelease {
  id: string;
  idLike: string[];
  versionId: string;
}

/**
 * Network stacks found in the image (docs/network-formats.md#guest-stack-detection): "installed"
 * means its program is there.
 */
export interface NetworkStacks {
  networkManager: { installed: boolean; enabled: boolean };
  /** NetworkManager's ifcfg-rh settings plugin is present, so NM reads ifcfg files. */
  nmIfcfgRh: boolean;
  /** The legacy initscripts network service (network-functions plus ifup). */
  initscripts: boolean;
  /** configs: /etc/netplan/*.yaml files. */
  netplan: { installed: boolean; configs: string[] };
  /** An ifupdown-style ifup with /etc/network/interfaces; busybox: that ifup is BusyBox's applet. */
  ifupdown: { installed: boolean; busybox: boolean };
  networkd: { installed: boolean; enabled: boolean };
  wicked: boolean;
  cloudInit: boolean;
}

/** Everything rejviz reads from a guest image to choose how to configure its network. */
export interface GuestFacts {
  /** null: libguestfs found no operating system. */
  os: GuestOs | null;
  osRelease: OsRelease | null;
  stacks: NetworkStacks;
  /** The kernel command line has net.ifnames=0, so NICs are named ethN. */
  netIfnamesZero: boolean;
}

/** One line for humans naming the stacks found, e.g. "NetworkManager (enabled), ifupdown". */
export function describeStacks(facts: GuestFacts): string {
  const s = facts.stacks;
  const found: string[] = [];
  const onOff = (enabled: boolean) => (enabled ? ' (enabled)' : ' (not enabled)');
  if (s.networkManager.installed) found.push(`NetworkManager${onOff(s.networkManager.enabled)}${s.nmIfcfgRh ? ' with ifcfg-rh' : ''}`);
  if (s.networkd.installed) found.push(`systemd-networkd${onOff(s.networkd.enabled)}`);
  if (s.netplan.installed) found.push(`netplan (${s.netplan.configs.length} config${s.netplan.configs.length === 1 ? '' : 's'})`);
  if (s.ifupdown.installed) found.push(s.ifupdown.busybox ? 'BusyBox ifupdown' : 'ifupdown');
  if (s.initscripts) found.push('initscripts');
  if (s.wicked) found.push('wicked');
  if (s.cloudInit) found.push('cloud-init');
  return found.length > 0 ? found.join(', ') : 'no known network stack';
}
