// cloud-init network configuration: `network:` in /etc/cloud/cloud.cfg and cloud.cfg.d/*.cfg, and a
// NoCloud seed's network-config (passed as e.g. `seed:/network-config`), whose top level may be the
// config itself. Version 1 and version 2 (netplan schema)
// (docs/network-formats.md#cloud-init-network-config).
import { cloudInitV1 } from './cloud-init-v1.js';
import { lineNote, withFileNotes } from './file-notes.js';
import { isSeedNetworkConfig } from './guest-config-paths.js';
import { netplanEthernets } from './netplan-ethernets.js';
import type { GuestConfigFile, GuestNicConfig } from './types.js';
import { lineOf, parseYaml, yamlGet, yamlText, type YamlSource } from './yaml-tree.js';

function networkNode(src: YamlSource, path: string): unknown {
  const top = src.doc.contents;
  const wrapped = yamlGet(src, top, 'network');
  if (wrapped !== undefined || !isSeedNetworkConfig(path)) return wrapped;
  return yamlGet(src, top, 'version') !== undefined || yamlGet(src, top, 'config') !== undefined ? top : undefined;
}

function isDisabled(src: YamlSource, network: unknown): boolean {
  return yamlText(yamlGet(src, network, 'config')) === 'disabled';
}

/** The NIC configurations cloud-init would render from one file (none when it disables networking). */
export function parseCloudInit(file: GuestConfigFile): GuestNicConfig[] {
  const { src, errors } = parseYaml(file.path, file.content);
  if (errors.length > 0) return withFileNotes('cloud-init', file.path, [], [...errors, lineNote(file.path, null, 'cloud-init cannot read this file')]);
  const notes: string[] = [];
  const network = networkNode(src, file.path);
  if (network === undefined || isDisabled(src, network)) return withFileNotes('cloud-init', file.path, [], notes);
  const versionNode = yamlGet(src, network, 'version');
  const version = yamlText(versionNode);
  let configs: GuestNicConfig[] = [];
  if (version === '1') configs = cloudInitV1(src, network, notes);
  else if (version === '2') configs = netplanEthernets(src, network, 'cloud-init');
  else notes.push(lineNote(file.path, lineOf(src, versionNode ?? network), `network config version ${version ?? '(missing)'}: cloud-init reads 1 or 2`));
  return withFileNotes('cloud-init', file.path, configs, notes);
}

/** The cloud-init file that disables its network configuration (`network: {config: disabled}`), or null. */
export function cloudInitNetworkDisabled(files: readonly GuestConfigFile[]): string | null {
  // cloud.cfg, then cloud.cfg.d/* in name order, then the seed: the last one saying so is reported.
  const order = (path: string) => (isSeedNetworkConfig(path) ? 2 : path === '/etc/cloud/cloud.cfg' ? 0 : 1);
  const candidates = files
    .filter((f) => isSeedNetworkConfig(f.path) || f.path === '/etc/cloud/cloud.cfg' || /^\/etc\/cloud\/cloud\.cfg\.d\/[^/]+\.cfg$/.test(f.path))
    .sort((a, b) => order(a.path) - order(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  let found: string | null = null;
  for (const file of candidates) {
    const { src, errors } = parseYaml(file.path, file.content);
    const network = networkNode(src, file.path);
    if (errors.length === 0 && network !== undefined && isDisabled(src, network)) found = file.path;
  }
  return found;
}
