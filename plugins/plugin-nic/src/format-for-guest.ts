// Picks the guest network format from what an inspection found in the image
// (docs/network-formats.md#guest-stack-detection): the stack that is actually there wins over the
// distro's default, which is only the fallback (formatForOsinfo).

import { describeStacks, UsageError, type GuestFacts, type GuestOs } from '@rejviz/core';
import { formatForOsinfo } from './format-for-osinfo.js';
import type { NicFormat } from './types.js';

const FORMATS = 'ifcfg, keyfile, netplan, eni or networkd';
const EL_DISTROS = new Set(['rhel', 'centos', 'rocky', 'almalinux', 'oraclelinux', 'circle', 'scientificlinux', 'redhat-based']);

function majorVersion(facts: GuestFacts, os: GuestOs): number {
  return os.major || Number.parseInt(facts.osRelease?.versionId ?? '', 10) || 0;
}

// EL ≤ 8 and Fedora ≤ 32 build NetworkManager with ifcfg-rh as the default storage: ifcfg is what
// the distro itself writes, and the legacy network service can still read it.
function nmStoresIfcfg(facts: GuestFacts, os: GuestOs): boolean {
  if (!facts.stacks.nmIfcfgRh) return false;
  const ids = [os.distro, facts.osRelease?.id ?? '', ...(facts.osRelease?.idLike ?? [])];
  const major = majorVersion(facts, os);
  if (ids.some((id) => EL_DISTROS.has(id))) return major > 0 && major <= 8;
  return ids[0] === 'fedora' && major > 0 && major <= 32;
}

function isUbuntu(facts: GuestFacts, os: GuestOs): boolean {
  return os.distro === 'ubuntu' || facts.osRelease?.id === 'ubuntu';
}

/** The --nic format for an inspected guest, and why (for --verbose and --dry-run). */
export function formatForGuest(facts: GuestFacts): { format: NicFormat; why: string } {
  const os = facts.os;
  if (os === null) throw new UsageError(`no operating system found in the image; pass --nic-format (${FORMATS}) to skip detection`);
  if (os.type !== 'linux') {
    throw new UsageError(`the guest is ${os.type} (${os.productName}); --nic writes Linux network configuration only`);
  }
  const s = facts.stacks;
  if (s.networkManager.enabled) {
    if (!nmStoresIfcfg(facts, os)) return { format: 'keyfile', why: 'NetworkManager is enabled' };
    const release = `${os.distro} ${majorVersion(facts, os)}`;
    return { format: 'ifcfg', why: `NetworkManager is enabled and stores ifcfg files by default on ${release} (ifcfg-rh plugin)` };
  }
  if (s.netplan.installed && s.netplan.configs.length > 0) {
    return { format: 'netplan', why: `netplan is installed and configured (${s.netplan.configs.join(', ')})` };
  }
  if (s.netplan.installed && isUbuntu(facts, os)) return { format: 'netplan', why: 'netplan is Ubuntu\'s network configuration tool' };
  if (s.networkd.enabled) return { format: 'networkd', why: 'systemd-networkd is enabled' };
  if (s.ifupdown.installed) {
    return { format: 'eni', why: `${s.ifupdown.busybox ? 'BusyBox ifupdown' : 'ifupdown'} is installed with /etc/network/interfaces` };
  }
  if (s.initscripts) return { format: 'ifcfg', why: 'the initscripts network service is installed' };
  if (os.osinfo === 'unknown' || os.osinfo === '') {
    throw new UsageError(`cannot tell the guest's network stack (found: ${describeStacks(facts)}); pass --nic-format (${FORMATS})`);
  }
  return { format: formatForOsinfo(os.osinfo), why: `no enabled network stack found (${describeStacks(facts)}); the default for ${os.osinfo}` };
}
