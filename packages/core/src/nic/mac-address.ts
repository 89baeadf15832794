// MAC address text, the one normaliser for every reader of MACs, and the ranges that matter to
// QEMU and libvirt (docs/network-formats.md#mac-addresses). Every MAC rejviz compares or writes is
// in one form: lowercase, two hex digits per octet, ':' between them.

/**
 * How strictly a MAC's spelling is read. The strictness differs by where the text comes from, not
 * by caller taste: a MAC rejviz will write into a guest or a domain is held to one spelling, while
 * one that another program already accepted is read as that program reads it.
 * - 'strict': what users give rejviz (--nic hwaddr, manifests): six two-digit octets, all ':' or all '-'.
 * - 'guest': what guest network files hold: the same, with surrounding blanks ignored.
 * - 'libvirt': what libvirt itself accepts (domain XML, virt-install mac=): also one-digit octets,
 *   as virMacAddrParse takes them ("52:54:0:a:b:c").
 */
export type MacReading = 'strict' | 'guest' | 'libvirt';

// Six hex octets, all separated by ':' or all by '-' (the back-reference forbids mixing).
const STRICT = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}$/i;
const LIBVIRT = /^[0-9a-f]{1,2}([:-])[0-9a-f]{1,2}(?:\1[0-9a-f]{1,2}){4}$/i;
// QEMU's prefix for NICs without mac=: 52:54:00:12:34:<n>; a fixed MAC there can collide with one.
const QEMU_DEFAULT_RANGE = '52:54:00:12:34:';

/** The MAC in lowercase colon form with two digits per octet, or undefined when `text` is not one under `reading`. */
export function normaliseMac(text: string, reading: MacReading = 'strict'): string | undefined {
  const candidate = reading === 'guest' ? text.trim() : text;
  if (!(reading === 'libvirt' ? LIBVIRT : STRICT).test(candidate)) return undefined;
  return candidate
    .split(/[:-]/)
    .map((octet) => octet.toLowerCase().padStart(2, '0'))
    .join(':');
}

/** Whether a (normalised) MAC lies in QEMU's auto-assigned range 52:54:00:12:34:xx. */
export function isQemuDefaultMac(mac: string): boolean {
  return mac.startsWith(QEMU_DEFAULT_RANGE);
}

/** Whether a (normalised) MAC has the group bit set: multicast, or ff:ff:ff:ff:ff:ff (broadcast). */
export function isMulticastMac(mac: string): boolean {
  return (parseInt(mac.slice(0, 2), 16) & 1) === 1;
}
