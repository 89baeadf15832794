// Reads a file named by an option, turning every way it can fail into a one-line usage error.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '@rejviz/core';

const MAX_BYTES = 1 << 20;

/** The text of `file` (relative to `cwd`); `option` names it in errors. */
export async function readInputFile(option: string, file: string, cwd: string): Promise<string> {
  const path = resolve(cwd, file);
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new UsageError(`${option} ${file}: ${why}; give a readable file`);
  }
  // NoCloud seeds are small; a huge file is almost certainly the wrong one (an image, a tarball).
  if (data.length > MAX_BYTES) throw new UsageError(`${option} ${file}: ${data.length} bytes is too large for a seed file (limit 1 MiB); check the path`);
  const text = data.toString('utf8');
  if (text.includes('\u0000') || text.includes('\uFFFD')) throw new UsageError(`${option} ${file}: not UTF-8 text; give a text file`);
  return text;
}
