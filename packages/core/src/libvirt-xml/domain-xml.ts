// Reads a domain definition (virsh dumpxml) down to what the MAC-in-use check needs: the domain's
// name and its interfaces.

import { childNamed, childrenNamed, type XmlElement } from './xml-tree.js';
import { readXmlRoot, requiredName, type XmlOrigin } from './xml-input.js';
import { normaliseMac } from '../nic/index.js';
import type { DefinedDomain, DomainInterface } from './types.js';

const PRODUCER = 'virsh dumpxml NAME';
// The <source> attribute naming what an interface is attached to, by interface type; types not
// listed here use the first of these attributes that is present.
const SOURCE_ATTRIBUTE: Record<string, string> = { network: 'network', bridge: 'bridge', direct: 'dev', vhostuser: 'path' };
const ANY_SOURCE = ['network', 'bridge', 'dev', 'path', 'address'];

/** Parses `virsh dumpxml` output into the domain's name and interfaces. */
export function parseDomainXml(xml: string, label = 'domain XML'): DefinedDomain {
  const origin: XmlOrigin = { label, producer: PRODUCER };
  const root = readXmlRoot(xml, 'domain', origin);
  return { name: requiredName(root, origin), interfaces: interfacesOf(root) };
}

/** The `<interface>` devices of `virsh dumpxml` output, in document order. */
export function parseDomainInterfaces(xml: string, label = 'domain XML'): DomainInterface[] {
  return interfacesOf(readXmlRoot(xml, 'domain', { label, producer: PRODUCER }));
}

function interfacesOf(domain: XmlElement): DomainInterface[] {
  // Only direct children of <devices> are NICs; <interface> does not occur elsewhere in libvirt's
  // domain schema, but reading only that level keeps an odd <metadata> block from adding NICs.
  const devices = childNamed(domain, 'devices');
  return devices ? childrenNamed(devices, 'interface').map(interfaceOf) : [];
}

function interfaceOf(element: XmlElement): DomainInterface {
  const type = element.attributes.get('type') ?? 'unknown';
  const mac = childNamed(element, 'mac')?.attributes.get('address');
  const source = childNamed(element, 'source');
  const key = SOURCE_ATTRIBUTE[type] ?? ANY_SOURCE.find((name) => source?.attributes.has(name));
  return {
    mac: mac === undefined ? null : (normaliseMac(mac, 'libvirt') ?? mac.toLowerCase()),
    type,
    source: (key === undefined ? undefined : source?.attributes.get(key)) ?? null,
    model: childNamed(element, 'model')?.attributes.get('type') ?? null,
  };
}

/**
 * The element a program keeps under the domain's `<metadata>` in its own namespace `uri` (libvirt
 * keeps one element per namespace: `virsh metadata DOMAIN URI`), or null when there is none.
 */
export function domainMetadata(xml: string, uri: string, label = 'domain XML'): XmlElement | null {
  const metadata = childNamed(readXmlRoot(xml, 'domain', { label, producer: PRODUCER }), 'metadata');
  const ours = metadata?.children.find((element) => [...element.attributes].some(([name, value]) => (name === 'xmlns' || name.startsWith('xmlns:')) && value === uri));
  return ours ?? null;
}
