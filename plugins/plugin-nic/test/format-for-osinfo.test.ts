// formatForOsinfo: the release defaults of docs/network-formats.md#guest-stack-detection from
// virt-builder osinfo short ids.

import test from 'ava';
import { UsageError } from '@rejviz/core';
import { formatForOsinfo, renderOptionsForOsinfo, type NicFormat } from '../src/index.js';

const EXPECTED: Array<[string, NicFormat]> = [
  ['centos6.10', 'ifcfg'],
  ['centos7.0', 'ifcfg'],
  ['rhel8.2', 'ifcfg'],
  ['rhel9.0', 'keyfile'],
  ['rhel10.0', 'keyfile'],
  ['centos-stream9', 'keyfile'],
  ['almalinux8', 'ifcfg'],
  ['rocky9', 'keyfile'],
  ['fedora32', 'ifcfg'],
  ['fedora33', 'keyfile'],
  ['fedora38', 'keyfile'],
  ['fedora-rawhide', 'keyfile'],
  ['debian10', 'eni'],
  ['debian12', 'eni'],
  ['ubuntu16.04', 'eni'],
  ['ubuntu17.04', 'eni'],
  ['ubuntu17.10', 'netplan'],
  ['ubuntu22.04', 'netplan'],
  ['opensuse16.0', 'keyfile'],
  ['alpinelinux3.18', 'eni'],
];

for (const [osinfo, format] of EXPECTED) {
  test(`${osinfo} → ${format}`, (t) => t.is(formatForOsinfo(osinfo), format));
}

const REFUSED: Array<[string, string]> = [
  ['opensuse15.3', "cannot pick a network format for osinfo 'opensuse15.3': SUSE up to 15 uses wicked"],
  ['sles15sp4', 'SUSE up to 15 uses wicked'],
  ['opensusetumbleweed', 'the default network stack of rolling openSUSE is not known'],
  ['archlinux', "cannot pick a network format for osinfo 'archlinux': Arch Linux has no default network stack"],
  ['rhel', 'the major release is unknown'],
  ['cirros0.5', "unknown guest family 'cirros'"],
  ['freebsd13.1', "unknown guest family 'freebsd'"],
  ['constructor', "unknown guest family 'constructor'"],
];

for (const [osinfo, expected] of REFUSED) {
  test(`${osinfo} asks for --nic-format`, (t) => {
    const error = t.throws(() => formatForOsinfo(osinfo), { instanceOf: UsageError });
    t.true(error?.message.includes(expected), error?.message);
    t.true(error?.message.endsWith('; pass --nic-format (ifcfg, keyfile, netplan, eni or networkd)'), error?.message);
  });
}

test('Alpine gets the single-file ENI layout, others the default', (t) => {
  t.deepEqual(renderOptionsForOsinfo('alpinelinux3.18'), { eniLayout: 'interfaces' });
  t.deepEqual(renderOptionsForOsinfo('debian12'), {});
});
