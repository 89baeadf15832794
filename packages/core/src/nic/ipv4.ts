// Strict IPv4 text handling and subnet arithmetic on unsigned 32-bit numbers.

// Dotted quad only: C's inet_aton also takes "10.1", "1.2.3" and octal "010.0.0.1", which would
// mean different addresses to different guest tools, so those forms are rejected.
const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const DOTTED_QUAD = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/** Parses a strict dotted-quad IPv4 address to a uint32, or undefined when malformed. */
export function parseIpv4(text: string): number | undefined {
  if (!DOTTED_QUAD.test(text)) return undefined;
  return text.split('.').reduce((acc, octet) => ((acc << 8) | Number(octet)) >>> 0, 0);
}

/** Formats a uint32 as a dotted quad. */
export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

/** The netmask of a prefix length, as a uint32. */
export function prefixToMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** The prefix length of a contiguous netmask, or undefined when the mask has holes. */
export function maskToPrefix(mask: number): number | undefined {
  const inverted = ~mask >>> 0;
  // A contiguous mask inverted is 2^n - 1, so adding one leaves a single bit set.
  if ((inverted & (inverted + 1)) !== 0) return undefined;
  return 32 - Math.log2(inverted + 1);
}

/** The network address of `address/prefix`. */
export function networkOf(address: number, prefix: number): number {
  return (address & prefixToMask(prefix)) >>> 0;
}

/** The broadcast address of `address/prefix`. */
export function broadcastOf(address: number, prefix: number): number {
  return (networkOf(address, prefix) | ~prefixToMask(prefix)) >>> 0;
}

/** Whether `address` is the network or broadcast address of its subnet (never for /31 and /32). */
export function isNetworkOrBroadcast(address: number, prefix: number): boolean {
  if (prefix >= 31) return false;
  return address === networkOf(address, prefix) || address === broadcastOf(address, prefix);
}

/** Why an IPv4 address cannot be a host's unicast address, or undefined when it can. */
export function ipv4Unusable(address: number): string | undefined {
  const first = address >>> 24;
  if (first === 0) return 'is in 0.0.0.0/8 ("this network")';
  if (first === 127) return 'is a loopback address';
  if (first >= 224 && first <= 239) return 'is a multicast address';
  if (first >= 240) return 'is reserved or the broadcast address';
  return undefined;
}

/** Whether an IPv4 address is link-local (169.254.0.0/16). */
export function isIpv4LinkLocal(address: number): boolean {
  return address >>> 16 === 0xa9fe;
}
