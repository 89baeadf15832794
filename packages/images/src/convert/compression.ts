// Which compression a downloaded file has, from its first bytes rather than its name (a mirror
// may name an .xz "image.img"): xz, gzip, zstd or none.
import { open } from 'node:fs/promises';

export type Compression = 'xz' | 'gz' | 'zst' | 'none';

const MAGIC: readonly [Compression, readonly number[]][] = [
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['gz', [0x1f, 0x8b]],
  ['zst', [0x28, 0xb5, 0x2f, 0xfd]],
];

/** The file's compression. */
export async function sniffCompression(path: string): Promise<Compression> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const found = MAGIC.find(([, magic]) => bytesRead >= magic.length && magic.every((b, i) => head[i] === b));
    return found?.[0] ?? 'none';
  } finally {
    await handle.close();
  }
}
