// parseProbes on real guestfish output recorded from the fixture images, plus the edge cases the
// recordings cannot show (no OS, a BusyBox ifup, netplan configs, commented-out cmdlines).

import test from 'ava';
import { describeStacks, type GuestFacts, type NetworkStacks } from '../src/inspect/guest-facts.js';
import { parseOsRelease, parseProbes } from '../src/inspect/parse-probes.js';
import { probeScript } from '../src/inspect/probe-script.js';
import { PROBE_FIXTURES, recordedProbe } from './inspect-fixtures.js';

const debianOs = {
  type: 'linux', distro: 'debian', major: 12, minor: 15, arch: 'x86_64',
  osinfo: 'debian12', hostname: 'debian12', productName: '12.15',
};
const debianStacks: NetworkStacks = {
  networkManager: { installed: true, enabled: false },
  nmIfcfgRh: false,
  initscripts: false,
  netplan: { installed: true, configs: [] },
  ifupdown: { installed: true, busybox: false },
  networkd: { installed: true, enabled: false },
  wicked: false,
  cloudInit: true,
};
const debian: GuestFacts = {
  os: debianOs,
  osRelease: { id: 'debian', idLike: [], versionId: '12' },
  stacks: debianStacks,
  netIfnamesZero: true,
};

test('debian-12: every stack installed, only ifupdown in use, net.ifnames=0 from extlinux.conf', (t) => {
  t.deepEqual(parseProbes(recordedProbe('debian-12')), debian);
});

test('debian-12 with NetworkManager.service enabled', (t) => {
  const stacks = { ...debianStacks, networkManager: { installed: true, enabled: true } };
  t.deepEqual(parseProbes(recordedProbe('debian-12-nm-enabled')), { ...debian, stacks });
});

test('debian-12 with systemd-networkd.service enabled', (t) => {
  const stacks = { ...debianStacks, networkd: { installed: true, enabled: true } };
  t.deepEqual(parseProbes(recordedProbe('debian-12-networkd-enabled')), { ...debian, stacks });
});

test('tiny-centos7: initscripts only, whose ifup is not ifupdown', (t) => {
  t.deepEqual(parseProbes(recordedProbe('tiny-centos7')), {
    os: {
      type: 'linux', distro: 'centos', major: 7, minor: 9, arch: 'x86_64', osinfo: 'centos7.0',
      hostname: 'localhost.localdomain', productName: 'CentOS Linux release 7.9.2009 (Core)',
    },
    osRelease: { id: 'centos', idLike: ['rhel', 'fedora'], versionId: '7' },
    stacks: {
      networkManager: { installed: false, enabled: false },
      nmIfcfgRh: false,
      initscripts: true,
      netplan: { installed: false, configs: [] },
      ifupdown: { installed: false, busybox: false },
      networkd: { installed: false, enabled: false },
      wicked: false,
      cloudInit: false,
    },
    netIfnamesZero: false,
  });
});

test('the recordings answer every question the current probe script asks', (t) => {
  const asked = [...probeScript().matchAll(/^echo @@rejviz@@ (\S+)$/gm)].map((m) => m[1]);
  for (const name of PROBE_FIXTURES) {
    const answered = [...recordedProbe(name).matchAll(/^@@rejviz@@ (\S+)$/gm)].map((m) => m[1]);
    t.deepEqual(answered.filter((k) => !k?.startsWith('os.') && k !== 'mountpoints'), asked, name);
  }
});

const M = '@@rejviz@@';
const synthetic = (answers: Record<string, string>) =>
  `${Object.entries({ roots: '', ...answers, end: '' }).map(([k, v]) => `${M} ${k}\n${v}`).join('')}`;

test('no root: os is null and nothing is found', (t) => {
  const facts = parseProbes(synthetic({ artifacts: '' }));
  t.is(facts.os, null);
  t.is(describeStacks(facts), 'no known network stack');
});

test('BusyBox ifup, netplan configs, ifcfg-rh plugin and a cat without a final newline', (t) => {
  const facts = parseProbes(synthetic({
    roots: '/dev/sda2\n',
    'os.type': 'linux\n',
    artifacts: '/sbin/ifup\n/etc/network/interfaces\n/usr/sbin/netplan\n/etc/netplan/50-cloud-init.yaml\n/etc/netplan/01-a.yaml\n' +
      '/usr/lib64/NetworkManager/1.42.2-1.el9/libnm-settings-plugin-ifcfg-rh.so\n',
    'ifup-link.sbin': '/bin/busybox\n',
    'os-release': 'ID="almalinux"\nID_LIKE=\'rhel centos fedora\'\nVERSION_ID=9.3',
  }));
  t.deepEqual(facts.stacks.ifupdown, { installed: true, busybox: true });
  t.deepEqual(facts.stacks.netplan, { installed: true, configs: ['/etc/netplan/01-a.yaml', '/etc/netplan/50-cloud-init.yaml'] });
  t.true(facts.stacks.nmIfcfgRh);
  t.deepEqual(facts.osRelease, { id: 'almalinux', idLike: ['rhel', 'centos', 'fedora'], versionId: '9.3' });
  t.is(facts.os?.distro, 'unknown');
});

test('an enablement symlink without the program does not make a stack enabled', (t) => {
  const facts = parseProbes(synthetic({ artifacts: '/etc/systemd/system/multi-user.target.wants/NetworkManager.service\n' }));
  t.deepEqual(facts.stacks.networkManager, { installed: false, enabled: false });
});

test('net.ifnames=0 counts in grub, grubenv and kernel cmdlines, not in comments or as =01', (t) => {
  const yes = ['GRUB_CMDLINE_LINUX="rhgb net.ifnames=0 quiet"', 'kernelopts=root=/dev/vda1 net.ifnames=0', 'net.ifnames=0 biosdevname=0'];
  const no = ['#GRUB_CMDLINE_LINUX="net.ifnames=0"', 'options net.ifnames=01', 'GRUB_CMDLINE_LINUX="net.ifnames=1"'];
  for (const line of yes) t.true(parseProbes(synthetic({ cmdline: `${line}\n` })).netIfnamesZero, line);
  for (const line of no) t.false(parseProbes(synthetic({ cmdline: `${line}\n` })).netIfnamesZero, line);
});

test('output without the markers is a bug, not an answer', (t) => {
  t.throws(() => parseProbes('guestfish printed something else\n'), { message: /Assertion failed/ });
});

test('parseOsRelease unquotes values and needs an ID', (t) => {
  const ubuntu = parseOsRelease('NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="22.04"\n');
  t.deepEqual(ubuntu, { id: 'ubuntu', idLike: ['debian'], versionId: '22.04' });
  t.is(parseOsRelease('NAME=nothing\n'), null);
});

test('describeStacks names what was found', (t) => {
  t.is(describeStacks(debian), 'NetworkManager (not enabled), systemd-networkd (not enabled), netplan (0 configs), ifupdown, cloud-init');
});
