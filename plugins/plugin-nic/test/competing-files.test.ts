import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { competingFiles, eniMainFileCommand } from '../src/competing-files.js';

function runOn(content: string | null, names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'rjv-eni-'));
  const file = join(dir, 'interfaces');
  if (content !== null) writeFileSync(file, content);
  try {
    execFileSync('sh', ['-c', eniMainFileCommand(names, file)]);
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('stanzas of our NICs leave the main interfaces file; others and loopback stay', (t) => {
  const before = [
    'source /etc/network/interfaces.d/*', '', 'auto lo', 'iface lo inet loopback', '',
    'auto eth0 eth2', 'allow-hotplug eth1', 'iface eth0 inet dhcp', '    metric 5', 'iface eth0 inet6 auto', '',
    'iface eth2 inet static', '    address 10.0.0.2/24', 'iface eth1 inet dhcp', '',
  ].join('\n');
  const after = runOn(before, ['eth0', 'eth1']);
  t.is(after, ['source /etc/network/interfaces.d/*', '', 'auto lo', 'iface lo inet loopback', '', 'auto eth2',
    'iface eth2 inet static', '    address 10.0.0.2/24', ''].join('\n'));
});

test('the source line is added once when missing', (t) => {
  const once = runOn('auto lo\niface lo inet loopback\n', ['eth0']);
  t.is(once, 'auto lo\niface lo inet loopback\n\nsource /etc/network/interfaces.d/*\n');
  t.is(runOn(once, ['eth0']), once);
});

test('a missing interfaces file gets just the source line', (t) => {
  t.is(runOn(null, ['eth0']), '\nsource /etc/network/interfaces.d/*\n');
});

test('cloud-init leftovers are deleted per format', (t) => {
  t.deepEqual(competingFiles('netplan', []), ['/etc/netplan/50-cloud-init.yaml']);
  t.deepEqual(competingFiles('ifcfg', []), []);
});
