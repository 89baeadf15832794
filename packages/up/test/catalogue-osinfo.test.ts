// Every image in the built-in catalogue gets an --osinfo from this host's osinfo-db: virt-install 4
// refuses to import a disk without one, so an id the db cannot place (as centos-stream9 was, its
// family having a hyphen) would stop every lab built on that image at its first machine. Read
// from the real database the host's virt-install uses (Debian 12's lacks debian12, fedora41...:
// those get their newest older release). A generic Linux id (the fallback for an OS the db has no
// release of) does not count here: a catalogue image is one the db should place by its own OS.
import { builtinCatalogue } from '@rejviz/images';
import { chooseOsinfo, osinfoDirs } from '@rejviz/install';
import { testNeeding } from '@rejviz/test-support';

const test = testNeeding([{ path: '/usr/share/osinfo/os', what: "osinfo-db (virt-install's OS database; apt-get install osinfo-db)" }]);

test("every catalogue image's osinfo is one this host's osinfo-db knows, or has an older release of", async (t) => {
  const { entries } = await builtinCatalogue();
  const dirs = osinfoDirs({ HOME: '/nonexistent' });
  const unplaced = Object.entries(entries).flatMap(([key, entry]) => {
    const choice = chooseOsinfo(entry.osinfo, dirs);
    t.log(`${key}: ${entry.osinfo} -> ${choice.kind === 'unknown' ? 'unknown' : choice.osinfo}`);
    return choice.kind === 'exact' || choice.kind === 'older' ? [] : [`${key} (${entry.osinfo}: ${choice.kind})`];
  });
  t.deepEqual(unplaced, []);
});
