// What each cached template image was built from, beside the images' pins: one small JSON file
// per pool and volume under $XDG_STATE_HOME/rejviz/templates/sources, written by the build once
// the image is in place. It is how `images prune` knows which cloud images a cached template was
// built from (their cache entries stay while the template does), and how `status` shows a
// machine's template source and verification level. A volume name holds only a digest prefix
// (pool.ts), so this record is the one place that names the source. A record names its
// connection too, so that prune can drop the records of volumes removed outside rejviz (a pool's
// name alone is not unique across connections).
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrustLevel } from '@rejviz/images';
import { templatesStateDir } from './template-pins.js';

export type TemplateSourceRecord =
  | { kind: 'virt-builder'; template: string }
  | {
      kind: 'image';
      /** The catalogue key or URL, as the lab file named it. */
      source: string;
      url: string;
      /** The downloaded file's digest (the cache entry's key), "sha512:HEX". */
      digest: string;
      level: TrustLevel;
    };

export interface TemplateRecord {
  /** The libvirt connection's URI (`virsh uri`); absent in records written before it was kept. */
  uri?: string;
  pool: string;
  volume: string;
  profile: string;
  builtAt: string;
  from: TemplateSourceRecord;
}

const dirOf = (env: NodeJS.ProcessEnv) => join(templatesStateDir(env), 'sources');
const fileOf = (pool: string, volume: string) => `${encodeURIComponent(pool)}@${volume}.json`;

/** Records what POOL/VOLUME was built from (written whole: a temporary file renamed). */
export async function writeTemplateRecord(env: NodeJS.ProcessEnv, record: TemplateRecord): Promise<void> {
  await mkdir(dirOf(env), { recursive: true, mode: 0o700 });
  const path = join(dirOf(env), fileOf(record.pool, record.volume));
  await writeFile(`${path}.${process.pid}.tmp`, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  await rename(`${path}.${process.pid}.tmp`, path);
}

/** Every record, whether its volume still exists or not. */
export async function readTemplateRecords(env: NodeJS.ProcessEnv): Promise<TemplateRecord[]> {
  const names = (await readdir(dirOf(env)).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
  const records = await Promise.all(names.map(async (n) => {
    try {
      const r = JSON.parse(await readFile(join(dirOf(env), n), 'utf8')) as TemplateRecord;
      return typeof r.pool === 'string' && typeof r.volume === 'string' && typeof r.from?.kind === 'string' ? r : null;
    } catch {
      return null;
    }
  }));
  return records.filter((r): r is TemplateRecord => r !== null);
}

/** Removes the record of POOL/VOLUME (its image was pruned). */
export async function removeTemplateRecord(env: NodeJS.ProcessEnv, pool: string, volume: string): Promise<void> {
  await rm(join(dirOf(env), fileOf(pool, volume)), { force: true });
}

/**
 * Removes the record of POOL/VOLUME when it is connection `uri`'s (or names none: written before
 * records named one). Records are filed by pool and volume only, and qemu:///system and
 * qemu:///session both have a pool `default`: a template removed on one connection must not take
 * the record of the other's.
 */
export async function removeOwnTemplateRecord(env: NodeJS.ProcessEnv, uri: string, pool: string, volume: string): Promise<void> {
  const record = (await readTemplateRecords(env)).find((r) => r.pool === pool && r.volume === volume);
  if (record !== undefined && (record.uri ?? uri) === uri) await removeTemplateRecord(env, pool, volume);
}
