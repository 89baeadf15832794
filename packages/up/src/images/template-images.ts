// rejviz-up images and images prune: the cached template images (rejviz-template_PROFILE_DIGEST
// .qcow2) in every pool of the connection, each with the volumes layered on it. The users are
// read from libvirt's view of every volume's backing file (vol-dumpxml reads the qcow2 header),
// so a disk some other tool made on a template counts as much as a lab's overlay. prune removes
// only the images no volume uses. Three virsh processes for the listing, whatever the count.
import { createServices, libvirtConnection, virshQuery, virshWord, withPool, type Services } from '@rejviz/core';
import { parseVolumeFiles } from '@rejviz/core/libvirt-xml';
import { connectionUri, virshRun } from '../libvirt/pool.js';
import { pinnedTemplates, withTemplatesLock } from '../state/template-pins.js';
import { readTemplateRecords, removeTemplateRecord } from '../state/template-sources.js';

export interface TemplateImage {
  pool: string;
  volume: string;
  profile: string;
  /** The first 12 hex digits of the template's content digest. */
  digest12: string;
  path: string | null;
  /** Bytes on disk, when libvirt says. */
  allocation: number | null;
  /** The volumes whose backing file is this image, as POOL/VOLUME. */
  users: string[];
}

const TEMPLATE_VOLUME = /^rejviz-template_([a-z][a-z0-9-]*)_([0-9a-f]{12})\.qcow2$/;
const MARK = '@@rejviz-up-images@@';

const blocks = (stdout: string) => stdout.split(MARK).slice(1).map((b) => b.trim());

/** Every cached template image on the connection (or in `pool`), with its users in any pool, by pool and name. */
export async function listTemplateImages(request: { uri?: string | null; pool?: string } = {}, services?: Services): Promise<TemplateImage[]> {
  return (await readTemplateImages(request, services ?? (await createServices()))).images;
}

/** listTemplateImages, and the pools whose volumes were listed (a pool whose listing failed is not among them). */
async function readTemplateImages(request: { uri?: string | null; pool?: string }, s: Services): Promise<{ images: TemplateImage[]; listed: Set<string> }> {
  const connection = libvirtConnection(request.uri ?? null);
  const pools = (await virshQuery(s.runner, connection, ['pool-list', '--name'])).stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  if (pools.length === 0) return { images: [], listed: new Set() };
  const listings = blocks((await virshQuery(s.runner, connection, [pools.map((p) => `echo ${MARK}; vol-list ${virshWord(p)}`).join('; ')], { allowFailure: true })).stdout);
  // A listing that failed is an empty block; one that worked has at least vol-list's header.
  const listed = new Set(pools.filter((_, i) => (listings[i] ?? '') !== ''));
  const volumes = pools.flatMap((pool, i) => (listings[i] ?? '').split('\n').slice(2).map((l) => l.trim().split(/\s+/)[0] ?? '').filter(Boolean).map((name) => ({ pool, name })));
  if (volumes.length === 0) return { images: [], listed };
  // A volume removed meanwhile only empties its block.
  const xml = blocks((await virshQuery(s.runner, connection, [volumes.map((v) => `echo ${MARK}; vol-dumpxml --pool ${virshWord(v.pool)} ${virshWord(v.name)}`).join('; ')], { allowFailure: true })).stdout);
  const files = volumes.map((v, i) => ({ ...v, ...(xml[i] ? parseVolumeFiles(xml[i]!, `virsh vol-dumpxml ${v.name}`) : { path: null, backing: null, allocation: null }) }));
  const images = files.flatMap((v) => {
    const m = TEMPLATE_VOLUME.exec(v.name);
    if (!m || (request.pool !== undefined && v.pool !== request.pool)) return [];
    const users = v.path === null ? [] : files.filter((u) => u.backing === v.path).map((u) => `${u.pool}/${u.name}`).sort();
    return [{ pool: v.pool, volume: v.name, profile: m[1]!, digest12: m[2]!, path: v.path, allocation: v.allocation, users }];
  }).sort((a, b) => (`${a.pool}/${a.volume}` < `${b.pool}/${b.volume}` ? -1 : 1));
  return { images, listed };
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
  const { images, listed } = await readTemplateImages(request, s);
  const unused = images.filter((image) => image.users.length === 0 && !pinned.has(`${image.pool}/${image.volume}`) && oldEnough(image));
  if (request.dryRun) return unused;
  for (const image of unused) {
    await withPool(image.pool, () => virshRun(s.runner, connection, ['vol-delete', '--pool', image.pool, image.volume]));
    await removeTemplateRecord(s.env, image.pool, image.volume);
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
