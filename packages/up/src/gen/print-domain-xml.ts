// A machine's domain XML as the real virt-install makes it (--print-xml), from the very arguments
// rejviz-install would run it with, plus the lab's record in <metadata>. Nothing is created:
// --dry-run keeps virt-install from making storage, and the volumes (which the Makefile makes
// later) are given as the files they will be.
import { assert, type Runner } from '@rejviz/core';
import { LAB_XMLNS } from '../libvirt/machine-metadata.js';

/** A volume the Makefile will make: its file's format and size. */
export interface PlannedVolume {
  format: 'qcow2' | 'raw';
  sizeMiB: number;
}

/**
 * virt-install's arguments with each `--disk vol=POOL/NAME,...` of `pool` rewritten as
 * `path=DIR/NAME,format=F,size=GiB,sparse=no,...`: virt-install looks a vol= up in libvirt, and
 * these volumes do not exist yet. A dir pool's volume is that file, and virt-install writes a vol=
 * disk as <disk type="file"> with the file as its source, so the XML is the same. sparse=no only
 * stops virt-install from adding discard="unmap", which it adds to sparse disks it would create
 * itself, never to an existing volume (virtinst/devices/disk.py); with --dry-run nothing is made.
 */
export function diskArgsAsFiles(args: readonly string[], pool: string, poolPath: string, volumes: ReadonlyMap<string, PlannedVolume>): string[] {
  return args.map((arg, i) => {
    if (args[i - 1] !== '--disk' || !arg.startsWith(`vol=${pool}/`)) return arg;
    const [first, ...rest] = arg.split(',');
    const name = first!.slice(`vol=${pool}/`.length);
    const volume = volumes.get(name);
    if (!volume) return arg;
    const gib = Number((volume.sizeMiB / 1024).toFixed(6));
    return [`path=${poolPath}/${name}`, `format=${volume.format}`, `size=${gib}`, 'sparse=no', ...rest].join(',');
  });
}

/** Runs virt-install --print-xml --dry-run (it defines nothing, so it is read-only). */
export async function printDomainXml(runner: Runner, args: readonly string[]): Promise<string> {
  const result = await runner.run('virt-install', [...args, '--print-xml', '--dry-run'], { readOnly: true });
  return result.stdout;
}

/** The domain XML with `record` (machineMetadataXml) inside its <metadata>, made when missing. */
export function withLabRecord(xml: string, record: string): string {
  assert(!xml.includes(LAB_XMLNS), 'the printed domain XML holds a lab record already');
  if (/<metadata\/>/.test(xml)) return xml.replace(/<metadata\/>/, `<metadata>\n    ${record}\n  </metadata>`);
  if (/<\/metadata>/.test(xml)) return xml.replace(/( *)<\/metadata>/, (_, indent: string) => `${indent}  ${record}\n${indent}</metadata>`);
  // <metadata> follows <uuid> (or <name>) in libvirt's element order.
  const after = xml.includes('</uuid>') ? /<\/uuid>/ : /<\/name>/;
  return xml.replace(after, (end) => `${end}\n  <metadata>\n    ${record}\n  </metadata>`);
}
