// Verdicts per NIC, matched by MAC, for every situation rejviz-peek names.
import test from 'ava';
import type { ExpectedNic, GuestNicConfig } from '@rejviz/core';
import { nicVerdicts } from '../src/nic-verdicts.js';

const A = '52:54:00:00:00:0a';
const B = '52:54:00:00:00:0b';
const C = '52:54:00:00:00:0c';

function config(over: Partial<GuestNicConfig>): GuestNicConfig {
  return { format: 'ifcfg', file: '/etc/sysconfig/network-scripts/ifcfg-eth0', mac: null, name: null, nameIsGlob: false, bootproto: 'dhcp', addresses: [], gateway: null, gateway6: null, dns: [], mtu: null, notes: [], ...over };
}
const nic = (mac: string | null, i = 1): ExpectedNic => ({ mac, label: `the domain's NIC #${i} (network n)` });
const kinds = (v: { kind: string; level: string }[]) => v.map((x) => `${x.level}:${x.kind}`);

test('configs bound to the domain MACs are ok', (t) => {
  const v = nicVerdicts([config({ mac: A, name: 'eth0' }), config({ mac: B, name: 'eth1', file: '/x/ifcfg-eth1' })], [nic(A), nic(B, 2)]);
  t.deepEqual(kinds(v), ['ok:ok', 'ok:ok']);
});

test('a MAC changed after the build: one error naming the NIC and both MACs', (t) => {
  const v = nicVerdicts([config({ mac: A, name: 'eth0' })], [nic(C)]);
  t.deepEqual(kinds(v), ['error:mac-changed']);
  t.regex(v[0]!.message, new RegExp(`^eth0: the guest config .*ifcfg-eth0 \\(ifcfg\\) is for MAC ${A}, but the domain's NIC #1 \\(network n\\) has MAC ${C}`));
});

test('a config for a MAC the domain lacks, and a domain NIC without config, when they cannot pair', (t) => {
  const stray = nicVerdicts([config({ mac: A, name: 'eth0' }), config({ mac: B, name: 'eth1', file: '/x/ifcfg-eth1' })], [nic(B)]);
  t.deepEqual(kinds(stray), ['error:config-for-unknown-mac', 'ok:ok']);
  const missing = nicVerdicts([config({ mac: A, name: 'eth0' })], [nic(A), nic(C, 2)]);
  t.deepEqual(kinds(missing), ['ok:ok', 'error:nic-without-config']);
  t.regex(missing[1]!.message, new RegExp(`NIC #2 .*MAC ${C}\\) has no guest config`));
});

test('a name-only config is a warning, but fine when another config ties the name to a MAC', (t) => {
  const byName = config({ format: 'eni', file: '/etc/network/interfaces.d/50-cloud-init', name: 'eth0' });
  t.deepEqual(kinds(nicVerdicts([byName], [nic(A)])), ['warning:bound-by-name', 'warning:bound-by-name']);
  const udev = config({ format: 'udev', file: '/etc/udev/rules.d/70-persistent-net.rules', name: 'eth0', mac: A, bootproto: null });
  const tied = nicVerdicts([byName, udev], [nic(A)]);
  t.deepEqual(kinds(tied), ['ok:ok']);
  t.regex(tied[0]!.message, /by name eth0, which the guest ties to/);
});

test('a config matching any NIC (netplan match-all, networkd Name=e*) is a warning', (t) => {
  const v = nicVerdicts([config({ format: 'networkd', file: '/etc/systemd/network/all.network', name: 'e*', nameIsGlob: true })], [nic(A)]);
  t.deepEqual(kinds(v), ['warning:matches-any', 'warning:bound-by-name']);
});

test('duplicate MACs: on the domain, and two configs of one format', (t) => {
  t.deepEqual(kinds(nicVerdicts([config({ mac: A })], [nic(A), nic(A, 2)])), ['ok:ok', 'error:duplicate-mac']);
  const two = nicVerdicts([config({ mac: A, name: 'eth0' }), config({ mac: A, name: 'eth1', file: '/x/ifcfg-eth1' })], [nic(A)]);
  t.deepEqual(kinds(two), ['ok:ok', 'ok:ok', 'error:duplicate-mac']);
});

test('without expected NICs (bare images) only the guest side is judged', (t) => {
  t.deepEqual(kinds(nicVerdicts([config({ mac: A }), config({ name: 'eth1' })], null)), ['ok:ok', 'warning:bound-by-name']);
});
