// Tier 1 (driver): a directory or a file that is no disk image, given where a disk will be read
// (customize/sysprep -a, peek -a, the --disk rejviz-install inspects or --import boots), is bad
// input (issue 11, defect 11): one line, exit 2, before any appliance or virt-install runs.
// checkDiskImage's verdicts on real images come from the real qemu-img and blkid.
import { checkDiskImage, createRunner, UsageError } from '@rejviz/core';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { testNeeding, scratchDir } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';
import { manifestNic, manifestWith, removeManifestDirs, writeTinyDisk } from '../support/test-manifest.js';

const test = testNeeding([
  { tool: 'qemu-img' }, { tool: 'blkid' }, { tool: 'mkfs.ext4' }, { tool: 'mkfifo' }, { tool: 'virsh' }, { tool: 'virt-install' },
  { tool: 'virt-customize' }, { tool: 'virt-sysprep' }, { tool: 'unshare' }, { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' },
]);

test.before(holdTestDriver);
test.after.always(releaseTestDriver);
test.after.always(removeManifestDirs);

const FIX = 'give a disk image (qcow2, or raw with a partition table or filesystem)';

/** Bad disks, made in `dir`, and what the check says about each. */
async function badDisks(dir: string): Promise<[what: string, path: string, problem: string][]> {
  const text = join(dir, 'notes.txt');
  await writeFile(text, 'not a disk\n');
  const zeros = join(dir, 'zeros.img');
  await writeFile(zeros, Buffer.alloc(1024 * 1024));
  const empty = join(dir, 'empty.img');
  await writeFile(empty, '');
  const folder = join(dir, 'folder');
  await mkdir(folder);
  const fifo = join(dir, 'fifo');
  await createRunner().run('mkfifo', [fifo]);
  const badQcow2 = join(dir, 'bad.qcow2');
  await writeFile(badQcow2, Buffer.concat([Buffer.from('QFI\xfb', 'latin1'), Buffer.alloc(508, 0xff)]));
  return [
    ['a directory', folder, `is a directory; ${FIX}`],
    ['a text file', text, `is not a disk image: qemu-img sees raw data, and blkid finds no partition table or filesystem in it; ${FIX}`],
    ['a file of zeros', zeros, 'is not a disk image: qemu-img sees raw data, and blkid finds no partition table or filesystem'],
    ['an empty file', empty, `is an empty file; ${FIX}`],
    ['a FIFO', fifo, `is neither a regular file nor a block device; ${FIX}`],
    ['a broken qcow2 header', badQcow2, 'is not a disk image qemu-img can open (Could not open'],
  ];
}

/** What must not run after a refused disk: an appliance, the wrapped tool, virt-install. */
const RUNS = /^\+ (guestfish |virt-(customize|sysprep|install) (?!--version$|--help$))/m;

test('every command refuses a bad disk with one line, exit 2, and runs nothing after the check', async (t) => {
  const dir = await scratchDir(t, 'rjv-disk-');
  const { manifest } = await manifestWith([manifestNic('eth0')], 'rjv-disk-');
  for (const [what, path, problem] of await badDisks(dir)) {
    const runs: [bin: string, label: string, args: string[]][] = [
      ['rejviz-customize', '-a', ['-a', path, '--hostname', 'h']],
      ['rejviz-sysprep', '-a', ['-a', path]],
      ['rejviz-peek', '-a', ['-a', path]],
      // No manifest: the first --disk is inspected.
      ['rejviz-install', '--disk', ['--connect', TEST_URI, '--name', 'rjvt-disk', '--memory', '128', '--disk', path, '--osinfo', 'centos7.0', '--dry-run']],
      // A manifest gives the NICs; --import boots the --disk.
      ['rejviz-install', '--disk', ['--manifest', manifest, '--connect', TEST_URI, '--name', 'rjvt-disk', '--memory', '128', '--import', '--disk', path, '--osinfo', 'centos7.0', '--noautoconsole']],
    ];
    for (const [bin, label, args] of runs) {
      const r = await rejviz(bin, [...args, '--verbose']);
      const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('+ '));
      t.is(r.exitCode, 2, `${what}: ${bin} ${args.join(' ')}: ${r.stderr}`);
      t.deepEqual(lines.length, 1, `${what}: ${bin}: ${r.stderr}`);
      t.true(lines[0]!.startsWith(`${bin}: error: ${label} ${path}: ${problem}`), `${what}: ${bin}: ${lines[0]}`);
      t.notRegex(r.stderr, RUNS, `${what}: ${bin} ran it`);
    }
  }
});

test('control: a disk image passes the check, which runs qemu-img and blkid, and the command goes on', async (t) => {
  const disk = await writeTinyDisk(join(await scratchDir(t, 'rjv-disk-'), 'tiny.img'));
  const r = await rejviz('rejviz-customize', ['-a', disk, '--hostname', 'h', '--dry-run', '--verbose']);
  t.is(r.exitCode, 0, r.stderr);
  t.regex(r.stderr, new RegExp(`^\\+ qemu-img info -U --output=json ${disk}$`, 'm'));
  t.regex(r.stderr, new RegExp(`^\\+ blkid -p ${disk}$`, 'm'));
  t.regex(r.stdout, /^virt-customize command \(not run\):/);
});

test('checkDiskImage accepts qcow2 (even empty), a partitioned raw disk and a raw filesystem; refuses the rest', async (t) => {
  const dir = await scratchDir(t, 'rjv-disk-');
  const runner = createRunner();
  const qcow2 = join(dir, 'blank.qcow2');
  await runner.run('qemu-img', ['create', '-q', '-f', 'qcow2', qcow2, '64M']);
  const ext4 = join(dir, 'fs.img');
  await writeFile(ext4, Buffer.alloc(4 * 1024 * 1024));
  await runner.run('mkfs.ext4', ['-q', '-F', ext4]);
  for (const good of [qcow2, ext4, await writeTinyDisk(join(dir, 'tiny.img'))]) {
    await t.notThrowsAsync(checkDiskImage(runner, good, `-a ${good}`), good);
  }
  for (const [what, path, problem] of await badDisks(dir)) {
    const error = await t.throwsAsync(checkDiskImage(runner, path, `-a ${path}`), { instanceOf: UsageError }, what);
    t.true(error?.message.startsWith(`-a ${path}: ${problem}`), `${what}: ${error?.message}`);
  }
});

test('the check costs little: qemu-img and blkid side by side', async (t) => {
  const disk = await writeTinyDisk(join(await scratchDir(t, 'rjv-disk-'), 'tiny.img'));
  const runner = createRunner();
  await checkDiskImage(runner, disk, 'warm-up');
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await checkDiskImage(runner, disk, '-a');
    times.push(performance.now() - started);
  }
  const median = times.sort((a, b) => a - b)[2]!;
  t.log(`checkDiskImage median of 5: ${median.toFixed(1)} ms`);
  // Generous: two tiny processes; an appliance launch, which the check avoids, takes 10-20 s.
  t.true(median < 500, `${median} ms`);
});
