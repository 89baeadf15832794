// The storage devices of a domain (virsh dumpxml): what rejviz-peek reads the guest from (disks)
// and where a NoCloud seed may be attached (cdroms).
import { childNamed, childrenNamed } from './xml-tree.js';
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
    };
  });
}
