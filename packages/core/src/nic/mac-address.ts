// MAC address text: the one accepted spelling (six hex octets, ':' or '-' throughout) and the
// ranges that matter to QEMU and libvirt (docs/network-formats.md#mac-addresses).

// Six two-digit hex octets, all separated by ':' or all by '-' (the back-reference forbids mixing).
const MAC = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}$/i;
// QEMU's prefix for NICs without mac=: 52:54:00:12:34:<n>; a fixed MAC there can collide with one.
const QEMU_DEFAULT_RANGE = '52:54:00:12:34:';

/** Normalises a MAC to lowercase colon form, accepting '-' separators; undefined when malformed. */
export function normaliseMac(text: string): string | undefined {
  return MAC.test(text) ? text.toLowerCase().replace(/-/g, ':') : undefined;
}

/** Whether a (normalised) MAC lies in QEMU's auto-assigned range 52:54:00:12:34:xx. */
export function isQemuDefaultMac(mac: string): boolean {
  return mac.startsWith(QEMU_DEFAULT_RANGE);
}

/** Whether a (normalised) MAC has the group bit set: multicast, or ff:ff:ff:ff:ff:ff (broadcast). */
export function isMulticastMac(mac: string): boolean {
  return (parseInt(mac.slice(0, 2), 16) & 1) === 1;
}
