// The table `virsh domifaddr DOMAIN [--full]` prints (tools/virsh-domain-monitor.c, cmdDomIfAddr),
// read into interfaces, and which of their addresses status may report.
import { intendedFamily, isLinkLocal, normaliseMac, parseIp, parsePrefix, unusableReason } from '@rejviz/core/nic';

/** One interface as a source reported it. */
export interface ReportedInterface {
  /** The guest's name for it (agent), or libvirt's (vnet0; lease, arp). */
  name: string;
  /** Lowercase colon form; null when the source gave none. */
  mac: string | null;
  /** ADDRESS/PREFIX as reported, in the source's order. */
  addresses: string[];
}

/**
 * The interfaces of a domifaddr table. virsh prints one row per address: without --full, an
 * interface's further addresses have '-' for name and MAC; an interface without any has N/A in the
 * last three columns; a missing MAC prints as nothing, leaving three columns.
 */
export function parseDomifaddr(stdout: string): ReportedInterface[] {
  const lines = stdout.split('\n');
  const rule = lines.findIndex((l) => /^-{10,}\s*$/.test(l.trim()));
  const found: ReportedInterface[] = [];
  for (const line of rule < 0 ? [] : lines.slice(rule + 1)) {
    const fields = line.trim().split(/\s+/).filter(Boolean);
    if (fields.length < 3 || fields.length > 4) continue;
    const [name, macText, family, cidr] = fields.length === 4 ? (fields as [string, string, string, string]) : [fields[0]!, '', fields[1]!, fields[2]!];
    const last = found.at(-1);
    const continued = (name === '-' && macText === '-') || (last !== undefined && last.name === name && last.mac === mac(macText));
    const iface = continued && last ? last : { name, mac: mac(macText), addresses: [] };
    if (iface !== last) found.push(iface);
    if (family === 'ipv4' || family === 'ipv6') iface.addresses.push(cidr);
  }
  return found;
}

function mac(text: string): string | null {
  return normaliseMac(text, 'libvirt') ?? null;
}

/**
 * The addresses of an interface status may report, canonical, once each, IPv4 first: loopback,
 * link-local, multicast and other addresses no host can be reached at are left out.
 */
export function usableAddresses(iface: ReportedInterface): string[] {
  const usable = iface.addresses.flatMap((cidr) => {
    const [text = '', prefixText] = cidr.split('/');
    const address = parseIp(text, 'lenient');
    if (address === undefined || unusableReason(address) !== undefined || isLinkLocal(address)) return [];
    const prefix = prefixText === undefined ? undefined : parsePrefix(prefixText, intendedFamily(address), 'lenient');
    return [prefix === undefined ? address : `${address}/${prefix}`];
  });
  const unique = [...new Set(usable)];
  return [...unique.filter((a) => intendedFamily(a) === 4), ...unique.filter((a) => intendedFamily(a) === 6)];
}
