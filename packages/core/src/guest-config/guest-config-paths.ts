// Where guests keep NIC configuration, as globs a guestfish script can glob-expand, and which parser
// reads a given path.
import type { GuestConfigFormat } from './types.js';

/** Guest paths and globs of every file readGuestConfigs() understands. */
export const GUEST_CONFIG_GLOBS: readonly string[] = Object.freeze([
  '/etc/sysconfig/network-scripts/ifcfg-*',
  '/etc/sysconfig/network/ifcfg-*',
  '/etc/NetworkManager/system-connections/*',
  '/run/NetworkManager/system-connections/*.nmconnection',
  '/usr/lib/NetworkManager/system-connections/*.nmconnection',
  '/etc/netplan/*.yaml',
  '/run/netplan/*.yaml',
  '/lib/netplan/*.yaml',
  '/etc/network/interfaces',
  '/etc/network/interfaces.d/*',
  ...['/etc', '/run', '/usr/lib', '/lib', '/usr/local/lib'].flatMap((dir) => [`${dir}/systemd/network/*.network`, `${dir}/systemd/network/*.link`]),
  '/etc/cloud/cloud.cfg',
  '/etc/cloud/cloud.cfg.d/*.cfg',
  '/etc/udev/rules.d/*.rules',
]);

/** True for a NoCloud seed's network-config (the caller names it e.g. `seed:/network-config`). */
export function isSeedNetworkConfig(path: string): boolean {
  return path.startsWith('seed:') || path.endsWith('/network-config');
}

/** The parser a path needs: every format but 'busybox-eni', which is 'eni' read for a BusyBox guest. */
export type GuestConfigKind = Exclude<GuestConfigFormat, 'busybox-eni'>;

// Backups and package-manager leftovers the readers skip (initscripts __sed_discard_ignored_files,
// NM nm_keyfile_utils_ignore_filename).
const LEFTOVER = /(~|\.bak|\.old|\.orig|\.rej|\.swp|\.tmp|\.rpmnew|\.rpmorig|\.rpmsave|\.dpkg-[a-z]+|\.nmmeta)$/;

function keyfileName(path: string): boolean {
  const m = /^\/(etc|run|usr\/lib)\/NetworkManager\/system-connections\/([^/]+)$/.exec(path);
  if (m === null || (m[2] as string).startsWith('.')) return false;
  // Under /etc a file without the suffix still loads "for backward-compatibility"; elsewhere it must have it.
  return (m[2] as string).endsWith('.nmconnection') || (m[1] === 'etc' && !LEFTOVER.test(m[2] as string));
}

/** Which parser reads `path`; null for files that are none of the known formats. */
export function guestConfigKind(path: string): GuestConfigKind | null {
  if (/^\/etc\/sysconfig\/(network-scripts|network)\/ifcfg-[^/]+$/.test(path)) return LEFTOVER.test(path) ? null : 'ifcfg';
  if (keyfileName(path)) return 'keyfile';
  if (/^\/(etc|run|lib|usr\/lib)\/netplan\/[^/]+\.yaml$/.test(path)) return 'netplan';
  if (path === '/etc/network/interfaces' || /^\/etc\/network\/interfaces\.d\/[^/]+$/.test(path)) return LEFTOVER.test(path) ? null : 'eni';
  const networkd = /^\/(etc|run|usr\/lib|lib|usr\/local\/lib)\/systemd\/network\/[^/]+\.(network|link)$/.exec(path);
  if (networkd !== null) return networkd[2] === 'link' ? 'networkd-link' : 'networkd';
  if (path === '/etc/cloud/cloud.cfg' || /^\/etc\/cloud\/cloud\.cfg\.d\/[^/]+\.cfg$/.test(path) || isSeedNetworkConfig(path)) return 'cloud-init';
  if (/^\/etc\/udev\/rules\.d\/[^/]+\.rules$/.test(path)) return 'udev';
  return null;
}
