// The backing chains of every domain's disks, for images prune: a disk outside every pool (a file
// a user or another tool made with qemu-img create -b, then attached to a domain) uses the
// template image it is layered on as much as a lab's overlay in a pool does, and libvirt's volume
// listing never sees it. The chain comes from libvirt's <backingStore> when the domain's XML has
// one (a running domain's does), else from the qcow2 headers on this host when the connection is
// local. A disk whose chain cannot be read (on a remote connection, an inactive domain's disk
// outside the pools; a file this host cannot open) is reported as unread, and prune then removes
// nothing. A file that does not exist uses nothing (the test driver's paths, or a disk already
// deleted).
import { open } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { readLibvirtState, type LibvirtConnection, type Runner } from '@rejviz/core';
import { parseDomainDisks, parseDomainXml } from '@rejviz/core/libvirt-xml';

export interface DiskChain {
  /** "domain NAME (TARGET)", as images and prune show a user. */
  user: string;
  /** The disk's file and the files under it, as written (relative names resolved). */
  files: string[];
}

export interface DiskChainsRead {
  chains: DiskChain[];
  /** Disks whose chain could not be read, as "disk PATH of domain NAME (why)". */
  unread: string[];
}

// Deeper than any chain a tool makes on purpose; a loop (a file backed by itself) stops here.
const MAX_DEPTH = 16;
const QCOW2_MAGIC = 0x514649fb;

/** The backing file named in a qcow2 header, or null (not qcow2, or no backing file). */
export async function qcow2BackingFile(path: string): Promise<string | null> {
  const file = await open(path, 'r');
  try {
    // QCOW2 header (qemu's docs/interop/qcow2.txt): magic, version, then backing_file_offset
    // (8 bytes) and backing_file_size (4 bytes), big-endian.
    const head = Buffer.alloc(20);
    const { bytesRead } = await file.read(head, 0, 20, 0);
    if (bytesRead < 20 || head.readUInt32BE(0) !== QCOW2_MAGIC) return null;
    const offset = Number(head.readBigUInt64BE(8));
    const size = head.readUInt32BE(16);
    // qemu refuses names over 1023 bytes.
    if (offset === 0 || size === 0 || size > 1023) return null;
    const name = Buffer.alloc(size);
    await file.read(name, 0, size, offset);
    return name.toString('utf8');
  } finally {
    await file.close();
  }
}

const resolveFrom = (name: string, of: string) => (isAbsolute(name) ? name : resolve(dirname(of), name));

/** The chain under `path` read from the qcow2 headers on this host; null when a file exists but cannot be read. */
async function chainOnHost(path: string): Promise<string[] | null> {
  const files = [path];
  for (let at = path; files.length <= MAX_DEPTH;) {
    let backing: string | null;
    try {
      backing = await qcow2BackingFile(at);
    } catch (err) {
      // A file that is gone uses nothing; one that cannot be opened might use anything.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return files.length === 1 ? [] : files;
      return null;
    }
    if (backing === null) return files;
    at = resolveFrom(backing, at);
    files.push(at);
  }
  return files;
}

/** A connection whose files are this host's: no host name in its URI (the default one counts as local unless LIBVIRT_DEFAULT_URI names a host). */
export function isLocalConnection(connection: LibvirtConnection, env: NodeJS.ProcessEnv = process.env): boolean {
  const uri = connection.uri ?? env.LIBVIRT_DEFAULT_URI ?? null;
  if (uri === null || uri === '') return true;
  try {
    return new URL(uri).hostname === '';
  } catch {
    return false;
  }
}

/**
 * Every domain's file and block disks with their backing chains (core's readLibvirtState: two
 * virsh processes). A disk that `isVolume` (a pool's) has its backing file read by libvirt with
 * the volumes; on a remote connection it is not reported unread for want of a chain.
 */
export async function readDiskChains(runner: Runner, connection: LibvirtConnection, isVolume: (path: string) => Promise<boolean>, env: NodeJS.ProcessEnv = process.env): Promise<DiskChainsRead> {
  // A domain undefined meanwhile is left out of domainXml.
  const { domainXml } = await readLibvirtState(runner, connection, null);
  const local = isLocalConnection(connection, env);
  const chains: DiskChain[] = [];
  const unread: string[] = [];
  for (const xml of domainXml) {
    const name = parseDomainXml(xml).name;
    for (const disk of parseDomainDisks(xml, `virsh dumpxml ${name}`)) {
      // Volumes and network disks are libvirt's pools' or nothing on this side; cdroms and floppies
      // are read-only media.
      if (disk.device !== 'disk' || disk.path === null || !['file', 'block'].includes(disk.type)) continue;
      const user = `domain ${name} (${disk.target ?? disk.path})`;
      if (disk.backing.length > 0) {
        chains.push({ user, files: [disk.path, ...disk.backing] });
        continue;
      }
      if (disk.format === 'raw') continue;
      if (!local && (await isVolume(disk.path))) continue;
      const onHost = local ? await chainOnHost(disk.path) : null;
      if (onHost === null) unread.push(`disk ${disk.path} of domain ${name} (${local ? 'it could not be read' : 'on another host, and libvirt shows no backing chain for it'})`);
      else if (onHost.length > 0) chains.push({ user, files: onHost });
    }
  }
  return { chains, unread };
}
