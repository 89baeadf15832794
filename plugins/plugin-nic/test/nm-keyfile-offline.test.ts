// Real-parser check: NetworkManager's own keyfile reader (`nmcli --offline connection modify`,
// NM ≥ 1.40) must load each rendered profile and keep every setting we wrote. The offline reader
// is lenient (it drops invalid values silently), so the test compares settings, not just the exit
// code. Host set-up (Debian/Ubuntu): apt-get install -y --no-install-recommends network-manager

import { spawnSync } from 'node:child_process';
import type { ExecutionContext } from 'ava';
import { renderKeyfile, type NicSpec } from '../src/index.js';
import { CASES, DHCP_BESIDE_STATIC, nicsOf, planned, type CaseName } from './nic-fixtures.js';
import { testNeeding } from '@rejviz/test-support';

// nmcli --offline needs NetworkManager 1.40 or later.
const test = testNeeding([{
  tool: 'nmcli', probe: ['--offline', 'connection', 'add', 'type', 'ethernet', 'con-name', 'probe'],
  install: 'apt-get install -y --no-install-recommends network-manager',
}]);

type Keyfile = Map<string, Map<string, string>>;

function parseKeyfile(text: string): Keyfile {
  const sections: Keyfile = new Map();
  let current = new Map<string, string>();
  for (const line of text.split('\n')) {
    const header = /^\[(.+)\]$/.exec(line);
    if (header) sections.set(header[1]!, (current = new Map()));
    else if (line.includes('=')) current.set(line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1));
  }
  return sections;
}

/** Feeds a keyfile through NM's reader and writer (a no-op modify) and returns its output. */
function roundTrip(content: string, id: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('nmcli', ['--offline', 'connection', 'modify', 'connection.id', id], { input: content, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Settings of `ours` that NM lost or changed; NM folds gateway= into address1= and omits defaults. */
function lostSettings(ours: Keyfile, theirs: Keyfile): string[] {
  const lost: string[] = [];
  for (const [section, keys] of ours) {
    const got = theirs.get(section) ?? new Map<string, string>();
    for (const [key, value] of keys) {
      const addresses = [...got].filter(([k]) => /^address\d+$/.test(k)).map(([, v]) => v);
      const kept =
        (section === 'connection' && key === 'autoconnect' && value === 'true' && !got.has(key)) ||
        (key === 'gateway' && (got.get(key) === value || addresses.some((a) => a.endsWith(`,${value}`)))) ||
        (/^address\d+$/.test(key) && (got.get(key) === value || got.get(key)?.startsWith(`${value},`))) ||
        (key === 'mac-address' && got.get(key)?.toLowerCase() === value) ||
        got.get(key) === value;
      if (!kept) lost.push(`[${section}] ${key}=${value} (NM: ${got.get(key) ?? 'absent'})`);
    }
  }
  return lost;
}

function accepted(t: ExecutionContext, nics: NicSpec[]): void {
  for (const file of renderKeyfile(nics)) {
    const ours = parseKeyfile(file.content);
    const r = roundTrip(file.content, ours.get('connection')?.get('id') ?? '');
    t.is(r.status, 0, `nmcli rejected ${file.path}: ${r.stderr}`);
    t.deepEqual(lostSettings(ours, parseKeyfile(r.stdout)), [], `NM output:\n${r.stdout}`);
  }
}

for (const name of Object.keys(CASES) as CaseName[]) {
  test(`NetworkManager loads ${name} unchanged`, (t) => accepted(t, nicsOf(name)));
}

test('NetworkManager loads a DHCP NIC yielding the default route (never-default)', (t) => accepted(t, DHCP_BESIDE_STATIC));

test('NetworkManager loads IPv4-disabled and defroute=no profiles', (t) =>
  accepted(t, planned('name=eth1,hwaddr=52:54:00:aa:00:60,ip6addr=2001:db8::5/128,gateway6=2001:db8::1,dns1=2001:db8::53,mtu=1500',
    'name=eth2,hwaddr=52:54:00:aa:00:61,ipaddr=10.0.0.5/24,gateway=10.0.0.1,defroute=no')));

test('the harness detects rejected and silently dropped settings (negative control)', (t) => {
  t.not(roundTrip('[connection]\nid=x\ntype=ethernet\n[ipv4]\nmethod=manual\n', 'x').status, 0);
  const dropped = '[connection]\nid=x\ntype=ethernet\n[ethernet]\nmac-address=zz\n[ipv4]\nmethod=auto\n';
  const r = roundTrip(dropped, 'x');
  t.is(r.status, 0);
  t.deepEqual(lostSettings(parseKeyfile(dropped), parseKeyfile(r.stdout)), ['[ethernet] mac-address=zz (NM: absent)']);
});
