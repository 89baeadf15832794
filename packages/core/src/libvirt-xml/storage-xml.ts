// Reads what rejviz-up needs of libvirt's storage XML: a pool's target directory (virsh
// pool-dumpxml) and a volume's capacity (virsh vol-dumpxml).
import { childNamed } from './xml-tree.js';
import { readXmlRoot, xmlInputError } from './xml-input.js';

/** The target path of a pool (where a dir pool keeps its volumes), or null when it has none. */
export function parsePoolTarget(xml: string, label = 'pool XML'): string | null {
  const root = readXmlRoot(xml, 'pool', { label, producer: 'virsh pool-dumpxml NAME' });
  const target = childNamed(root, 'target');
  const path = target && childNamed(target, 'path');
  return path?.text.trim() || null;
}

// libvirt's capacity units (virStorageVolDef: bytes unless unit= says otherwise).
const UNITS: Record<string, number> = { b: 1, bytes: 1, k: 1024, kib: 1024, m: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gib: 1024 ** 3, t: 1024 ** 4, tib: 1024 ** 4, kb: 1000, mb: 1000 ** 2, gb: 1000 ** 3, tb: 1000 ** 4 };

/** A volume's capacity in bytes. */
export function parseVolumeCapacity(xml: string, label = 'volume XML'): number {
  const origin = { label, producer: 'virsh vol-dumpxml --pool POOL NAME' };
  const capacity = childNamed(readXmlRoot(xml, 'volume', origin), 'capacity');
  const unit = UNITS[(capacity?.attributes.get('unit') ?? 'bytes').toLowerCase()];
  const value = Number(capacity?.text.trim());
  if (!capacity || unit === undefined || !Number.isFinite(value)) throw xmlInputError(origin, 'it has no readable <capacity>');
  return value * unit;
}

/** What a volume's XML says of its file and what it is layered on. */
export interface VolumeFiles {
  /** The volume's own file (<target><path>). */
  path: string | null;
  /** The file it is an overlay on (<backingStore><path>), or null. */
  backing: string | null;
  /** Bytes it takes on disk (<allocation>), or null when absent. */
  allocation: number | null;
}

/** A volume's path, backing file and allocation (virsh vol-dumpxml). */
export function parseVolumeFiles(xml: string, label = 'volume XML'): VolumeFiles {
  const root = readXmlRoot(xml, 'volume', { label, producer: 'virsh vol-dumpxml --pool POOL NAME' });
  const pathOf = (parent: string) => {
    const node = childNamed(root, parent);
    return (node && childNamed(node, 'path'))?.text.trim() || null;
  };
  const allocation = childNamed(root, 'allocation');
  const unit = UNITS[(allocation?.attributes.get('unit') ?? 'bytes').toLowerCase()];
  const value = Number(allocation?.text.trim());
  return { path: pathOf('target'), backing: pathOf('backingStore'), allocation: allocation && unit !== undefined && Number.isFinite(value) ? value * unit : null };
}
