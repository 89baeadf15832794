// netplan YAML (/etc/netplan, /run/netplan, /lib/netplan). Each file is reported on its own;
// netplan itself merges all of them in lexical order of their basenames
// (docs/network-formats.md#netplan).
import { isMap } from 'yaml';
import { lineNote, withFileNotes } from './file-notes.js';
import { netplanEthernets } from './netplan-ethernets.js';
import type { GuestConfigFile, GuestNicConfig } from './types.js';
import { lineOf, parseYaml, yamlGet, yamlIsNull, yamlText } from './yaml-tree.js';

/** The NIC configurations in one netplan file. */
export function parseNetplan(file: GuestConfigFile): GuestNicConfig[] {
  const { src, errors } = parseYaml(file.path, file.content);
  if (errors.length > 0) return withFileNotes('netplan', file.path, [], [...errors, lineNote(file.path, null, 'netplan refuses this file, and with it the whole netplan configuration')]);
  const notes: string[] = [];
  if (file.mode !== undefined && (file.mode & 0o077) !== 0) {
    notes.push(lineNote(file.path, null, `mode 0${(file.mode & 0o777).toString(8)}: netplan warns the permissions are too open (wants 0600)`));
  }
  const top = src.doc.contents;
  if (top === null || yamlIsNull(top)) return withFileNotes('netplan', file.path, [], notes);
  const network = yamlGet(src, top, 'network');
  if (network === undefined) {
    notes.push(lineNote(file.path, lineOf(src, top), 'no top-level network: key'));
    return withFileNotes('netplan', file.path, [], notes);
  }
  const version = yamlGet(src, network, 'version');
  if (version !== undefined && yamlText(version) !== '2') notes.push(lineNote(file.path, lineOf(src, version), `network.version is ${yamlText(version) ?? '?'}; netplan reads version 2 only`));
  const ethernets = yamlGet(src, network, 'ethernets');
  if (ethernets !== undefined && !isMap(ethernets) && !yamlIsNull(ethernets)) {
    notes.push(lineNote(file.path, lineOf(src, ethernets), 'network.ethernets is not a mapping'));
  }
  return withFileNotes('netplan', file.path, netplanEthernets(src, network, 'netplan'), notes);
}
