// The seed script being rendered (first-boot-seed.ts): its checks, its lines, the data files it
// reads, and the files it puts in place, gathered into one tar archive per network format.
import { quoteArg, type SeedFile } from '@rejviz/core';
import type { NicFormat } from '@rejviz/plugin-nic';
import type { TarFile } from './ustar.js';

/**
 * The script's lines and files. Under TCG every process the script starts costs 80-250 ms on an
 * idle guest and up to a second in early boot, when udev and journald compete for the vCPUs
 * (docs/benchmarks.md), so it starts few: shell builtins read files, and one `tar -x` puts every
 * file in place with its owner and mode.
 */
export class Script {
  /** Run first: nothing is changed before all of them have passed. */
  readonly checks: string[] = [];
  readonly lines: string[] = [];
  readonly data: SeedFile[] = [];
  /** Files for every guest; per format, the network's. */
  readonly files: TarFile[] = [];
  readonly formatFiles = new Map<NicFormat, TarFile[]>();
  /** A seed file holding `content`; returns the shell word of its path in the mounted seed. */
  file(content: string): string {
    const name = `rejviz-data-${this.data.length + 1}`;
    this.data.push({ name, content, shown: `(${Buffer.byteLength(content)} bytes, not shown)` });
    return `"$seed/${name}"`;
  }
  add(...lines: string[]): void {
    this.lines.push(...lines);
  }
  check(...lines: string[]): void {
    this.checks.push(...lines);
  }
}

export const q = quoteArg;

/** A file for the archive; `owner` as cloud-init's (USER or USER:GROUP), `mode` octal text. */
export function place(s: Script, path: string, content: string, owner: string, mode: string, format?: NicFormat): void {
  const [user, group] = owner.split(':');
  const file: TarFile = { path, content, mode: Number.parseInt(mode, 8), user: user!, group: group ?? user! };
  if (format === undefined) s.files.push(file);
  else s.formatFiles.set(format, [...(s.formatFiles.get(format) ?? []), file]);
}
