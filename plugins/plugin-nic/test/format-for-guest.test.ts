// formatForGuest: the choice of docs/network-formats.md#guest-stack-detection on real probes of the
// fixture images and on synthetic facts for the families the fixtures do not cover.

import test from 'ava';
import { readFileSync } from 'node:fs';
import { parseProbes, UsageError, type GuestFacts, type GuestOs, type NetworkStacks } from '@rejviz/core';
import { formatForGuest, type NicFormat } from '../src/index.js';

function recorded(name: string): GuestFacts {
  return parseProbes(readFileSync(new URL(`../../../../fixtures/guest-probes/${name}.txt`, import.meta.url), 'utf8'));
}

const REAL: Array<[string, NicFormat, RegExp]> = [
  ['tiny-centos7', 'ifcfg', /initscripts/],
  ['debian-12', 'eni', /^ifupdown is installed/],
  ['debian-12-nm-enabled', 'keyfile', /NetworkManager is enabled/],
  ['debian-12-networkd-enabled', 'networkd', /systemd-networkd is enabled/],
];

for (const [name, format, why] of REAL) {
  test(`recorded ${name} → ${format}`, (t) => {
    const picked = formatForGuest(recorded(name));
    t.is(picked.format, format);
    t.regex(picked.why, why);
  });
}

const NOTHING: NetworkStacks = {
  networkManager: { installed: false, enabled: false },
  nmIfcfgRh: false,
  initscripts: false,
  netplan: { installed: false, configs: [] },
  ifupdown: { installed: false, busybox: false },
  networkd: { installed: false, enabled: false },
  wicked: false,
  cloudInit: false,
};

function facts(os: Partial<GuestOs>, stacks: Partial<NetworkStacks>, osRelease: GuestFacts['osRelease'] = null): GuestFacts {
  const base: GuestOs = {
    type: 'linux', distro: 'unknown', major: 0, minor: 0, arch: 'x86_64', osinfo: 'unknown', hostname: 'h', productName: 'p',
  };
  return { os: { ...base, ...os }, osRelease, stacks: { ...NOTHING, ...stacks }, netIfnamesZero: false };
}

const NM = { networkManager: { installed: true, enabled: true } };
const EL_NM = { ...NM, nmIfcfgRh: true, initscripts: true };

const netplan = (...configs: string[]) => ({ netplan: { installed: true, configs } });
const networkd = { networkd: { installed: true, enabled: true } };
const ifupdown = (busybox: boolean) => ({ ifupdown: { installed: true, busybox } });
const alma = { id: 'almalinux', idLike: ['rhel', 'centos', 'fedora'], versionId: '8.9' };

const SYNTHETIC: Array<[string, GuestFacts, NicFormat]> = [
  ['Ubuntu server: netplan with a cloud-init config',
    facts({ distro: 'ubuntu', major: 22, minor: 4 }, { ...netplan('/etc/netplan/50-cloud-init.yaml'), ...networkd }), 'netplan'],
  ['Ubuntu without any netplan config yet', facts({ distro: 'ubuntu', major: 24, minor: 4 }, netplan()), 'netplan'],
  ['Debian cloud image: netplan configured',
    facts({ distro: 'debian', major: 12 }, { ...netplan('/etc/netplan/90-default.yaml'), ...ifupdown(false) }), 'netplan'],
  ['EL9 with NetworkManager', facts({ distro: 'rhel', major: 9, osinfo: 'rhel9.4' }, EL_NM), 'keyfile'],
  ['EL7 with NetworkManager and ifcfg-rh', facts({ distro: 'centos', major: 7, osinfo: 'centos7.0' }, EL_NM), 'ifcfg'],
  ['AlmaLinux 8 (redhat-based to libguestfs) with NetworkManager', facts({ distro: 'redhat-based', major: 8 }, EL_NM, alma), 'ifcfg'],
  ['EL10: NetworkManager without ifcfg-rh', facts({ distro: 'rhel', major: 10 }, NM), 'keyfile'],
  ['Fedora 40 with NetworkManager and the ifcfg-rh package', facts({ distro: 'fedora', major: 40 }, { ...NM, nmIfcfgRh: true }), 'keyfile'],
  ['EL6: initscripts only', facts({ distro: 'centos', major: 6 }, { initscripts: true }), 'ifcfg'],
  ['Alpine: BusyBox ifupdown', facts({ distro: 'alpinelinux', major: 3 }, ifupdown(true)), 'eni'],
  ['no stack found: the osinfo default', facts({ distro: 'debian', major: 11, osinfo: 'debian11' }, {}), 'eni'],
];

for (const [name, guest, format] of SYNTHETIC) {
  test(`${name} → ${format}`, (t) => t.is(formatForGuest(guest).format, format));
}

test('the fallback says which osinfo default it used', (t) => {
  const { why } = formatForGuest(facts({ osinfo: 'rhel9.0' }, {}));
  t.is(why, 'no enabled network stack found (no known network stack); the default for rhel9.0');
});

test('no OS → UsageError asking for --nic-format', (t) => {
  const noOs: GuestFacts = { os: null, osRelease: null, stacks: NOTHING, netIfnamesZero: false };
  t.throws(() => formatForGuest(noOs), { instanceOf: UsageError, message: /no operating system found.*--nic-format/ });
});

test('nothing found and no osinfo → UsageError asking for --nic-format', (t) => {
  t.throws(() => formatForGuest(facts({}, { cloudInit: true })), {
    instanceOf: UsageError,
    message: /cannot tell the guest's network stack \(found: cloud-init\); pass --nic-format/,
  });
});

test('SUSE with only wicked → the osinfo rule refuses (rejviz does not write wicked ifcfg)', (t) => {
  const sles = facts({ distro: 'sles', major: 15, osinfo: 'sles15sp5' }, { wicked: true });
  t.throws(() => formatForGuest(sles), { instanceOf: UsageError, message: /wicked/ });
});

test('a Windows guest is refused', (t) => {
  const windows = facts({ type: 'windows', productName: 'Windows Server 2022' }, {});
  t.throws(() => formatForGuest(windows), { instanceOf: UsageError, message: /windows \(Windows Server 2022\); --nic writes Linux/ });
});
