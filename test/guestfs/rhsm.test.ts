// Tier 2: RHSM registration end to end with the real virt-customize on tiny-centos7, whose
// stand-in subscription-manager records the options it received (secrets only as sha256).
// The password and activation key must never appear in any process's argv (sampled from /proc
// during the run), in output, or in files left behind.
import { createHash } from 'node:crypto';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchArgv } from '../support/argv-watch.js';
import { hasRepository, testRunDir } from '../support/env.js';
import { tinyDisk } from '../support/fixture-disks.js';
import { extRead } from '../support/ext-image.js';
import { testNeeding } from '@rejviz/test-support';
import { binScript, rejviz } from '../support/rejviz.js';

const test = testNeeding([{ tool: 'virt-customize' }, { tool: 'debugfs' }, { tool: 'sfdisk' }, { tool: 'unshare' }, { check: hasRepository, what: 'fixture repository (fixtures/images/build)' }]);

test.after.always(async () => {
  await rm(testRunDir(), { recursive: true, force: true });
});

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const rhsmTemps = async () => (await readdir(tmpdir())).filter((f) => f.startsWith('rejviz-rhsm'));

async function readLog(disk: string): Promise<{ log: string; cert: string }> {
  // On the host (debugfs): what virt-customize wrote, without an appliance launch per check.
  const [log, cert] = await extRead(disk, ['cat /var/log/rhsm-standin.log', 'is-file /etc/pki/consumer/cert.pem']);
  return { log: log ?? '', cert: (cert ?? '').trim() };
}

test.serial('activation key from the environment: registered through a private script; in no argv at all, output or leftover', async (t) => {
  const key = `ak-${Date.now()}-s3cret`;
  const disk = await tinyDisk(join(testRunDir(), 'ak.raw'));
  const before = await rhsmTemps();
  const watch = watchArgv(key);
  const res = await rejviz('rejviz-customize', ['--format', 'raw', '-a', disk, '--rhsm-org', 'ACME', '--no-network'], { env: { REJVIZ_RHSM_ACTIVATION_KEY: key } });
  const seen = await watch.stop();
  t.is(res.exitCode, 0, res.stderr);
  t.true(seen.samples > 20, `sampled ${seen.samples} times`);
  t.deepEqual(seen.hits, [], 'no process had the key in its argv');
  t.false(res.stdout.includes(key) || res.stderr.includes(key));
  t.deepEqual(await rhsmTemps(), before, 'no private file left behind');
  const { log, cert } = await readLog(disk);
  t.regex(log, new RegExp(`^register --org=ACME --activationkey=<sha256:${sha(key)}>$`, 'm'));
  t.is(cert, 'true');
});

test.serial('activation key on the command line: no process rejviz starts has it, and rejviz wipes its own', async (t) => {
  const key = `ak-cli-${Date.now()}-s3cret`;
  const disk = await tinyDisk(join(testRunDir(), 'ak-cli.raw'));
  const watch = watchArgv(key);
  const res = await rejviz('rejviz-customize', ['--format', 'raw', '-a', disk, '--rhsm-org', 'ACME', '--rhsm-activation-key', key, '--no-network']);
  const seen = await watch.stop();
  t.is(res.exitCode, 0, res.stderr);
  // Typed on rejviz's own command line, the key is visible there until rejviz overwrites its
  // process title at start-up; no process it starts (virt-customize, the appliance) may show it.
  t.deepEqual(seen.hits.filter((c) => !c.includes(binScript('rejviz-customize'))), [], 'no process started by rejviz had the key in argv');
  t.regex((await readLog(disk)).log, new RegExp(`^register --org=ACME --activationkey=<sha256:${sha(key)}>$`, 'm'));
});

test.serial('user + password file on guestfs-tools 1.48: --sm-credentials USER:file:PATH, password never in argv', async (t) => {
  const password = `pw-${Date.now()}-s3cret`;
  const file = join(testRunDir(), 'rhsm-password');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  const disk = await tinyDisk(join(testRunDir(), 'pw.raw'));
  const watch = watchArgv(password);
  const res = await rejviz('rejviz-customize', ['--format', 'raw', '-a', disk, '--rhsm-user', 'alice', '--rhsm-password-file', file, '--rhsm-auto-attach', '--no-network']);
  const seen = await watch.stop();
  t.is(res.exitCode, 0, res.stderr);
  t.deepEqual(seen.hits, []);
  const { log } = await readLog(disk);
  t.regex(log, new RegExp(`^register --username=alice --password=<sha256:${sha(password)}>`, 'm'));
  t.regex(log, /^attach --auto$/m);
});

test.serial('a password file readable by others is refused before anything runs', async (t) => {
  const file = join(testRunDir(), 'open-password');
  await writeFile(file, 'x\n', { mode: 0o644 });
  // A real image, so that the target passes its own checks and the password file is what fails.
  const disk = await tinyDisk(join(testRunDir(), 'open-password.raw'));
  const res = await rejviz('rejviz-customize', ['--format', 'raw', '-a', disk, '--rhsm-user', 'alice', '--rhsm-password-file', file]);
  t.is(res.exitCode, 2);
  t.is(res.stderr.trim().split('\n').length, 1, res.stderr);
  t.regex(res.stderr, /chmod 600/);
});

test.serial('--dry-run shows neither the key nor writes any private file', async (t) => {
  const key = `ak-dry-${Date.now()}`;
  const before = await rhsmTemps();
  const disk = await tinyDisk(join(testRunDir(), 'dry.raw'));
  const res = await rejviz('rejviz-customize', ['--format', 'raw', '-a', disk, '--rhsm-org', 'ACME', '--rhsm-activation-key', key, '--dry-run', '--json']);
  t.is(res.exitCode, 0, res.stderr);
  t.false(res.stdout.includes(key) || res.stderr.includes(key));
  t.regex(res.stdout, /--run /);
  t.deepEqual(await rhsmTemps(), before);
});

test.serial('--rhsm-unregister runs subscription-manager unregister in the image', async (t) => {
  const disk = await tinyDisk(join(testRunDir(), 'unreg.raw'));
  const res = await rejviz('rejviz-customize', ['--format', 'raw', '-a', disk, '--rhsm-unregister', '--no-network']);
  t.is(res.exitCode, 0, res.stderr);
  t.regex((await readLog(disk)).log, /^unregister$/m);
});
