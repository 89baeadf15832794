// Strict IPv4/IPv6 literals and CIDR addresses, as numbers, for subnet (on-link) decisions.

/** An IP address family. */
export type IpFamily = 4 | 6;

/** A parsed address: its family and its value as an unsigned integer. */
export interface IpValue {
  family: IpFamily;
  value: bigint;
}

/** A parsed CIDR address (`10.0.0.5/24`, `2001:db8::5/64`). */
export interface Cidr extends IpValue {
  prefix: number;
  text: string;
}

const BITS: Record<IpFamily, number> = { 4: 32, 6: 128 };

/** A dotted quad without leading zeros (those are octal to inet_aton), or undefined. */
export function parseIpv4(text: string): number | undefined {
  if (!/^(?:0|[1-9][0-9]{0,2})(?:\.(?:0|[1-9][0-9]{0,2})){3}$/.test(text)) return undefined;
  const octets = text.split('.').map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return octets.reduce((acc, o) => acc * 256 + o, 0);
}

function groupsOf(part: string, v4Allowed: boolean): number[] | undefined {
  if (part === '') return [];
  const pieces = part.split(':');
  const groups: number[] = [];
  for (const [i, piece] of pieces.entries()) {
    if (v4Allowed && i === pieces.length - 1 && piece.includes('.')) {
      const v4 = parseIpv4(piece);
      if (v4 === undefined) return undefined;
      groups.push(Math.floor(v4 / 65536), v4 % 65536);
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(piece)) {
      groups.push(parseInt(piece, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

/** An IPv6 literal (with `::` and an optional trailing dotted quad; no %zone), or undefined. */
export function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const compressed = halves.length === 2;
  const head = groupsOf(halves[0] ?? '', !compressed);
  const tail = compressed ? groupsOf(halves[1] ?? '', true) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (compressed ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<number>(missing).fill(0), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

/** Parses an IPv4 or IPv6 literal. */
export function parseIp(text: string): IpValue | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { family: 4, value: BigInt(v4) };
  const v6 = parseIpv6(text);
  return v6 === undefined ? undefined : { family: 6, value: v6 };
}

/** Parses `ADDRESS/PREFIX` with a prefix of 1-32 (IPv4) or 1-128 (IPv6), or undefined. */
export function parseCidr(text: string): Cidr | undefined {
  const match = /^([^/]+)\/([1-9][0-9]{0,2})$/.exec(text);
  if (!match) return undefined;
  const ip = parseIp(match[1] ?? '');
  const prefix = Number(match[2]);
  if (ip === undefined || prefix > BITS[ip.family]) return undefined;
  return { ...ip, prefix, text };
}

/** Whether `ip` lies inside the subnet of `cidr` (same family, same network bits). */
export function inSubnet(ip: IpValue, cidr: Cidr): boolean {
  if (ip.family !== cidr.family) return false;
  const shift = BigInt(BITS[cidr.family] - cidr.prefix);
  return ip.value >> shift === cidr.value >> shift;
}

/** Whether an IPv6 address is link-local (fe80::/10), hence always reachable on the link. */
export function isIpv6LinkLocal(ip: IpValue): boolean {
  return ip.family === 6 && ip.value >> 118n === 0x3fan;
}
