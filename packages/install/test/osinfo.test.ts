// --osinfo from the image's OS: the exact id when the host's osinfo-db knows it, else the newest
// older release of the same OS, else a generic Linux id for an OS not known to be another, else
// nothing (with a notice); the user's own --osinfo wins.
import test from 'ava';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseOsinfo, osinfoArgs } from '../src/osinfo.js';

/** An osinfo-db laid out like /usr/share/osinfo: os/VENDOR/FAMILY-VERSION.xml. */
function db(files: Record<string, string[]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rjv-osinfo-'));
  for (const [path, ids] of Object.entries(files)) {
    mkdirSync(join(dir, 'os', path.split('/')[0]!), { recursive: true });
    writeFileSync(join(dir, 'os', path), `<libosinfo><os id="x">${ids.map((id) => `<short-id>${id}</short-id>`).join('')}</os></libosinfo>\n`);
  }
  return dir;
}

const DEBIAN = db({
  'debian.org/debian-9.xml': ['debian9', 'debianstretch'],
  'debian.org/debian-10.xml': ['debian10', 'debianbuster'],
  'debian.org/debian-11.xml': ['debian11', 'debianbullseye'],
  'debian.org/debian-testing.xml': ['debiantesting'],
  'centos.org/centos-7.0.xml': ['centos7.0'],
  'centos.org/centos-stream-9.xml': ['centos-stream9'],
});
// A database with generic Linux entries too, as libosinfo's own (libosinfo.org/linux-2022.xml).
const GENERIC = db({
  'debian.org/debian-11.xml': ['debian11'],
  'libosinfo.org/linux-2018.xml': ['linux2018'],
  'libosinfo.org/linux-2022.xml': ['linux2022'],
  'libosinfo.org/linux-2020.xml': ['linux2020'],
});
test.after.always(() => {
  rmSync(DEBIAN, { recursive: true, force: true });
  rmSync(GENERIC, { recursive: true, force: true });
});

test('an id the database knows is used as is', (t) => {
  t.deepEqual(chooseOsinfo('debian10', [DEBIAN]), { kind: 'exact', osinfo: 'debian10' });
  t.deepEqual(chooseOsinfo('centos7.0', [DEBIAN]), { kind: 'exact', osinfo: 'centos7.0' });
  // A family with a hyphen (the catalogue's centos-stream-9 image): its file is centos-stream-9.xml.
  t.deepEqual(chooseOsinfo('centos-stream9', [DEBIAN]), { kind: 'exact', osinfo: 'centos-stream9' });
});

test('a newer release than the database knows gets the newest older one, compared as numbers', (t) => {
  t.deepEqual(chooseOsinfo('debian12', [DEBIAN]), { kind: 'older', osinfo: 'debian11', wanted: 'debian12' });
  t.deepEqual(chooseOsinfo('debian10.5', [DEBIAN]), { kind: 'older', osinfo: 'debian10', wanted: 'debian10.5' });
  t.deepEqual(chooseOsinfo('centos8', [DEBIAN]), { kind: 'older', osinfo: 'centos7.0', wanted: 'centos8' });
  t.deepEqual(chooseOsinfo('centos-stream10', [DEBIAN]), { kind: 'older', osinfo: 'centos-stream9', wanted: 'centos-stream10' });
});

test('an OS the database has no older release of, or no version in the id, is unknown', (t) => {
  t.deepEqual(chooseOsinfo('debian8', [DEBIAN]), { kind: 'unknown', wanted: 'debian8' });
  t.deepEqual(chooseOsinfo('plan9', [DEBIAN]), { kind: 'unknown', wanted: 'plan9' });
  t.deepEqual(chooseOsinfo('debiantesting', [DEBIAN]), { kind: 'unknown', wanted: 'debiantesting' });
  t.deepEqual(chooseOsinfo('debian12', [join(DEBIAN, 'missing')]), { kind: 'unknown', wanted: 'debian12' });
});

test('an OS the database has no release of gets its newest generic Linux id, unless it is known not to be Linux', (t) => {
  t.deepEqual(chooseOsinfo('nixos2405', [GENERIC]), { kind: 'generic', osinfo: 'linux2022', wanted: 'nixos2405' });
  t.deepEqual(chooseOsinfo('debian8', [GENERIC]), { kind: 'generic', osinfo: 'linux2022', wanted: 'debian8' });
  t.deepEqual(chooseOsinfo('debiantesting', [GENERIC]), { kind: 'generic', osinfo: 'linux2022', wanted: 'debiantesting' });
  t.deepEqual(chooseOsinfo('debian12', [GENERIC]), { kind: 'older', osinfo: 'debian11', wanted: 'debian12' }, 'an older release of its own OS first');
  for (const other of ['win2k25', 'freebsd15.0', 'openbsd7.7', 'plan9']) t.deepEqual(chooseOsinfo(other, [GENERIC]), { kind: 'unknown', wanted: other });
  const env = { OSINFO_SYSTEM_DIR: GENERIC, OSINFO_LOCAL_DIR: join(GENERIC, 'none'), XDG_CONFIG_HOME: join(GENERIC, 'none') };
  const generic = osinfoArgs([], 'nixos2405', 'manifest m.json', env);
  t.deepEqual(generic?.args, ['--osinfo', 'linux2022']);
  t.is(generic?.notice, "--osinfo linux2022: this host's osinfo-db has no release of nixos2405 (the image's OS), so the domain is set up for a generic Linux; pass --osinfo to choose");
});

test("the user's --osinfo or --os-variant wins; no image OS adds nothing", (t) => {
  const env = { OSINFO_SYSTEM_DIR: DEBIAN, OSINFO_LOCAL_DIR: join(DEBIAN, 'none'), XDG_CONFIG_HOME: join(DEBIAN, 'none') };
  t.is(osinfoArgs([{ option: '--osinfo', value: 'linux2020', indexes: [0, 1] }], 'debian11', 'manifest m.json', env), null);
  t.is(osinfoArgs([{ option: '--os-variant', value: 'linux2020', indexes: [0, 1] }], 'debian11', 'manifest m.json', env), null);
  t.is(osinfoArgs([], null, 'none', env), null);
  t.deepEqual(osinfoArgs([], 'debian11', 'manifest m.json', env)?.args, ['--osinfo', 'debian11']);
  const older = osinfoArgs([], 'debian12', 'manifest m.json', env);
  t.deepEqual(older?.args, ['--osinfo', 'debian11']);
  t.regex(older?.notice ?? '', /^--osinfo debian11: this host's osinfo-db does not know debian12/);
  const unknown = osinfoArgs([], 'plan9', 'manifest m.json', env);
  t.deepEqual(unknown?.args, []);
  t.regex(unknown?.notice ?? '', /plan9 .* pass --osinfo NAME/);
});

test("this host's osinfo-db knows centos7.0 (the tiny template's OS), and has a generic Linux for an OS it has no release of", (t) => {
  t.deepEqual(chooseOsinfo('centos7.0', ['/usr/share/osinfo']), { kind: 'exact', osinfo: 'centos7.0' });
  t.like(chooseOsinfo('rejvizos1', ['/usr/share/osinfo']), { kind: 'generic', osinfo: 'linux2022' });
});
