// Where a build may write, decided before anything runs: the image at -o and the manifest at
// --manifest. Existing files and block devices are replaced only with --force; the manifest can
// never be the image (also through symlinks or hard links), and both directories must exist. The
// image and manifest are then written under temporary names beside their final paths and
// published together at the end (publish-files.ts in core).
import { accessSync, constants, lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '@rejviz/core';

export interface OutputTarget {
  path: string;
  /** 'device': an existing block device, written in place (it cannot be renamed onto). */
  kind: 'file' | 'device';
  /** Where the tool writes: a hidden temporary name in the same directory, or the device itself. */
  temp: string;
}

/** The hidden temporary name beside `path` that a run writes before publishing. */
export function tempBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.rejviz-${randomBytes(4).toString('hex')}.tmp`);
}

function checkDirectory(option: string, path: string): void {
  const dir = dirname(path);
  const s = statSync(dir, { throwIfNoEntry: false });
  if (s === undefined) throw new UsageError(`${option} ${path}: directory ${dir} does not exist; create it first`);
  if (!s.isDirectory()) throw new UsageError(`${option} ${path}: ${dir} is not a directory; give a path in a directory`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`${option} ${path}: directory ${dir} is not writable; choose another directory`);
  }
}

function existing(path: string): Stats | undefined {
  // lstat: a symlink (even a dangling one) at the path is something that would be replaced.
  return lstatSync(path, { throwIfNoEntry: false });
}

/** Checks -o (absolute path) before the build; --force allows replacing a file or writing a device. */
export function checkOutput(path: string, force: boolean): OutputTarget {
  checkDirectory('-o', path);
  const s = existing(path);
  if (s === undefined) return { path, kind: 'file', temp: tempBeside(path) };
  const target = s.isSymbolicLink() ? statSync(path, { throwIfNoEntry: false }) : s;
  if (target?.isDirectory()) throw new UsageError(`-o ${path}: is a directory; give a file name for the image`);
  if (target?.isBlockDevice()) {
    if (!force) throw new UsageError(`-o ${path}: is a block device; pass --force to overwrite the device with the image`);
    return { path, kind: 'device', temp: path };
  }
  if (target !== undefined && !target.isFile()) throw new UsageError(`-o ${path}: is not a regular file or block device; give a file name for the image`);
  if (!force) throw new UsageError(`-o ${path}: file exists; pass --force to replace it`);
  return { path, kind: 'file', temp: tempBeside(path) };
}

// The file a path names once every symlink (in the directories and at the end) is resolved.
function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return join(realpathSync(dirname(path)), basename(path));
  }
}

function sameInode(a: string, b: string): boolean {
  const x = statSync(a, { throwIfNoEntry: false });
  const y = statSync(b, { throwIfNoEntry: false });
  return x !== undefined && y !== undefined && x.dev === y.dev && x.ino === y.ino;
}

/** Checks --manifest FILE before the build; returns its absolute path. */
export function checkManifestPath(given: string, cwd: string, output: string, force: boolean): string {
  if (given === '-') throw new UsageError('--manifest -: rejviz-builder writes the manifest to a file; use --json to print it on stdout');
  const path = resolve(cwd, given);
  checkDirectory('--manifest', path);
  if (canonical(path) === canonical(output) || sameInode(path, output)) {
    throw new UsageError(`--manifest ${given}: is the output image ${output}; give the manifest its own file (e.g. ${basename(output)}.json)`);
  }
  const s = existing(path);
  if (s === undefined) return path;
  const target = s.isSymbolicLink() ? statSync(path, { throwIfNoEntry: false }) : s;
  if (target?.isDirectory()) throw new UsageError(`--manifest ${given}: is a directory; give a file name for the manifest`);
  if (target !== undefined && !target.isFile()) throw new UsageError(`--manifest ${given}: is not a regular file; give a file name for the manifest`);
  if (!force) throw new UsageError(`--manifest ${given}: file exists; pass --force to replace it`);
  return path;
}
