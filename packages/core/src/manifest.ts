// The image manifest that rejviz-builder writes (--json / --manifest FILE) and rejviz-install and
// rejviz-peek read. Its JSON Schema is schemas/image-manifest.schema.json (validated on read).
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ERROR_CODES, UsageError } from './errors.js';
import { untilStopped } from './stop-signals.js';
import { validate as validateManifest } from './generated/image-manifest-validate.js';
import type { IpAddress } from './nic/ip-address.js';
import type { Bootproto } from './nic/nic-config.js';
import { formatAjvErrors, type AjvError } from './schema.js';

/** One guest NIC as the manifest holds it: the --nic settings, with the MAC the image was built for. */
export interface ManifestNic {
  name: string;
  /** Lowercase xx:xx:xx:xx:xx:xx. */
  mac: string;
  bootproto: Bootproto;
  /** Static addresses of both families, each with its prefix length. */
  addresses: IpAddress[];
  /** The IPv4 gateway; a default route unless `defroute` is false. */
  gateway: string | null;
  gateway6: string | null;
  dns: string[];
  mtu: number | null;
  /** true: the gateways are reachable on the link even outside the NIC's subnets (--nic onlink=yes); null: not said. */
  onlink: boolean | null;
  /** false: the NIC installs no default route, its gateways notwithstanding (--nic defroute=no); null: not said. */
  defroute: boolean | null;
}

/**
 * A manifest NIC as a file may hold it: the current form, or the one rejviz-builder wrote before
 * the manifest kept the NIC's structure, with "ADDRESS/PREFIX" strings and no onlink or defroute
 * (its gateways were then the default gateways only). The reader accepts both and returns the
 * current form.
 */
export type StoredManifestNic = Omit<ManifestNic, 'addresses' | 'onlink' | 'defroute'> & {
  addresses: (IpAddress | string)[];
  onlink?: boolean | null;
  defroute?: boolean | null;
};

export interface ImageManifest {
  /** Absolute path of the built image. */
  image: string;
  format: string;
  template: string;
  osinfo: string | null;
  nicFormat: string | null;
  nics: ManifestNic[];
  /** The exact wrapped-tool command line (shell-escaped; secrets never appear in it). */
  command: string;
}

const schemaUrl = new URL('../../schemas/image-manifest.schema.json', import.meta.url);

/** The JSON Schema of the image manifest. */
export function imageManifestSchema(): object {
  return JSON.parse(readFileSync(schemaUrl, 'utf8')) as object;
}

/**
 * Parses and validates a manifest (schema, then the NIC rules of --nic); `source` names it in
 * errors. The NICs come back in the current form with canonical texts, whichever form was read.
 */
export async function parseImageManifest(text: string, source: string): Promise<ImageManifest> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--manifest ${source}: not JSON (${(err as Error).message}); pass the output of rejviz-builder --json`, ERROR_CODES.INPUT);
  }
  return checkImageManifest(data, `--manifest ${source}`);
}

/**
 * Validates a manifest given as data (parsed JSON, or an object a library caller made): the
 * schema, then the NIC rules of --nic. `label` starts every message (e.g. '--manifest vm.json').
 */
export async function checkImageManifest(data: unknown, label: string): Promise<ImageManifest> {
  // The schema's own words for this one ("must match pattern ^/") would puzzle a reader.
  const image = (data as { image?: unknown } | null)?.image;
  if (typeof image === 'string' && image !== '' && !image.startsWith('/')) {
    throw new UsageError(`${label}: image ${image} is not an absolute path; write the image's absolute path (rejviz-builder does)`, ERROR_CODES.INPUT);
  }
  // Precompiled from the schema (src/generated): no ajv load or compile on a command's start.
  const problems = validateManifest(data) ? [] : formatAjvErrors((validateManifest as unknown as { errors: AjvError[] | null }).errors);
  if (problems.length > 0) throw new UsageError(`${label}: ${problems[0]}; pass the output of rejviz-builder --json`, ERROR_CODES.INPUT);
  const stored = data as Omit<ImageManifest, 'nics'> & { nics: StoredManifestNic[] };
  // The same rules as --nic (loaded on use: they bring the IPv6 parser along).
  const { checkManifestNics, manifestNic } = await import('./nic/manifest-nics.js');
  const nics = checkManifestNics(stored.nics, (message) => {
    throw new UsageError(`${label}: ${message}`, ERROR_CODES.INPUT);
  });
  return { ...stored, nics: nics.map(manifestNic) };
}

/** The manifest, once its image is found to be a file or block device (the schema made the path absolute). */
export async function checkManifestImage(manifest: ImageManifest, label: string): Promise<ImageManifest> {
  const what = await stat(manifest.image).then(
    (s) => (s.isFile() || s.isBlockDevice() ? null : s.isDirectory() ? 'is a directory' : 'is neither a file nor a block device'),
    (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? 'does not exist' : `cannot be read (${err.code ?? err.message})`),
  );
  if (what !== null) throw new UsageError(`${label}: image ${manifest.image} ${what}; give the manifest rejviz-builder wrote with that image, or rebuild it`, ERROR_CODES.INPUT);
  return manifest;
}

async function readAll(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads and validates `--manifest FILE` (relative to `cwd`), or `--manifest -` from `stdin`; its image must exist. */
export async function readImageManifest(file: string, cwd: string, stdin: NodeJS.ReadableStream): Promise<ImageManifest> {
  if (file === '-') {
    if ((stdin as { isTTY?: boolean }).isTTY) throw new UsageError('--manifest -: stdin is a terminal; pipe rejviz-builder --json into it or give a file', ERROR_CODES.INPUT);
    // A signal while the pipe's writer has not finished ends the wait (stop-signals.ts).
    const text = await untilStopped(readAll(stdin), 'reading the manifest from stdin');
    if (text.trim() === '') throw new UsageError('--manifest -: stdin is empty (did the rejviz-builder before the pipe fail?); pipe rejviz-builder --json into it', ERROR_CODES.INPUT);
    return checkManifestImage(await parseImageManifest(text, '-'), '--manifest -');
  }
  const text = await readFile(resolve(cwd, file), 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`--manifest ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}; give the file rejviz-builder --manifest wrote`, ERROR_CODES.INPUT);
  });
  return checkManifestImage(await parseImageManifest(text, file), `--manifest ${file}`);
}
