// The seed script being rendered (first-boot-seed.ts): its checks, its lines, and the data
// files it copies into place.
import { quoteArg, type SeedFile } from '@rejviz/core';

/**
 * The script's lines with the data files they copy. Under TCG every process the script starts
 * costs 80-250 ms (measured in the debian-12 fixture), so it starts few: shell builtins read
 * files, and one `install` puts each file in place with its owner and mode.
 */
export class Script {
  /** Run first: nothing is changed before all of them have passed. */
  readonly checks: string[] = [];
  readonly lines: string[] = [];
  readonly data: SeedFile[] = [];
  /** A seed file holding `content` (named `name` when given); returns the shell word of its path in the mounted seed. */
  file(content: string, name = `rejviz-data-${this.data.length + 1}`): string {
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

/** install(1)'s owner options for cloud-init's `owner` (USER or USER:GROUP). */
function ownerArgs(owner: string): string {
  const [user, group] = owner.split(':');
  return `-o ${q(user!)}${group ? ` -g ${q(group)}` : ''}`;
}

/** Puts a seed file in place with its owner and mode, its directory made first (one process). */
export function place(s: Script, path: string, content: string, owner: string, mode: string, append = false): void {
  if (append) {
    // Appended (cloud-init's append: true): the file may have content of its own.
    s.add(`mkdir -p ${q(path.slice(0, path.lastIndexOf('/')) || '/')}`, `cat ${s.file(content)} >> ${q(path)}`, `chown ${q(owner)} ${q(path)}`, `chmod ${mode} ${q(path)}`);
    return;
  }
  s.add(`install -D -m ${mode} ${ownerArgs(owner)} ${s.file(content)} ${q(path)}`);
}
