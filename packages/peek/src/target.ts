// What rejviz-peek looks at: a domain (its XML, its disks through libvirt, its seed), disk images,
// or the image of a builder manifest; and the NICs the guest should find, if any.
import { resolve } from 'node:path';
import { checkDiskImage, checkImageManifest, checkManifestImage, libvirtConnection, UsageError, virshQuery, virshWord, type ExpectedNic, type GuestSource, type ManifestNic, type Runner } from '@rejviz/core';
import { parseDomainDisks, parseDomainInterfaces, type DomainInterface } from '@rejviz/core/libvirt-xml';
import type { PeekRequest } from './request.js';

export interface PeekTarget {
  kind: 'domain' | 'images' | 'manifest';
  /** The domain name, or the image paths joined. */
  name: string;
  uri: string | null;
  /** `virsh domstate`, for a domain. */
  state: string | null;
  source: GuestSource;
  domainNics: DomainInterface[] | null;
  manifestNics: ManifestNic[] | null;
  /** Host paths of cdroms that may be NoCloud seeds. */
  cdroms: string[];
}

/** The NICs the guest should configure: the domain's or the manifest's; null for bare images. */
export function expectedNics(target: PeekTarget): ExpectedNic[] | null {
  if (target.domainNics) {
    return target.domainNics.map((nic, i) => ({ mac: nic.mac, label: `the domain's NIC #${i + 1} (${nic.type}${nic.source ? ` ${nic.source}` : ''})` }));
  }
  if (target.manifestNics) return target.manifestNics.map((nic) => ({ mac: nic.mac, label: `manifest NIC ${nic.name}` }));
  return null;
}

/** Resolves the target; bad input is a one-line usage error before anything is inspected. */
export async function resolveTarget(request: PeekRequest, runner: Runner, cwd: string): Promise<PeekTarget> {
  const images = request.images ?? [];
  const hasManifest = request.manifest !== undefined && request.manifest !== null;
  const given = [request.domain !== undefined, images.length > 0, hasManifest].filter(Boolean).length;
  if (given === 0) throw new UsageError('nothing to peek at; usage: rejviz-peek DOMAIN | -c URI DOMAIN | -a IMAGE [-a IMAGE]... | --manifest FILE|-');
  if (given > 1) throw new UsageError('give one of DOMAIN, -a IMAGE or --manifest FILE');
  if (hasManifest) {
    const label = `--manifest ${request.manifestName ?? 'the manifest'}`;
    const manifest = await checkManifestImage(await checkImageManifest(await request.manifest, label), label);
    await checkDiskImage(runner, manifest.image, `${label}: image ${manifest.image}`);
    return { kind: 'manifest', name: manifest.image, uri: null, state: null, source: [{ path: manifest.image, format: manifest.format }], domainNics: null, manifestNics: manifest.nics, cdroms: [] };
  }
  if (request.domain === undefined) {
    const disks = images.map((i) => ({ format: i.format ?? null, path: resolve(cwd, i.path) }));
    for (const i of disks) await checkDiskImage(runner, i.path, `-a ${i.path}`);
    return { kind: 'images', name: disks.map((i) => i.path).join(', '), uri: request.uri ?? null, state: null, source: disks, domainNics: null, manifestNics: null, cdroms: [] };
  }
  return domainTarget(request.domain, request.uri ?? null, runner);
}

async function domainTarget(domain: string, uri: string | null, runner: Runner): Promise<PeekTarget> {
  const connection = libvirtConnection(uri);
  // One virsh process: the domain's state and its live XML. A failed connection is virshQuery's to report.
  const res = await virshQuery(runner, connection, [`domstate ${virshWord(domain)}; dumpxml ${virshWord(domain)}`], { allowFailure: true });
  const xmlStart = res.stdout.indexOf('<domain');
  if (res.exitCode !== 0 || xmlStart < 0) {
    throw new UsageError(`${domain}: no such domain on ${uri ?? 'the default connection'}; see virsh${uri ? ` -c ${uri}` : ''} list --all`);
  }
  const state = res.stdout.slice(0, xmlStart).trim();
  const xml = res.stdout.slice(xmlStart);
  const disks = parseDomainDisks(xml, `virsh dumpxml ${domain}`);
  const cdroms: string[] = [];
  for (const d of disks.filter((x) => x.device === 'cdrom')) {
    if (d.path) cdroms.push(d.path);
    else if (d.pool && d.volume) {
      const p = await virshQuery(runner, connection, ['vol-path', '--pool', d.pool, d.volume], { allowFailure: true });
      if (p.exitCode === 0) cdroms.push(p.stdout.trim());
    }
  }
  return { kind: 'domain', name: domain, uri, state, source: { domain, uri }, domainNics: parseDomainInterfaces(xml, `virsh dumpxml ${domain}`), manifestNics: null, cdroms };
}
