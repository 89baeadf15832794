// Picks the guest network format from a virt-builder template's osinfo short id (the release
// defaults of docs/network-formats.md#guest-stack-detection). Only the release is known here; a
// caller that can inspect the image should prefer what it finds there (formatForGuest).

import { UsageError } from '@rejviz/core';
import type { RenderOptions } from './render-nics.js';
import type { NicFormat } from './types.js';

interface Release {
  id: string;
  major?: number;
  minor?: number;
  /** rawhide, tumbleweed, unknown…: a moving target newer than any numbered release. */
  rolling: boolean;
}

type Rule = (release: Release) => NicFormat;

const FORMATS = 'ifcfg, keyfile, netplan, eni or networkd';

function needFormat(release: Release, why: string): never {
  throw new UsageError(`cannot pick a network format for osinfo '${release.id}': ${why}; pass --nic-format (${FORMATS})`);
}

// EL ≤ 8: NetworkManager stores ifcfg by default and the legacy network service may be in use;
// EL 9 writes keyfiles by default and EL 10 cannot read ifcfg at all.
const enterpriseLinux: Rule = (r) => {
  if (r.major === undefined) needFormat(r, 'the major release is unknown');
  return r.major <= 8 ? 'ifcfg' : 'keyfile';
};

const suse: Rule = (r) => {
  if (!r.rolling && r.major !== undefined && r.major >= 16 && r.major < 42) return 'keyfile';
  if (r.rolling) needFormat(r, 'the default network stack of rolling openSUSE is not known');
  return needFormat(r, 'SUSE up to 15 uses wicked, whose ifcfg dialect rejviz does not write (keyfile works if NetworkManager is installed)');
};

const RULES: Record<string, Rule> = {
  rhel: enterpriseLinux,
  centos: enterpriseLinux,
  almalinux: enterpriseLinux,
  rocky: enterpriseLinux,
  ol: enterpriseLinux,
  circle: enterpriseLinux,
  scientificlinux: enterpriseLinux,
  // Fedora 33 made keyfiles NetworkManager's default; 41 dropped ifcfg support.
  fedora: (r) => (r.rolling || (r.major ?? 0) >= 33 ? 'keyfile' : 'ifcfg'),
  // virt-builder's Debian templates are server installs with ifupdown; cloud images use netplan.
  debian: () => 'eni',
  // Ubuntu switched to netplan in 17.10.
  ubuntu: (r) => ((r.major ?? 0) * 100 + (r.minor ?? 0) >= 1710 || r.rolling ? 'netplan' : 'eni'),
  opensuse: suse,
  opensusetumbleweed: suse,
  sles: suse,
  alpinelinux: () => 'eni',
  archlinux: (r) => needFormat(r, 'Arch Linux has no default network stack'),
};

function parseOsinfo(id: string): { family: string; release: Release } {
  const family = /^[a-z]+/.exec(id)?.[0] ?? '';
  const version = /(\d+)(?:\.(\d+))?/.exec(id.slice(family.length));
  const rolling = /tumbleweed|rawhide|unknown|testing|sid/.test(id);
  const release: Release = { id, rolling };
  if (version?.[1] !== undefined) release.major = Number(version[1]);
  if (version?.[2] !== undefined) release.minor = Number(version[2]);
  return { family, release };
}

/** The default --nic format for a guest identified by its osinfo short id (e.g. rhel9.0, debian12). */
export function formatForOsinfo(osinfo: string): NicFormat {
  const { family, release } = parseOsinfo(osinfo);
  const rule = Object.hasOwn(RULES, family) ? RULES[family] : undefined;
  if (rule === undefined) needFormat(release, `unknown guest family '${family}'`);
  return rule(release);
}

/** Render options that go with formatForOsinfo: Alpine's BusyBox ifupdown reads only /etc/network/interfaces. */
export function renderOptionsForOsinfo(osinfo: string): RenderOptions {
  return parseOsinfo(osinfo).family === 'alpinelinux' ? { eniLayout: 'interfaces' } : {};
}
