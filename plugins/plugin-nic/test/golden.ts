// Helpers for comparing rendered guest files with inline goldens.

import type { ExecutionContext } from 'ava';
import type { GuestFile } from '../src/index.js';

/** A rendered file as [path, mode, content]; ownership is checked separately. */
export type Golden = [path: string, mode: number, content: string];

/** Reduces files to goldens after asserting each is root-owned (uid 0, gid 0). */
export function goldenOf(t: ExecutionContext, files: GuestFile[]): Golden[] {
  for (const f of files) t.deepEqual([f.owner, f.uid, f.gid], ['root', 0, 0], `${f.path} must be root-owned`);
  return files.map((f) => [f.path, f.mode, f.content]);
}
