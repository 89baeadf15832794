// rejviz-up images and images prune: the cached template images (rejviz-template_PROFILE_DIGEST
// .qcow2) in every pool of the connection, each with the volumes layered on it. The users are
// read from libvirt's view of every volume's backing file (vol-dumpxml reads the qcow2 header),
// so a disk some other tool made on a template counts as much as a lab's overlay. prune removes
// only the images no volume uses, and nothing at all when a pool or a volume could not be read
// (an inactive pool, a failed listing): one of those may be layered on a template. A domain's disk
// outside every pool counts too, through its backing chain (domain-disk-chains.ts). Three virsh
// processes for the pools and two for the domains, whatever the count.
import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { createServices, libvirtConnection, virshQuery, virshWord, withPool, type Services } from '@rejviz/core';
import { parseVolumeFiles } from '@rejviz/core/libvirt-xml';
import { connectionUri, virshRun } from '../libvirt/pool.js';
import { pinnedTemplates, withTemplatesLock } from '../state/template-pins.js';
import { readDiskChains } from './domain-disk-chains.js';
import { readTemplateRecords, removeOwnTemplateRecord, removeTemplateRecord } from '../state/template-sources.js';

export interface TemplateImage {
  pool: string;
  volume: string;
  profile: string;
  /** The first 12 hex digits of the template's content digest. */
  digest12: string;
  path: string | null;
  /** Bytes on disk, when libvirt says. */
  allocation: number | null;
  /**
   * The volumes whose backing file is this image, as POOL/VOLUME, and the domains' disks outside
   * the pools layered on it (at any depth), as "domain NAME (TARGET)".
   */
  users: string[];
}

const TEMPLATE_VOLUME = /^rejviz-template_([a-z][a-z0-9-]*)_([0-9a-f]{12})\.qcow2$/;
const MARK = '@@rejviz-up-images@@';

const blocks = (stdout: string) => stdout.split(MARK).slice(1).map((b) => b.trim());

/** Every cached template image on the connection (or in `pool`), with its users in any pool, by pool and name. */
export async function listTemplateImages(request: { uri?: string | null; pool?: string } = {}, services?: Services): Promise<TemplateImage[]> {
  return (await readTemplateImages(request, services ?? (await createServices()))).images;
}

/** What readTemplateImages read, and what it could not. */
export interface TemplateImagesRead {
  images: TemplateImage[];
  /** The pools whose volumes were listed. */
  listed: Set<string>;
  /** What could not be read, as "pool P (why)", "volume P/V" or "disk PATH of domain D (why)": its users are unknown. */
  unread: string[];
}

// The file a path names, for comparing a backing file with a volume's path: a relative backing
// name (qemu-img create -b NAME) is relative to the overlay's directory, and a pool directory
// may be reached through a symlink. A path that does not resolve (gone, or not on this host's
// file system, as the test driver's) is compared as written, normalized.
async function canonical(path: string, base: string | null): Promise<string> {
  const absolute = isAbsolute(path) || base === null ? resolve(path) : resolve(dirname(base), path);
  return realpath(absolute).catch(() => absolute);
}

/**
 * listTemplateImages, and what of the connection's pools and volumes was read. `volumeUsersOnly`
 * leaves the domains' disks out (for a caller that only needs which images exist).
 */
export async function readTemplateImages(request: { uri?: string | null; pool?: string; volumeUsersOnly?: boolean }, s: Services): Promise<TemplateImagesRead> {
  const connection = libvirtConnection(request.uri ?? null);
  // --all: a disk in an inactive pool may be layered on a template too; its listing fails, below.
  const pools = (await virshQuery(s.runner, connection, ['pool-list', '--all', '--name'])).stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  if (pools.length === 0) return { images: [], listed: new Set(), unread: [] };
  // Refreshed first, so a disk another tool just made in a pool's directory is seen; a refresh
  // that fails (an inactive pool, a volume being built) leaves libvirt's last view. All of them
  // come before the first mark, so their lines are in no pool's block.
  const listings = blocks((await virshQuery(s.runner, connection, [[...pools.map((p) => `pool-refresh ${virshWord(p)}`), ...pools.map((p) => `echo ${MARK}; vol-list ${virshWord(p)}`)].join('; ')], { allowFailure: true })).stdout);
  // A listing that failed is an empty block (virsh goes on after a failed command); one that
  // worked has at least vol-list's header.
  const listed = new Set(pools.filter((_, i) => (listings[i] ?? '') !== ''));
  const unread = pools.filter((p) => !listed.has(p)).map((p) => `pool ${p} (not active, or its volumes could not be listed)`);
  const volumes = pools.flatMap((pool, i) => (listings[i] ?? '').split('\n').slice(2).map((l) => l.trim().split(/\s+/)[0] ?? '').filter(Boolean).map((name) => ({ pool, name })));
  if (volumes.length === 0) return { images: [], listed, unread };
  // A volume removed meanwhile, or one libvirt cannot read, only empties its block.
  const xml = blocks((await virshQuery(s.runner, connection, [volumes.map((v) => `echo ${MARK}; vol-dumpxml --pool ${virshWord(v.pool)} ${virshWord(v.name)}`).join('; ')], { allowFailure: true })).stdout);
  const files = await Promise.all(volumes.map(async (v, i) => {
    const read = xml[i] ? parseVolumeFiles(xml[i]!, `virsh vol-dumpxml ${v.name}`) : null;
    if (read === null) unread.push(`volume ${v.pool}/${v.name}`);
    const path = read?.path ?? null;
    return { ...v, path, allocation: read?.allocation ?? null, file: path === null ? null : await canonical(path, null), backing: read?.backing ? await canonical(read.backing, path) : null };
  }));
  const templates = files.filter((v) => TEMPLATE_VOLUME.test(v.name) && (request.pool === undefined || v.pool === request.pool));
  // The domains' disks, only when there are templates they could be layered on. A disk that is a
  // volume layered right on a template is counted as that volume already; a deeper layer, and a
  // disk outside the pools, count as the domain's.
  const volumeFiles = new Set(files.map((f) => f.file));
  const isVolume = async (path: string) => volumeFiles.has(await canonical(path, null));
  const disks = templates.length === 0 || request.volumeUsersOnly ? { chains: [], unread: [] } : await readDiskChains(s.runner, connection, isVolume, s.env);
  unread.push(...disks.unread);
  const chains = await Promise.all(disks.chains.map(async (c) => {
    const under = await Promise.all(c.files.map((f) => canonical(f, null)));
    return { user: c.user, top: under[0]!, under: under.slice(1) };
  }));
  const images = templates.flatMap((v) => {
    const m = TEMPLATE_VOLUME.exec(v.name)!;
    const onVolumes = v.file === null ? [] : files.filter((u) => u.backing === v.file).map((u) => `${u.pool}/${u.name}`);
    const onDisks = v.file === null ? [] : chains.filter((c) => {
      const depth = c.under.indexOf(v.file!);
      return depth > 0 || (depth === 0 && !volumeFiles.has(c.top));
    }).map((c) => c.user);
    const users = [...onVolumes.sort(), ...new Set(onDisks.sort())];
    return [{ pool: v.pool, volume: v.name, profile: m[1]!, digest12: m[2]!, path: v.path, allocation: v.allocation, users }];
  }).sort((a, b) => (`${a.pool}/${a.volume}` < `${b.pool}/${b.volume}` ? -1 : 1));
  return { images, listed, unread };
}

export interface TemplatePruneRequest {
  uri?: string | null;
  pool?: string;
  dryRun?: boolean;
  /** --older-than: only images built longer ago than this (an image whose build time is not recorded is kept). */
  olderThanSeconds?: number | null;
}

/**
 * The unused template images, removed unless `dryRun` (call under the template lock, or with
 * `dryRun`): no volume uses them, no running rejviz-up has pinned them, and with an age limit
 * they were built before it (state/template-sources.ts records when).
 */
export async function removeUnusedTemplates(request: TemplatePruneRequest, s: Services): Promise<TemplateImage[]> {
  const connection = libvirtConnection(request.uri ?? null);
  const pinned = await pinnedTemplates(s.env);
  const limit = request.olderThanSeconds ?? null;
  const built = new Map((await readTemplateRecords(s.env)).map((r) => [`${r.pool}/${r.volume}`, Date.parse(r.builtAt)]));
  const oldEnough = (image: TemplateImage) => {
    const at = built.get(`${image.pool}/${image.volume}`);
    return limit === null || (at !== undefined && Date.now() - at > limit * 1000);
  };
  const { images, listed, unread } = await readTemplateImages(request, s);
  const unused = images.filter((image) => image.users.length === 0 && !pinned.has(`${image.pool}/${image.volume}`) && oldEnough(image));
  // A disk that could not be read may be layered on any of them: nothing goes (--dry-run says the same).
  if (unused.length > 0 && unread.length > 0) {
    throw new Error(`rejviz-up images prune: removed nothing: ${unread.length === 1 ? 'this' : 'these'} could not be read, and a disk in ${unread.length === 1 ? 'it' : 'them'} may be layered on a template image: ${unread.join(', ')}; start the pool (virsh pool-start POOL), make the disk readable, or remove what is broken, then prune again`);
  }
  if (request.dryRun) return unused;
  const uri = await connectionUri(s.runner, connection);
  for (const image of unused) {
    await withPool(image.pool, () => virshRun(s.runner, connection, ['vol-delete', '--pool', image.pool, image.volume]));
    await removeOwnTemplateRecord(s.env, uri, image.pool, image.volume);
  }
  await removeStaleRecords(request, s, images, listed, pinned);
  return unused;
}

/**
 * The records of this connection's template volumes that are gone (removed outside rejviz, e.g.
 * with virsh vol-delete): only in pools whose volumes were just listed, never of an image a
 * running build has pinned (it records its volume just before libvirt's pool is refreshed), and
 * never a record that names no connection or another one.
 */
async function removeStaleRecords(request: TemplatePruneRequest, s: Services, images: readonly TemplateImage[], listed: ReadonlySet<string>, pinned: ReadonlySet<string>): Promise<void> {
  const records = await readTemplateRecords(s.env);
  if (records.length === 0) return;
  const uri = await connectionUri(s.runner, libvirtConnection(request.uri ?? null));
  const present = new Set(images.map((i) => `${i.pool}/${i.volume}`));
  for (const r of records) {
    const key = `${r.pool}/${r.volume}`;
    if (r.uri === uri && listed.has(r.pool) && (request.pool === undefined || r.pool === request.pool) && !present.has(key) && !pinned.has(key)) {
      await removeTemplateRecord(s.env, r.pool, r.volume);
    }
  }
}

/**
 * Removes the template images (of `pool`, or every pool) no volume uses and no running rejviz-up
 * has pinned (state/template-pins.ts); returns them (with `dryRun`, removes nothing). What is
 * unused is decided and deleted under the template lock, so a concurrent rejviz-up never loses
 * an image it decided to reuse.
 */
export async function pruneTemplateImages(request: TemplatePruneRequest = {}, services?: Services): Promise<TemplateImage[]> {
  const s = services ?? (await createServices());
  const prune = () => removeUnusedTemplates(request, s);
  return request.dryRun ? prune() : withTemplatesLock(s.env, prune, s.notice);
}
