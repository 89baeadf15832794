// systemd .link files: [Match] MACAddress= with [Link] Name= renames the NIC with that MAC, which
// ties a name to a MAC for configs that bind by name
// (docs/network-formats.md#interface-names-and-renaming).
import { withFileNotes } from './file-notes.js';
import { iniLast, parseIni } from './ini-file.js';
import { readMatchMac } from './networkd-match.js';
import { emptyNicConfig, type GuestConfigFile, type GuestNicConfig } from './types.js';

/** The naming rule of one .link file; none when it gives no Name= (e.g. only NamePolicy=). */
export function parseNetworkdLink(file: GuestConfigFile): GuestNicConfig[] {
  // An empty file masks a same-named file in a directory of lower priority, and configures nothing.
  if (file.content === '') return [];
  const { sections, notes } = parseIni(file.content, file.path, 'systemd');
  const name = iniLast(sections, ['Link'], 'Name')?.value ?? '';
  if (name === '') return withFileNotes('networkd-link', file.path, [], notes);
  const config = { ...emptyNicConfig('networkd-link', file.path), name };
  readMatchMac(config, sections, file.path);
  return withFileNotes('networkd-link', file.path, [config], notes);
}
