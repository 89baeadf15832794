// Why no source gave a NIC an address, from what each source said, in the order they were asked:
// one line saying what to look at (docs/up.md#status-and-destroy).
import type { SourceAnswer } from './address-sources.js';

/** The NIC, as far as the explanation needs it. */
export interface NoAddressNic {
  mac: string;
  network: string;
  /** Whether its network hands out addresses by DHCP (an <ip> with a <dhcp> range or host); null when its XML could not be read. */
  dhcp: boolean | null;
  /** The command that compares the guest's network configuration with the domain's NICs. */
  peek: string;
}

// libvirt's words (src/qemu/qemu_domain.c, qemuDomainAgentAvailable; src/qemu/qemu_agent.c):
// "QEMU guest agent is not configured" (the domain has no org.qemu.guest_agent.0 channel),
// "... is not connected" (nothing listens in the guest), "Guest agent not available for now".
const NO_CHANNEL = /guest agent is not configured/i;
const NO_AGENT = /guest agent is not (connected|responding)|guest agent not available/i;

function agentReason(nic: NoAddressNic, answer: SourceAnswer): string {
  if ('error' in answer) {
    if (NO_CHANNEL.test(answer.error)) return 'the domain has no guest agent channel (org.qemu.guest_agent.0)';
    return NO_AGENT.test(answer.error) ? 'guest agent not installed or not running in the guest' : `agent: ${answer.error}`;
  }
  const own = answer.interfaces.find((i) => i.mac === nic.mac);
  if (own) return own.addresses.length === 0 ? 'the agent reports no address on it' : 'the agent reports only link-local or loopback addresses on it';
  const others = [...new Set(answer.interfaces.flatMap((i) => (i.mac && i.mac !== '00:00:00:00:00:00' ? [i.mac] : [])))];
  return `the agent reports no interface with MAC ${nic.mac} (only ${others.join(', ') || 'none'}): the MAC in the guest's config does not match the domain's: run ${nic.peek}`;
}

function leaseReason(nic: NoAddressNic, answer: SourceAnswer | undefined): string {
  if (nic.dhcp === false) return `no DHCP on network ${nic.network}, so no lease`;
  if (answer === undefined) return '';
  return 'error' in answer ? `lease: ${answer.error}` : `no DHCP lease for it on network ${nic.network}`;
}

function arpReason(answer: SourceAnswer): string {
  return 'error' in answer ? `arp failed (${answer.error.replace(/^internal error: /, '')})` : 'no ARP entry for it on the host';
}

/** One line: each source's reason for having no address for this NIC, in source order. */
export function explainNoAddress(nic: NoAddressNic, answers: readonly SourceAnswer[]): string {
  const by = (source: SourceAnswer['source']) => answers.find((a) => a.source === source);
  const agent = by('agent');
  const arp = by('arp');
  return [agent && agentReason(nic, agent), leaseReason(nic, by('lease')), arp && arpReason(arp)].filter(Boolean).join('; ');
}
