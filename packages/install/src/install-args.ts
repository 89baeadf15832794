// What rejviz-install needs from the virt-install arguments it passes through: the domain name,
// the connection, the disks and the options that change its own decisions. Read the way
// virt-install's argparse reads them (prefixes such as --conn included).
import { resolve } from 'node:path';
import { readToolOptions, splitSubOptions, UsageError, type ToolInfo, type ToolOptionUse } from '@rejviz/core';

export interface DiskArg {
  /** A local path (path=, or the bare first item), or null for vol=/size=-only disks. */
  path: string | null;
  /** vol=POOL/VOLUME, when given. */
  volume: string | null;
  format: string | null;
  device: string;
}

export interface InstallArgs {
  uses: ToolOptionUse[];
  name: string;
  uri: string | null;
  disks: DiskArg[];
  virtType: string | null;
}

// virt-install's short and second names for the options read here (its --help pairs them).
const ALIASES: Record<string, string> = { '-n': '--name', '-w': '--network', '--os-variant': '--osinfo', '-l': '--location', '-x': '--extra-args' };

/** Parses one --disk value into what inspection needs. */
export function parseDiskArg(value: string, cwd: string): DiskArg {
  const items = splitSubOptions(value);
  if ('error' in items) throw new UsageError(`--disk ${value}: ${items.error}; see virt-install --disk=?`);
  const get = (key: string) => items.findLast(([k]) => k === key)?.[1] ?? null;
  const first = items[0];
  const bare = first !== undefined && first[1] === null ? first[0] : null;
  const path = get('path') ?? (bare !== null && bare !== 'none' ? bare : null);
  return { path: path === null ? null : resolve(cwd, path), volume: get('vol'), format: get('format') ?? get('driver.type'), device: get('device') ?? 'disk' };
}

/** Reads the passthrough arguments; --name is required (the seed volume and MAC checks need it). */
export function readInstallArgs(args: readonly string[], info: ToolInfo, cwd: string, requireName = true): InstallArgs {
  const uses = readToolOptions(args, info, true).map((use) => ({ ...use, option: ALIASES[use.option] ?? use.option }));
  const last = (option: string) => uses.findLast((use) => use.option === option)?.value ?? null;
  const name = last('--name');
  if (requireName && (name === null || name === '')) throw new UsageError('--name NAME is required: rejviz-install names the seed volume after it and checks other domains against it');
  const disks = uses.filter((use) => use.option === '--disk' && use.value !== null).map((use) => parseDiskArg(use.value as string, cwd));
  return { uses, name: name ?? '', uri: last('--connect'), disks, virtType: last('--virt-type') };
}
