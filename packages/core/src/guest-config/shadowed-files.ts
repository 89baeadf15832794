// Files that never take effect because a file of the same name sits in a directory of higher
// priority: systemd network files (/etc > /run > /usr/local/lib > /usr/lib > /lib; an empty file
// masks) and netplan files (/run > /etc > /lib) (docs/network-formats.md#netplan,
// docs/network-formats.md#systemd-networkd).
import type { GuestConfigFile } from './types.js';

const FAMILIES: ReadonlyArray<{ pattern: RegExp; dirs: string[] }> = [
  { pattern: /^\/(etc|run|usr\/local\/lib|usr\/lib|lib)\/systemd\/network\/([^/]+\.(?:network|link))$/, dirs: ['etc', 'run', 'usr/local/lib', 'usr/lib', 'lib'] },
  { pattern: /^\/(run|etc|usr\/lib|lib)\/netplan\/([^/]+\.yaml)$/, dirs: ['run', 'etc', 'usr/lib', 'lib'] },
];

/** Path of each shadowed file → path of the file that shadows it. */
export function shadowedFiles(files: readonly GuestConfigFile[]): Map<string, string> {
  const shadowed = new Map<string, string>();
  for (const { pattern, dirs } of FAMILIES) {
    const winners = new Map<string, { path: string; rank: number }>();
    const matches = files.flatMap((f) => {
      const m = pattern.exec(f.path);
      return m === null ? [] : [{ path: f.path, name: m[2] as string, rank: dirs.indexOf(m[1] as string) }];
    });
    for (const m of matches) {
      const best = winners.get(m.name);
      if (best === undefined || m.rank < best.rank) winners.set(m.name, m);
    }
    for (const m of matches) {
      const best = winners.get(m.name);
      if (best !== undefined && best.path !== m.path) shadowed.set(m.path, best.path);
    }
  }
  return shadowed;
}
