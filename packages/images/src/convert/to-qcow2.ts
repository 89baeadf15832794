// The image as a qcow2 rejviz can layer overlays on. Only raw and qcow2 are accepted: other formats
// (vmdk descriptors, for one) can name host files as their extents, and a qcow2 that names a
// backing file or an external data file would make a guest read host files; both are refused.
// qemu-img reads the header only (info opens no backing chain); raw is converted with -f raw, so
// its content is never probed again.
import { rename, rm } from 'node:fs/promises';
import { ToolError, type Runner } from '@rejviz/core';
import { ImageError } from '../image-error.js';

export interface ImageInfo {
  format: string;
  virtualSize: number;
  backingFile: string | null;
  dataFile: string | null;
}

const HINT = 'apt-get install qemu-utils';

/** What qemu-img says about the file's header. */
export async function imageInfo(runner: Runner, path: string): Promise<ImageInfo> {
  const res = await runner.run('qemu-img', ['info', '--output=json', path], { readOnly: true, installHint: HINT });
  const info = JSON.parse(res.stdout) as Record<string, unknown>;
  const specific = info['format-specific'] as { data?: Record<string, unknown> } | undefined;
  return {
    format: String(info.format),
    virtualSize: Number(info['virtual-size']),
    backingFile: (info['backing-filename'] as string | undefined) ?? null,
    dataFile: (specific?.data?.['data-file'] as string | undefined) ?? null,
  };
}

/** Makes `input` a self-contained qcow2 at `output` (`input` is gone); returns the format it had. */
export async function toQcow2(runner: Runner, input: string, output: string, label: string, onConvert?: () => void): Promise<string> {
  const info = await imageInfo(runner, input);
  if (info.backingFile !== null) throw new ImageError('image', `${label} names a backing file (${info.backingFile}); a downloaded image must stand alone, refusing it`);
  if (info.dataFile !== null) throw new ImageError('image', `${label} names an external data file (${info.dataFile}); refusing it`);
  if (info.format === 'qcow2') {
    await rename(input, output);
    return info.format;
  }
  if (info.format !== 'raw') throw new ImageError('image', `${label} is a ${info.format} image; rejviz takes qcow2 or raw images`);
  onConvert?.();
  try {
    await runner.run('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', input, output], { installHint: HINT });
  } catch (err) {
    await rm(output, { force: true });
    if (err instanceof ToolError && /No space left on device/i.test(err.stderrTail)) {
      throw new ImageError('disk-full', `no space left on the device converting ${label} to qcow2; free some space or point XDG_CACHE_HOME elsewhere`);
    }
    throw err;
  }
  await rm(input, { force: true });
  return info.format;
}
