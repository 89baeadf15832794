// Reads every NIC configuration in a set of guest files, each file with the parser for its path.
import { parseCloudInit } from './parse-cloud-init.js';
import { parseEni } from './parse-eni.js';
import { parseIfcfg } from './parse-ifcfg.js';
import { parseKeyfile } from './parse-keyfile.js';
import { parseNetplan } from './parse-netplan.js';
import { parseNetworkd } from './parse-networkd.js';
import { parseNetworkdLink } from './parse-networkd-link.js';
import { parseUdevRules } from './parse-udev-rules.js';
import { lineNote } from './file-notes.js';
import { guestConfigKind } from './guest-config-paths.js';
import { shadowedFiles } from './shadowed-files.js';
import { emptyNicConfig, type GuestConfigFile, type GuestNicConfig } from './types.js';

export interface ReadGuestConfigsOptions {
  /** The guest's ifup is BusyBox: interfaces files are read as BusyBox ifupdown does. */
  busybox?: boolean;
}

/** The NIC configurations of one file, by its path; none for paths of no known format. */
export function parseGuestConfigFile(file: GuestConfigFile, opts: ReadGuestConfigsOptions = {}): GuestNicConfig[] {
  switch (guestConfigKind(file.path)) {
    case 'ifcfg': return parseIfcfg(file);
    case 'keyfile': return parseKeyfile(file);
    case 'netplan': return parseNetplan(file);
    case 'eni': return parseEni(file, { busybox: opts.busybox ?? false });
    case 'networkd': return parseNetworkd(file);
    case 'networkd-link': return parseNetworkdLink(file);
    case 'cloud-init': return parseCloudInit(file);
    case 'udev': return parseUdevRules(file);
    case null: return [];
  }
}

// On merged-/usr guests /lib is a link to /usr/lib, so both globs list the same file.
function withoutLibDuplicates(files: readonly GuestConfigFile[]): GuestConfigFile[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  return files.filter((f) => !(f.path.startsWith('/lib/') && byPath.get(`/usr${f.path}`)?.content === f.content));
}

/**
 * Every NIC configuration in `files`, ordered by path, then by position in the file. A file shadowed
 * by a same-named one in a directory of higher priority gives only a note saying so.
 */
export function readGuestConfigs(files: readonly GuestConfigFile[], opts: ReadGuestConfigsOptions = {}): GuestNicConfig[] {
  const sorted = withoutLibDuplicates(files).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const shadowed = shadowedFiles(sorted);
  return sorted.flatMap((file) => {
    const winner = shadowed.get(file.path);
    if (winner === undefined) return parseGuestConfigFile(file, opts);
    const kind = guestConfigKind(file.path);
    if (kind === null) return [];
    return [{ ...emptyNicConfig(kind, file.path), notes: [lineNote(file.path, null, `shadowed by ${winner}, which has the same name; not read`)] }];
  });
}
