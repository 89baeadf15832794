// Builds GuestFile records; every network file rejviz writes is owned by root.

import type { GuestFile } from './types.js';

/** A root-owned guest file with the given mode. */
export function rootFile(path: string, mode: number, content: string): GuestFile {
  return { path, mode, owner: 'root', uid: 0, gid: 0, content };
}
