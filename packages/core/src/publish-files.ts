// Publishes finished files (an image, its manifest) from their temporary names beside the final
// ones, all or none, without ever overwriting a file that appeared at a final path meanwhile
// (another run, the user) unless replacing was asked for. Synchronous on purpose: a stop signal
// is handled between event-loop turns, so it can come before or after, never in the middle.
import { linkSync, openSync, closeSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { ERROR_CODES, UsageError } from './errors.js';

export interface Publication {
  /** The temporary file, in the same directory as `path`. */
  temp: string;
  path: string;
  /** Replace an existing `path` (--force); otherwise an existing one is an error and stays as it is. */
  replace: boolean;
  /** Names the file in the error: e.g. '-o', '--manifest'. */
  option: string;
}

/** Thrown when a final path was taken while the run worked; nothing was published. */
export class PublishConflictError extends UsageError {
  constructor(readonly path: string, option: string) {
    super(`${option} ${path}: a file appeared there while this run was working (another run?); it was left as it is and this run's result discarded; pass --force to replace it`, ERROR_CODES.CONFLICT);
    this.name = 'PublishConflictError';
  }
}

// Without replacing: a hard link fails with EEXIST when the name is taken, atomically. File
// systems without hard links get an exclusively created placeholder that the rename replaces.
function placeNoReplace(temp: string, path: string, option: string): 'linked' | 'renamed' {
  try {
    linkSync(temp, path);
    return 'linked';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new PublishConflictError(path, option);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EMLINK') throw err;
  }
  try {
    closeSync(openSync(path, 'wx'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new PublishConflictError(path, option);
    throw err;
  }
  renameSync(temp, path);
  return 'renamed';
}

function sameFile(a: string, b: string): boolean {
  const x = statSync(a, { throwIfNoEntry: false });
  const y = statSync(b, { throwIfNoEntry: false });
  return x !== undefined && y !== undefined && x.ino === y.ino && x.dev === y.dev;
}

/**
 * Publishes every file or none: when one cannot be placed, those placed before it are taken back
 * (only names still pointing at this run's own file). Temporary names are gone afterwards.
 */
export function publishFiles(files: readonly Publication[]): void {
  const placed: { file: Publication; how: 'linked' | 'renamed' }[] = [];
  try {
    for (const file of files) {
      if (file.replace) {
        renameSync(file.temp, file.path);
        placed.push({ file, how: 'renamed' });
      } else placed.push({ file, how: placeNoReplace(file.temp, file.path, file.option) });
    }
  } catch (err) {
    for (const { file, how } of placed.reverse()) {
      // A replaced file cannot be brought back (--force said it may go); a linked one is unlinked
      // while it is still this run's, a renamed placeholder goes back to its temporary name.
      if (how === 'linked' && sameFile(file.temp, file.path)) unlinkSync(file.path);
      else if (how === 'renamed' && !file.replace) renameSync(file.path, file.temp);
    }
    throw err;
  }
  // After a hard link the temporary name remains; after a rename it is gone.
  for (const { file, how } of placed) if (how === 'linked') unlinkSync(file.temp);
}
