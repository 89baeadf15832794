// The directory rejviz-up gen writes: all of it or nothing. The files go into a new private
// directory beside DIR, which is renamed to DIR only when every file is written, so a failure or
// a stop signal never leaves DIR half-written. DIR may be new, empty, or hold an earlier gen
// output of the same lab (recognised by its mark file), which is replaced; anything else is
// refused before any work is done.
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ERROR_CODES, onCleanup, UsageError } from '@rejviz/core';

/** The file that marks a directory as rejviz-up gen's output, naming its lab. */
export const GEN_MARK = '.rejviz-up-gen';

/** A file to write, by its path inside DIR. */
export interface GenFile {
  path: string;
  content: string;
  /** 0o600 for what may hold secrets (user-data), else 0o644. */
  mode: number;
}

type DirState = 'missing' | 'empty' | 'earlier';

/** What DIR holds now; refuses a DIR gen may not replace (exit 2, nothing run). `shown`: DIR as the user gave it. */
export async function checkGenDir(dir: string, lab: string, shown: string = dir): Promise<DirState> {
  const info = await stat(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw new UsageError(`--makefile ${shown}: cannot be read (${e.code ?? e.message}); give a directory you can write`, ERROR_CODES.INPUT);
  });
  if (info === null) return 'missing';
  if (!info.isDirectory()) throw new UsageError(`--makefile ${shown}: not a directory; give a new or empty directory`, ERROR_CODES.INPUT);
  const entries = await readdir(dir);
  if (entries.length === 0) return 'empty';
  const mark = entries.includes(GEN_MARK) ? await readFile(join(dir, GEN_MARK), 'utf8').catch(() => '') : null;
  const owner = mark === null ? null : (/^lab (\S+)$/m.exec(mark)?.[1] ?? null);
  if (owner === null) {
    throw new UsageError(`--makefile ${shown}: the directory holds other files (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ' ...' : ''}); give a new or empty directory (gen replaces only its own earlier output)`, ERROR_CODES.CONFLICT);
  }
  if (owner !== lab) {
    throw new UsageError(`--makefile ${shown}: it holds the Makefile of lab ${owner}; give another directory (its make destroy takes lab ${owner} away), or remove it`, ERROR_CODES.CONFLICT);
  }
  return 'earlier';
}

/** Writes `files` as DIR, replacing an earlier output of the same lab. */
export async function writeGenDir(dir: string, lab: string, files: readonly GenFile[], shown: string = dir): Promise<void> {
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  // mkdtemp makes it 0700: DIR stays private (user-data may hold secrets).
  const temporary = await mkdtemp(join(parent, `.${basename(dir)}.gen-`));
  const undo = onCleanup(`gen output being written ${temporary}`, () => rm(temporary, { recursive: true, force: true }));
  try {
    for (const file of [...files, { path: GEN_MARK, content: `lab ${lab}\n`, mode: 0o644 }]) {
      const path = join(temporary, file.path);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await writeFile(path, file.content, { mode: file.mode, flag: 'wx' });
    }
    // Checked again: DIR may have changed while the lab was planned.
    const state = await checkGenDir(dir, lab, shown);
    if (state === 'earlier') {
      const old = `${temporary}.old`;
      await rename(dir, old);
      await rename(temporary, dir);
      await rm(old, { recursive: true, force: true });
    } else {
      // rename(2) replaces an empty directory.
      await rename(temporary, dir);
    }
    undo.dismiss();
  } catch (error) {
    await undo.run();
    throw error;
  }
}
