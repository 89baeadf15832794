// --osinfo for the domain from the image's OS (the manifest's osinfo, or what inspection found),
// when the user gave none: virt-install 4 refuses to import a disk without one, and it picks the
// devices (virtio or not, the machine type) from it. The id must be one this host's osinfo-db
// knows, or virt-install stops with "Unknown OS name"; an older osinfo-db (Debian 12 ships one
// without debian12) gets the newest older release of the same OS, and an OS it has no release of
// at all a generic Linux id (linux2022), each with a notice.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastOptionValue, type ToolOptionUse } from '@rejviz/core';

/** Where libosinfo reads its database: system, local and user directories. */
export function osinfoDirs(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME ?? '/root';
  return [
    env.OSINFO_SYSTEM_DIR || '/usr/share/osinfo',
    env.OSINFO_LOCAL_DIR || '/etc/osinfo',
    join(env.XDG_CONFIG_HOME || join(home, '.config'), 'osinfo'),
  ];
}

/**
 * "debian12" -> debian, [12]; "centos7.0" -> centos, [7, 0]; "centos-stream9" -> centos-stream,
 * [9] (its file is centos-stream-9.xml); null for ids without a version.
 */
function splitId(id: string): { family: string; version: number[] } | null {
  const m = /^([a-z][a-z-]*?)(\d+(?:\.\d+)*)$/.exec(id);
  return m ? { family: m[1]!, version: m[2]!.split('.').map(Number) } : null;
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

interface DbEntry {
  shortIds: string[];
  version: number[];
}

/**
 * The database entries of one OS family. Files are named FAMILY-VERSION.xml (debian-11.xml for
 * debian11), so only the family's files are read, not the ~800 of the whole database.
 */
function familyEntries(family: string, dirs: readonly string[]): DbEntry[] {
  const entries: DbEntry[] = [];
  const fileName = new RegExp(`^${family}-(\\d+(?:\\.\\d+)*)\\.xml$`);
  for (const dir of dirs) {
    const osDir = join(dir, 'os');
    if (!existsSync(osDir)) continue;
    for (const vendor of readdirSync(osDir, { withFileTypes: true })) {
      if (!vendor.isDirectory()) continue;
      for (const file of readdirSync(join(osDir, vendor.name))) {
        const m = fileName.exec(file);
        if (!m) continue;
        const text = readFileSync(join(osDir, vendor.name, file), 'utf8');
        const shortIds = [...text.matchAll(/<short-id>([^<]+)<\/short-id>/g)].map((s) => s[1]!);
        entries.push({ shortIds, version: m[1]!.split('.').map(Number) });
      }
    }
  }
  return entries;
}

export type OsinfoChoice =
  | { kind: 'exact'; osinfo: string }
  | { kind: 'older'; osinfo: string; wanted: string }
  | { kind: 'generic'; osinfo: string; wanted: string }
  | { kind: 'unknown'; wanted: string };

// Ids of OSes that are not Linux: a generic Linux id would give them the wrong devices.
const NOT_LINUX = /^(win|freebsd|openbsd|netbsd|dragonfly|opensolaris|solaris|haiku|freedos|macos|msdos|plan9)/;

/** The newest generic Linux id (linux2022, linux2020 ...) this host's osinfo-db has, or null. */
function genericLinux(dirs: readonly string[]): string | null {
  const newest = familyEntries('linux', dirs)
    .filter((e) => e.shortIds.length > 0)
    .sort((a, b) => compareVersions(b.version, a.version))[0];
  return newest?.shortIds[0] ?? null;
}

/**
 * What to pass as --osinfo for the image's OS id on this host: the id, else the newest older
 * release of its OS, else (no release of it at all, and not an OS known not to be Linux) the
 * newest generic Linux id, with which virt-install still imports the disk with virtio devices.
 */
export function chooseOsinfo(wanted: string, dirs: readonly string[]): OsinfoChoice {
  const id = splitId(wanted);
  const entries = id ? familyEntries(id.family, dirs) : [];
  if (entries.some((e) => e.shortIds.includes(wanted))) return { kind: 'exact', osinfo: wanted };
  const older = entries
    .filter((e) => e.shortIds.length > 0 && compareVersions(e.version, id!.version) < 0)
    .sort((a, b) => compareVersions(b.version, a.version))[0];
  if (older) return { kind: 'older', osinfo: older.shortIds[0]!, wanted };
  const generic = NOT_LINUX.test(wanted) ? null : genericLinux(dirs);
  return generic ? { kind: 'generic', osinfo: generic, wanted } : { kind: 'unknown', wanted };
}

/** The --osinfo arguments to add and a notice, or nothing when the user chose one or the OS is not known. */
export function osinfoArgs(uses: readonly ToolOptionUse[], imageOsinfo: string | null, from: string, env: NodeJS.ProcessEnv): { args: string[]; why: string; notice: string | null } | null {
  if (lastOptionValue(uses, ['--osinfo', '--os-variant']) !== undefined || imageOsinfo === null) return null;
  const choice = chooseOsinfo(imageOsinfo, osinfoDirs(env));
  switch (choice.kind) {
    case 'exact':
      return { args: ['--osinfo', choice.osinfo], why: `the image's OS (${from})`, notice: null };
    case 'older':
      return {
        args: ['--osinfo', choice.osinfo],
        why: `the image's OS ${choice.wanted} (${from}) is not in this host's osinfo-db; its newest older release`,
        notice: `--osinfo ${choice.osinfo}: this host's osinfo-db does not know ${choice.wanted} (the image's OS), so the domain is set up for its newest older release; pass --osinfo to choose`,
      };
    case 'generic':
      return {
        args: ['--osinfo', choice.osinfo],
        why: `the image's OS ${choice.wanted} (${from}) has no release in this host's osinfo-db; a generic Linux`,
        notice: `--osinfo ${choice.osinfo}: this host's osinfo-db has no release of ${choice.wanted} (the image's OS), so the domain is set up for a generic Linux; pass --osinfo to choose`,
      };
    case 'unknown':
      return {
        args: [],
        why: '',
        notice: `the image's OS ${choice.wanted} (${from}) is not in this host's osinfo-db; pass --osinfo NAME (virt-install --osinfo list shows the names)`,
      };
  }
}
