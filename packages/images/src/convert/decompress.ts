// Decompresses a verified download in place (the compressed file goes, so a big image needs its
// space once, not twice): gzip with node's zlib, xz and zstd with their tools through core's
// runner (the one module that spawns). A full disk is the disk-full error, with the half-written
// output removed.
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { ToolError, type Runner } from '@rejviz/core';
import { ImageError } from '../image-error.js';
import type { Compression } from './compression.js';

function diskFull(path: string): ImageError {
  return new ImageError('disk-full', `no space left on the device decompressing into ${path}; free some space or point XDG_CACHE_HOME elsewhere`);
}

async function run(runner: Runner, tool: 'xz' | 'zstd', args: string[], output: string): Promise<void> {
  try {
    await runner.run(tool, args, { installHint: tool === 'xz' ? 'apt-get install xz-utils' : 'apt-get install zstd' });
  } catch (err) {
    await rm(output, { force: true });
    if (err instanceof ToolError && /No space left on device/i.test(err.stderrTail)) throw diskFull(output);
    if (err instanceof ToolError) throw new ImageError('image', `the download is not valid ${tool} data (${err.stderrTail.split('\n').pop()}); the file on the server is damaged`);
    throw err;
  }
}

async function gunzip(input: string, output: string): Promise<void> {
  try {
    await pipeline(createReadStream(input), createGunzip(), createWriteStream(output));
  } catch (err) {
    await rm(output, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') throw diskFull(output);
    if (code?.startsWith('Z_')) throw new ImageError('image', `the download is not valid gzip data (${(err as Error).message}); the file on the server is damaged`);
    throw err;
  }
}

/**
 * Decompresses `input` (compressed with `kind`: compression.ts) into `output`; `input` is gone
 * afterwards. Not compressed: renamed there.
 */
export async function decompressInPlace(runner: Runner, input: string, output: string, kind: Compression): Promise<void> {
  if (kind === 'none') {
    await rename(input, output);
    return;
  }
  if (kind === 'gz') await gunzip(input, output);
  // xz decompresses FILE.xz to FILE; -T0 lets a multi-block file use every core.
  if (kind === 'xz') {
    await rename(input, `${output}.xz`);
    await run(runner, 'xz', ['--decompress', '--quiet', '-T0', `${output}.xz`], output);
  }
  if (kind === 'zst') await run(runner, 'zstd', ['--decompress', '--quiet', '--force', '-o', output, input], output);
  await rm(input, { force: true });
}
