// One error about the lab file: FILE:LINE:COL: KEY PATH: what is wrong; the fix. Exit 2, nothing
// created (a UsageError with code RJV-INPUT, docs/errors.md).
import { ERROR_CODES, UsageError } from '@rejviz/core';
import { pathText, positionOf, type LabPath, type LabSource, type Position } from './lab-source.js';

/** A lab file error, with where it is for programs (an editor, `--json`). */
export class LabFileError extends UsageError {
  constructor(
    message: string,
    readonly file: string,
    readonly position: Position,
    readonly path: LabPath,
  ) {
    super(message, ERROR_CODES.INPUT);
  }
}

/** The error for the value at `path` (or its key, with `key`), at `at` when the caller knows better. */
export function labError(source: LabSource, path: LabPath, problem: string, fix: string, at?: Position, key = false): LabFileError {
  const pos = at ?? positionOf(source, path, key);
  const where = path.length > 0 ? ` ${pathText(path)}:` : '';
  return new LabFileError(`${source.file}:${pos.line}:${pos.col}:${where} ${problem}; ${fix}`, source.file, pos, path);
}
