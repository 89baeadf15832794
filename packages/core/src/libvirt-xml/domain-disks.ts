// The storage devices of a domain (virsh dumpxml): what rejviz-peek reads the guest from (disks),
// where a NoCloud seed may be attached (cdroms), and what images prune must keep (the files
// under a disk).
import { childNamed, childrenNamed, type XmlElement } from './xml-tree.js';
import { readXmlRoot } from './xml-input.js';

/** One `<disk>` device. */
export interface DomainDisk {
  /** disk, cdrom, floppy, lun. */
  device: string;
  /** file, block, volume, network, dir. */
  type: string;
  /** source file= or dev= (a host path), when the disk has one. */
  path: string | null;
  /** source pool= and volume=, for type='volume'. */
  pool: string | null;
  volume: string | null;
  /** driver type= (raw, qcow2), when given. */
  format: string | null;
  /** target dev= (vda, sda). */
  target: string | null;
  /**
   * The files under the disk's own, top first, from libvirt's `<backingStore>` chain; empty
   * when the XML has none (an inactive domain's usually has not).
   */
  backing: string[];
}

// Deeper than any chain made on purpose.
const MAX_CHAIN = 16;

function backingChain(disk: XmlElement): string[] {
  const files: string[] = [];
  for (let store = childNamed(disk, 'backingStore'); store && files.length < MAX_CHAIN; store = childNamed(store, 'backingStore')) {
    const source = childNamed(store, 'source');
    const file = source?.attributes.get('file') ?? source?.attributes.get('dev');
    if (!file) break;
    files.push(file);
  }
  return files;
}

/** Parses the `<disk>` devices of `virsh dumpxml` output, in document order. */
export function parseDomainDisks(xml: string, label = 'domain XML'): DomainDisk[] {
  const root = readXmlRoot(xml, 'domain', { label, producer: 'virsh dumpxml NAME' });
  const devices = childNamed(root, 'devices');
  if (!devices) return [];
  return childrenNamed(devices, 'disk').map((disk) => {
    const source = childNamed(disk, 'source');
    const get = (name: string) => source?.attributes.get(name) ?? null;
    return {
      device: disk.attributes.get('device') ?? 'disk',
      type: disk.attributes.get('type') ?? 'file',
      path: get('file') ?? get('dev'),
      pool: get('pool'),
      volume: get('volume'),
      format: childNamed(disk, 'driver')?.attributes.get('type') ?? null,
      target: childNamed(disk, 'target')?.attributes.get('dev') ?? null,
      backing: backingChain(disk),
    };
  });
}
