// Turns the output of probeScript() into GuestFacts. A failed probe (missing file) printed nothing
// on stdout, so an empty answer means "absent".
import { assert } from '../errors.js';
import type { GuestFacts, GuestOs, NetworkStacks, OsRelease } from './guest-facts.js';
import { ARTIFACTS, OS_KEYS, PROBE_MARKER } from './probe-script.js';

type Artifact = (typeof ARTIFACTS)[number];

/** Splits guestfish output into answers by marker. */
function sections(stdout: string): Map<string, string> {
  // Not anchored to a line start: `cat` of a file without a final newline runs into the next marker.
  const parts = stdout.split(new RegExp(`${PROBE_MARKER} (\\S+)\\r?\\n`));
  const answers = new Map<string, string>();
  for (let i = 1; i + 1 < parts.length; i += 2) answers.set(parts[i] as string, parts[i + 1] as string);
  return answers;
}

function lines(text: string | undefined): string[] {
  return (text ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

function parseOs(answers: Map<string, string>): GuestOs | null {
  if (lines(answers.get('roots')).length === 0) return null;
  const get = (key: (typeof OS_KEYS)[number]) => lines(answers.get(`os.${key}`))[0] ?? 'unknown';
  const num = (key: (typeof OS_KEYS)[number]) => Number.parseInt(get(key), 10) || 0;
  return {
    type: get('type'),
    distro: get('distro'),
    major: num('major-version'),
    minor: num('minor-version'),
    arch: get('arch'),
    osinfo: get('osinfo'),
    hostname: get('hostname'),
    productName: get('product-name'),
  };
}

// os-release is a shell-compatible assignment list; values may be single- or double-quoted.
function unquote(value: string): string {
  if (/^'.*'$/.test(value)) return value.slice(1, -1);
  if (/^".*"$/.test(value)) return value.slice(1, -1).replace(/\\(["\\$`])/g, '$1');
  return value;
}

/** Reads ID, ID_LIKE and VERSION_ID from os-release text; null when it has no ID. */
export function parseOsRelease(text: string): OsRelease | null {
  const vars = new Map<string, string>();
  for (const line of lines(text)) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) vars.set(m[1], unquote(m[2]));
  }
  const id = vars.get('ID');
  if (!id) return null;
  return { id, idLike: (vars.get('ID_LIKE') ?? '').split(/\s+/).filter(Boolean), versionId: vars.get('VERSION_ID') ?? '' };
}

function parseStacks(answers: Map<string, string>): NetworkStacks {
  // GLOB_MARK appends '/' to directories; none of the artifacts is one, but be tolerant.
  const found = lines(answers.get('artifacts')).map((p) => p.replace(/\/$/, ''));
  const has = (...paths: Artifact[]) => paths.some((p) => found.includes(p));
  const matching = (re: RegExp) => found.filter((p) => re.test(p)).sort();
  const ifupLinks = [...lines(answers.get('ifup-link.sbin')), ...lines(answers.get('ifup-link.usr-sbin'))];
  const ifup = has('/sbin/ifup', '/usr/sbin/ifup');
  const nm = has('/usr/sbin/NetworkManager');
  const networkd = has('/usr/lib/systemd/systemd-networkd', '/lib/systemd/systemd-networkd');
  return {
    networkManager: {
      installed: nm,
      enabled: nm && has('/etc/systemd/system/multi-user.target.wants/NetworkManager.service',
        '/etc/systemd/system/dbus-org.freedesktop.NetworkManager.service'),
    },
    nmIfcfgRh: matching(/^\/usr\/lib[^/]*\/NetworkManager\/[^/]+\/libnm-settings-plugin-ifcfg-rh\.so$/).length > 0,
    initscripts: ifup && has('/etc/sysconfig/network-scripts/network-functions'),
    netplan: {
      installed: has('/usr/sbin/netplan', '/lib/netplan/generate', '/usr/lib/netplan/generate', '/usr/libexec/netplan/generate'),
      configs: matching(/^\/etc\/netplan\/[^/]+\.yaml$/),
    },
    // initscripts has an ifup too: only /etc/network/interfaces makes it ifupdown.
    ifupdown: { installed: ifup && has('/etc/network/interfaces'), busybox: ifupLinks.some((l) => /(^|\/)busybox$/.test(l)) },
    networkd: {
      installed: networkd,
      enabled: networkd && has('/etc/systemd/system/multi-user.target.wants/systemd-networkd.service',
        '/etc/systemd/system/dbus-org.freedesktop.network1.service'),
    },
    wicked: has('/usr/sbin/wicked'),
    cloudInit: has('/usr/bin/cloud-init'),
  };
}

// GRUB_CMDLINE_LINUX="… net.ifnames=0", kernelopts=… net.ifnames=0, APPEND … net.ifnames=0;
// a commented-out line does not count.
function hasNetIfnamesZero(cmdline: string | undefined): boolean {
  return lines(cmdline).some((l) => !l.startsWith('#') && /(?:^|[\s"'=])net\.ifnames=0(?=$|[\s"'])/.test(l));
}

/** Parses the output of probeScript() (guestfish stdout). */
export function parseProbes(stdout: string): GuestFacts {
  const answers = sections(stdout);
  assert(answers.has('roots') && answers.has('end'), 'guestfish output lacks the probe markers');
  const osRelease = parseOsRelease(answers.get('os-release') ?? '') ?? parseOsRelease(answers.get('os-release.usr') ?? '');
  return { os: parseOs(answers), osRelease, stacks: parseStacks(answers), netIfnamesZero: hasNetIfnamesZero(answers.get('cmdline')) };
}
