// A POSIX ustar archive of text files, as a string (the seed's files are written as UTF-8, and
// every byte here is ASCII, NUL or the files' own UTF-8 text): rejviz's first boot puts all its
// files in place with one `tar -x` instead of a process per file (first-boot-seed.ts). Fields
// follow POSIX.1-2001 pax's ustar format: 512-byte header blocks, octal numbers, the checksum
// over the header with its own field as spaces, contents padded to 512 bytes, two zero blocks.

export interface TarFile {
  /** Absolute path in the guest (stored relative: extracted with -C /). */
  path: string;
  content: string;
  mode: number;
  /** Names, as tar restores them when run by root (the users must exist by then). */
  user: string;
  group: string;
}

const BLOCK = 512;

function field(value: string, length: number): string {
  if (value.length > length) throw new Error(`Assertion failed: tar field ${JSON.stringify(value)} is longer than ${length}`);
  return value + '\0'.repeat(length - value.length);
}

// Octal, zero-padded, NUL-terminated: `length - 1` digits.
const octal = (n: number, length: number) => field(n.toString(8).padStart(length - 1, '0'), length);

// A name of more than 100 bytes is split at a slash into prefix (up to 155) and name.
function splitName(path: string): { name: string; prefix: string } {
  if (path.length <= 100) return { name: path, prefix: '' };
  for (let i = path.length - 101; i < path.length; i++) {
    if (path[i] === '/' && i <= 155 && path.length - i - 1 <= 100 && i > 0) return { prefix: path.slice(0, i), name: path.slice(i + 1) };
  }
  throw new Error(`Assertion failed: tar path ${path} cannot be stored in ustar's 100 + 155 bytes`);
}

function header(file: TarFile, size: number): string {
  const relative = file.path.replace(/^\/+/, '');
  // Paths and names are ASCII here (callers check); a multi-byte name would miscount.
  if (!/^[\x20-\x7e]+$/.test(relative + file.user + file.group)) throw new Error(`Assertion failed: tar path or owner of ${file.path} is not printable ASCII`);
  const { name, prefix } = splitName(relative);
  const fields = [
    field(name, 100), octal(file.mode & 0o7777, 8), octal(0, 8), octal(0, 8), octal(size, 12), octal(0, 12),
    ' '.repeat(8), '0', field('', 100), 'ustar\0', '00', field(file.user, 32), field(file.group, 32), octal(0, 8), octal(0, 8), field(prefix, 155),
  ].join('');
  const block = field(fields, BLOCK);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += block.charCodeAt(i);
  // The checksum: six octal digits, NUL, space (where the eight spaces were counted).
  return block.slice(0, 148) + sum.toString(8).padStart(6, '0') + '\0 ' + block.slice(156);
}

/** The archive of `files`, in order. */
export function ustar(files: readonly TarFile[]): string {
  const parts: string[] = [];
  for (const file of files) {
    const size = Buffer.byteLength(file.content, 'utf8');
    parts.push(header(file, size), file.content, '\0'.repeat((BLOCK - (size % BLOCK)) % BLOCK));
  }
  parts.push('\0'.repeat(2 * BLOCK));
  return parts.join('');
}
