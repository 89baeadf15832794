// The [Match] section shared by systemd .network and .link files: MACAddress= / PermanentMACAddress=
// and Name= are whitespace-separated lists; repeated lines add to them and an empty one clears them.
import { lineNote } from './file-notes.js';
import type { IniSection } from './ini-file.js';
import { normaliseMac } from '../nic/mac-address.js';
import { isNamePattern } from './name-pattern.js';
import type { GuestNicConfig } from './types.js';

/** The accumulated list of `keys` in [Match], with the line of each item. */
export function matchList(sections: IniSection[], keys: string[]): Array<{ item: string; line: number }> {
  let list: Array<{ item: string; line: number }> = [];
  for (const entry of sections.filter((s) => s.name === 'Match').flatMap((s) => s.entries)) {
    if (!keys.includes(entry.key)) continue;
    if (entry.value === '') list = [];
    else list.push(...entry.value.split(/\s+/).map((item) => ({ item, line: entry.line })));
  }
  return list;
}

/** Sets `mac` from [Match] MACAddress=/PermanentMACAddress= (the first, with a note when there are several). */
export function readMatchMac(config: GuestNicConfig, sections: IniSection[], file: string): void {
  const macs: string[] = [];
  for (const { item, line } of matchList(sections, ['MACAddress', 'PermanentMACAddress'])) {
    const mac = normaliseMac(item, 'guest') ?? null;
    if (mac === null) config.notes.push(lineNote(file, line, `'${item}' is not a MAC address`));
    else if (!macs.includes(mac)) macs.push(mac);
  }
  config.mac = macs[0] ?? null;
  if (macs.length > 1) config.notes.push(lineNote(file, null, `[Match] lists ${macs.length} MACs (${macs.join(', ')}); reporting the first`));
}

/** Sets `name` from [Match] Name=: one exact name, or a pattern / list of names (nameIsGlob). */
export function readMatchName(config: GuestNicConfig, sections: IniSection[]): void {
  const names = matchList(sections, ['Name']).map((n) => n.item);
  if (names.length === 0) return;
  config.name = names.join(' ');
  config.nameIsGlob = names.length > 1 || isNamePattern(names[0] as string);
}
