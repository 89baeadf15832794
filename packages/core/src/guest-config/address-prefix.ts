// Reads one configured address and its prefix length, however the format spells the prefix:
// inside the address (a/24, or a/255.255.255.0), as a separate prefix, or as a separate netmask.
import { intendedFamily, netmaskToPrefix, parseIp, parsePrefix, type IpFamily } from '../nic/ip-address.js';
import type { GuestAddress } from './types.js';

export interface AddressSpec {
  /** The address as written, possibly with /prefix. */
  text: string;
  /** A separately given prefix length (PREFIX=, PREFIXLEN=). */
  prefix?: string | undefined;
  /** A separately given netmask (NETMASK=, netmask): dotted, or a bit count where the format allows it. */
  netmask?: string | undefined;
  /** The prefix the format assumes for an IPv6 address without one (ifcfg IPV6ADDR, NM keyfile: 64). */
  ipv6Default?: number;
}

export interface AddressResult {
  /** The address (with a null prefix when none is known), or null when the address or its prefix is invalid. */
  address: GuestAddress | null;
  family: IpFamily | null;
  /** True when the prefix came as a dotted netmask after the '/' (not CIDR). */
  maskAfterSlash: boolean;
  /** Problems, without a location; the caller adds file and line. */
  problems: string[];
}

function prefixOrMask(text: string, family: IpFamily): number | null {
  return parsePrefix(text, family, 'lenient') ?? (family === 4 ? netmaskToPrefix(text, 'lenient') : undefined) ?? null;
}

/** The address of `spec`; a separate prefix wins over a separate netmask, a prefix in the address over both. */
export function readAddress(spec: AddressSpec): AddressResult {
  const problems: string[] = [];
  const slash = spec.text.indexOf('/');
  const bare = (slash === -1 ? spec.text : spec.text.slice(0, slash)).trim();
  const ip = parseIp(bare, 'lenient');
  if (ip === undefined) return { address: null, family: null, maskAfterSlash: false, problems: [`'${spec.text}' is not an IP address`] };
  const family = intendedFamily(ip);
  let inline: number | null = null;
  if (slash !== -1) {
    inline = prefixOrMask(spec.text.slice(slash + 1), family);
    if (inline === null) return { address: null, family, maskAfterSlash: false, problems: [`'${spec.text}' has an invalid prefix; left out`] };
  }
  let separate: number | null = null;
  if (spec.prefix !== undefined) {
    separate = parsePrefix(spec.prefix, family, 'lenient') ?? null;
    if (separate === null) problems.push(`prefix '${spec.prefix}' of ${ip} is not a valid prefix length`);
  }
  if (spec.netmask !== undefined) {
    const fromMask = prefixOrMask(spec.netmask, family);
    if (fromMask === null) problems.push(`netmask '${spec.netmask}' of ${ip} is not a contiguous netmask`);
    else if (separate !== null && fromMask !== separate) problems.push(`prefix /${separate} and netmask ${spec.netmask} of ${ip} disagree; using /${separate}`);
    separate ??= fromMask;
  }
  if (inline !== null && separate !== null && inline !== separate) {
    problems.push(`'${spec.text}' and the separate prefix /${separate} disagree; using /${inline}`);
  }
  let prefix = inline ?? separate;
  if (prefix === null && slash === -1 && spec.prefix === undefined && spec.netmask === undefined) {
    if (family === 6 && spec.ipv6Default !== undefined) {
      prefix = spec.ipv6Default;
      problems.push(`${ip} has no prefix; /${prefix} assumed, as this format does`);
    } else {
      problems.push(`${ip} has no prefix or netmask; the prefix is not given`);
    }
  }
  const maskAfterSlash = slash !== -1 && spec.text.slice(slash + 1).includes('.');
  return { address: { address: ip, prefix }, family, maskAfterSlash, problems };
}
