// libvirt's sources of a running domain's addresses, asked one at a time: the guest agent, the
// DHCP leases of libvirt's dnsmasq, the host's ARP table (virsh domifaddr --source, virsh(1)).
import { virshQuery, type LibvirtConnection, type Runner } from '@rejviz/core';
import { parseDomifaddr, type ReportedInterface } from './domifaddr-output.js';

/** The sources, in the order status asks them. */
export const ADDRESS_SOURCES = ['agent', 'lease', 'arp'] as const;
export type AddressSource = (typeof ADDRESS_SOURCES)[number];

/** What one source said about one domain: its interfaces, or why it could not say. */
export type SourceAnswer =
  | { source: AddressSource; interfaces: ReportedInterface[] }
  | { source: AddressSource; error: string };

// An agent that is connected but does not answer makes libvirt wait for it (guest-sync has 5 s);
// status never waits longer than this for one source.
const SOURCE_TIMEOUT_MS = 30_000;

/** The reason libvirt gave, without virsh's own "Failed to query" line ("internal error: wrong nlmsg len"). */
export function virshReason(stderr: string): string | undefined {
  const reasons = stderr.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('error: ') && !/^error: Failed to query for interfaces addresses$/i.test(l));
  return reasons.at(-1)?.slice('error: '.length);
}

/** Asks one source for a running domain's interfaces (`virsh domifaddr DOMAIN --source S --full`). */
export async function askSource(runner: Runner, connection: LibvirtConnection, domain: string, source: AddressSource): Promise<SourceAnswer> {
  const result = await virshQuery(runner, connection, ['domifaddr', domain, '--source', source, '--full'], { allowFailure: true, timeoutMs: SOURCE_TIMEOUT_MS });
  if (result.exitCode === 0) return { source, interfaces: parseDomifaddr(result.stdout) };
  if (result.exitCode === 124) return { source, error: `no answer within ${SOURCE_TIMEOUT_MS / 1000} s` };
  return { source, error: virshReason(result.stderr) ?? `virsh exited ${result.exitCode}` };
}
