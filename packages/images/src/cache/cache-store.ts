// The image cache: $XDG_CACHE_HOME/rejviz/images/<algorithm>-<hex>/ holding image.qcow2 and
// entry.json, keyed by the downloaded file's digest (not its name: an alias such as "latest"
// changes content under one name). An entry is built in a hidden work directory beside the
// entries and appears by one rename, so nothing half-written ever looks like an entry; names
// starting with "." (work directories, .partial downloads) are never entries.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { onCleanup, type Cleanup } from '@rejviz/core';
import type { Digest } from '../digest.js';
import { parseCacheRecord, type CacheRecord } from './cache-record.js';

export interface CacheEntry {
  key: string;
  dir: string;
  image: string;
  record: CacheRecord;
}

export const IMAGE_FILE = 'image.qcow2';
const RECORD_FILE = 'entry.json';

/** The cache's directory for this environment. */
export function imageCacheDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'rejviz', 'images');
}

/** An entry's directory name. */
export function entryKey(digest: Digest): string {
  return `${digest.algorithm}-${digest.hex}`;
}

/** Where the downloads in progress are (NAME.partial and its state). */
export function partialDir(root: string): string {
  return join(root, '.partial');
}

/** The entry `key`, or null when it is absent or incomplete. */
export async function readEntry(root: string, key: string): Promise<CacheEntry | null> {
  const dir = join(root, key);
  const text = await readFile(join(dir, RECORD_FILE), 'utf8').catch(() => null);
  const record = text === null ? null : parseCacheRecord(text);
  if (record === null || entryKey(record.digest) !== key) return null;
  return { key, dir, image: join(dir, IMAGE_FILE), record };
}

/** Every entry, newest first. */
export async function listEntries(root: string): Promise<CacheEntry[]> {
  const names = await readdir(root).catch(() => [] as string[]);
  const entries = await Promise.all(names.filter((n) => !n.startsWith('.')).map((n) => readEntry(root, n)));
  return entries.filter((e): e is CacheEntry => e !== null).sort((a, b) => b.record.fetchedAt.localeCompare(a.record.fetchedAt));
}

/** Removes an entry: renamed out of sight first, so a crash half way leaves no damaged entry. */
export async function discardEntry(root: string, key: string): Promise<void> {
  const aside = join(root, `.discard-${key.slice(0, 20)}-${randomBytes(4).toString('hex')}`);
  await rename(join(root, key), aside).catch(() => undefined);
  await rm(aside, { recursive: true, force: true });
}

export interface WorkDir {
  path: string;
  cleanup: Cleanup;
}

/** A fresh hidden directory to build an entry in, removed however the run ends unless committed. */
export async function createWorkDir(root: string): Promise<WorkDir> {
  await mkdir(root, { recursive: true });
  const path = join(root, `.work-${randomBytes(6).toString('hex')}`);
  await mkdir(path, { mode: 0o700 });
  const cleanup = onCleanup(`image work directory ${path}`, () => rm(path, { recursive: true, force: true }));
  return { path, cleanup };
}

/**
 * Writes the record into the work directory, whose image.qcow2 is in place, and makes it entry
 * `key` by renaming it. An entry already there (another process made it) wins; ours is dropped.
 */
export async function commitEntry(root: string, work: WorkDir, record: CacheRecord): Promise<CacheEntry> {
  const key = entryKey(record.digest);
  await writeFile(join(work.path, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
  try {
    await rename(work.path, join(root, key));
    work.cleanup.dismiss();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
    await work.cleanup.run();
  }
  const entry = await readEntry(root, key);
  if (entry === null) throw new Error(`Assertion failed: cache entry ${key} missing right after it was made`);
  return entry;
}

/** Replaces an entry's record (its verification got better). */
export async function rewriteRecord(entry: CacheEntry, record: CacheRecord): Promise<void> {
  const path = join(entry.dir, RECORD_FILE);
  // A name of this call's own: two runs rewriting the same record never write one file at once.
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(record, null, 2)}\n`);
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
}
