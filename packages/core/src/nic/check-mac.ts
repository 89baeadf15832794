// The MAC rules (docs/network-formats.md#bad-nic-input, rows 25-29): well-formed, unicast, not
// null; warnings for libvirt's tap range and QEMU's default range.
import { shown } from '../shown.js';
import { isMulticastMac, isQemuDefaultMac, normaliseMac } from './mac-address.js';
import type { NicReport, NicWords } from './nic-words.js';

/** Checks a MAC as written and returns it normalised (lowercase, ':'). */
export function checkMac(text: string, words: NicWords, report: NicReport): string {
  const mac = normaliseMac(text);
  if (mac === undefined) report.fail(`invalid MAC ${shown(text)} in ${words.mac} (expected xx:xx:xx:xx:xx:xx)`);
  // libvirt refuses these itself ("expected unicast mac address"), but only once virt-install runs.
  if (isMulticastMac(mac)) report.fail(`${words.mac} ${mac} is a multicast/broadcast address; use a unicast MAC (even first octet, e.g. 52:54:00:…)`);
  if (mac === '00:00:00:00:00:00') report.fail(`${words.mac} ${mac} is the null MAC; give a real MAC${words.omitMac ? ` or ${words.omitMac}` : ''}`);
  if (mac.startsWith('fe:')) report.warn(`${words.mac} ${mac}: first octet fe is reserved by libvirt for host tap devices; prefer 52:54:00:…`);
  if (isQemuDefaultMac(mac)) report.warn(`${words.mac} ${mac} is in QEMU's default range 52:54:00:12:34:xx and may collide with NICs given no MAC`);
  return mac;
}
