// --json errors through the real bins (docs/errors.md, "Errors as JSON"): each error code as a
// user meets it, printed as one JSON line on stderr with nothing on stdout, and the exit code the
// document names. The wrapped tools are the fault suite's stand-ins where one must fail or wait.
import { createRunner, type ImageManifest } from '@rejviz/core';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { uniqueName } from '../support/domain.js';
import { testRunDir } from '../support/env.js';
import { builderCase } from '../support/fault-cases.js';
import { atFailpoint, entries, startRun, toolReady } from '../support/fault-run.js';
import { testNeeding } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';
import { manifestNic, manifestWith, removeManifestDirs } from '../support/test-manifest.js';

const test = testNeeding([
  { tool: 'virt-builder' }, { tool: 'virt-install' }, { tool: 'virsh' }, { tool: 'qemu-img' }, { tool: 'unshare' },
  { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' },
]);

test.before(holdTestDriver);
test.after.always(releaseTestDriver);
test.after.always(removeManifestDirs);

interface JsonError {
  bin: string;
  code: string;
  message: string;
  exitCode: number;
  [field: string]: unknown;
}

/** The error document of a failed run: the one stderr line starting with {"error":, which must parse. */
function jsonError(stderr: string): JsonError {
  const lines = stderr.split('\n').filter((l) => l.startsWith('{"error":'));
  if (lines.length !== 1) throw new Error(`expected one {"error":…} line on stderr, got ${lines.length}:\n${stderr}`);
  return (JSON.parse(lines[0] as string) as { error: JsonError }).error;
}

test('RJV-USAGE: a bad --nic value, and an option without its value (before parsing)', async (t) => {
  const bad = await rejviz('rejviz-builder', ['tiny-centos7', '--nic', 'name=lo', '--dry-run', '--json']);
  t.is(bad.exitCode, 2, bad.stderr);
  t.is(bad.stdout, '');
  t.is(bad.stderr, `${JSON.stringify({ error: {
    bin: 'rejviz-builder', code: 'RJV-USAGE', message: "--nic 'name=lo': interface name 'lo' is reserved (loopback); choose another name such as eth1", exitCode: 2,
  } })}\n`);
  const unparsed = await rejviz('rejviz-builder', ['tiny-centos7', '--json', '--nic']);
  t.is(unparsed.exitCode, 2, unparsed.stderr);
  t.like(jsonError(unparsed.stderr), { code: 'RJV-USAGE', message: 'Not enough arguments to option --nic; see rejviz-builder --help', exitCode: 2 });
  // The same without --json: the text form, unchanged.
  const text = await rejviz('rejviz-builder', ['tiny-centos7', '--nic', 'name=lo', '--dry-run']);
  t.is(text.stderr, "rejviz-builder: error: --nic 'name=lo': interface name 'lo' is reserved (loopback); choose another name such as eth1\n");
});

test('RJV-INPUT: a manifest with a multicast MAC, to rejviz-install and rejviz-peek; no domain is defined', async (t) => {
  const nics = [manifestNic('eth0'), manifestNic('eth1', ['198.51.100.15/24'])];
  const { manifest } = await manifestWith(nics, 'rjv-json-');
  const doc = JSON.parse(await readFile(manifest, 'utf8')) as ImageManifest;
  doc.nics[1]!.mac = '01:00:5e:00:00:01';
  await writeFile(manifest, JSON.stringify(doc));
  const name = uniqueName('rjvt-json');
  const message = `--manifest ${manifest}: nics[1].mac 01:00:5e:00:00:01 is a multicast/broadcast address; use a unicast MAC (even first octet, e.g. 52:54:00:…)`;
  const install = await rejviz('rejviz-install', ['--manifest', manifest, '--connect', TEST_URI, '--name', name, '--memory', '128', '--import', '--osinfo', 'centos7.0', '--noautoconsole', '--json']);
  t.is(install.exitCode, 2, install.stderr);
  t.is(install.stdout, '');
  t.deepEqual(jsonError(install.stderr), { bin: 'rejviz-install', code: 'RJV-INPUT', message, exitCode: 2 });
  const domains = await createRunner().run('virsh', ['-c', TEST_URI, 'list', '--all', '--name']);
  t.false(domains.stdout.includes(name));
  const peek = await rejviz('rejviz-peek', ['--manifest', manifest, '--json']);
  t.is(peek.exitCode, 2, peek.stderr);
  t.is(peek.stdout, '');
  t.deepEqual(jsonError(peek.stderr), { bin: 'rejviz-peek', code: 'RJV-INPUT', message, exitCode: 2 });
});

test('RJV-TOOL-MISSING: virt-builder not on PATH', async (t) => {
  // PATH holds only unshare, which the test helper itself needs; node is run by its full path.
  const path = mkdtempSync(join(testRunDir(), 'path-'));
  symlinkSync((await createRunner().run('sh', ['-c', 'command -v unshare'])).stdout.trim(), join(path, 'unshare'));
  const r = await rejviz('rejviz-builder', ['tiny-centos7', '--nic', 'name=eth0', '--dry-run', '--json'], { env: { PATH: path } });
  t.is(r.exitCode, 2, r.stderr);
  t.is(r.stdout, '');
  t.deepEqual(jsonError(r.stderr), {
    bin: 'rejviz-builder', code: 'RJV-TOOL-MISSING', exitCode: 2, tool: 'virt-builder',
    message: 'virt-builder is not installed or not on PATH; apt-get install guestfs-tools (or run scripts/host-setup)',
  });
});

test('RJV-TOOL-FAILED: virt-builder exits 3; its command (secret redacted) and stderr are in the document', async (t) => {
  const c = await builderCase(['--json']);
  const run = await startRun(c.bin, c.args, { env: { ...c.env, FAKE_MODE: 'exit:3' } });
  t.is(await run.exit, 3, run.stderr());
  t.is(run.stdout(), '');
  const error = jsonError(run.stderr());
  t.like(error, { bin: 'rejviz-builder', code: 'RJV-TOOL-FAILED', message: 'virt-builder failed with exit code 3', exitCode: 3, tool: 'virt-builder', stderrTail: 'fake failure' });
  t.regex(String(error.command), /^virt-builder .*\btiny-centos7 -o \S+\.vm\.img\.rejviz-[0-9a-f]{8}\.tmp /s);
  t.false(run.stderr().includes('S3CRET'), 'the RHSM activation key is nowhere on stderr');
  t.deepEqual(await c.remains(), []);
});

test('RJV-INTERRUPTED: SIGTERM while planned gives exit 143 and names the signal', async (t) => {
  const c = await builderCase(['--json']);
  const run = await startRun(c.bin, c.args, { env: { ...c.env, REJVIZ_FAILPOINT: 'planned' } });
  await atFailpoint(run, 'planned');
  run.kill('SIGTERM');
  t.is(await run.exit, 143, run.stderr());
  t.is(run.stdout(), '');
  t.deepEqual(jsonError(run.stderr()), {
    bin: 'rejviz-builder', code: 'RJV-INTERRUPTED', message: 'interrupted by SIGTERM; nothing was left half-made', exitCode: 143, signal: 'SIGTERM',
  });
});

test('RJV-CONFLICT: a file appears at -o while the build runs', async (t) => {
  const c = await builderCase(['--json']);
  const image = c.args[c.args.indexOf('-o') + 1] as string;
  const dir = join(image, '..', '..');
  const run = await startRun(c.bin, c.args, { env: { ...c.env, FAKE_MODE: 'wait-go', FAKE_READY: join(dir, 'ready'), FAKE_GO: join(dir, 'go') } });
  await toolReady(join(dir, 'ready'));
  await writeFile(image, "the user's own file\n");
  await writeFile(join(dir, 'go'), '');
  t.is(await run.exit, 2, run.stderr());
  t.is(run.stdout(), '', 'no manifest on stdout');
  t.like(jsonError(run.stderr()), { bin: 'rejviz-builder', code: 'RJV-CONFLICT', exitCode: 2 });
  t.regex(jsonError(run.stderr()).message, /^-o \S+vm\.img: a file appeared there while this run was working/);
  t.deepEqual(entries(join(image, '..')), ['vm.img']);
});

test('RJV-BUG: a plugin that throws while it is applied; the stack names it', async (t) => {
  const dir = mkdtempSync(join(testRunDir(), 'broken-plugin-'));
  const plugin = join(dir, 'broken-plugin.mjs');
  await writeFile(plugin, "export default () => ({ name: 'plugin-broken', apply() { throw new TypeError('broken on purpose'); } });\n");
  const r = await rejviz('rejviz-builder', ['tiny-centos7', '--plugin', plugin, '--nic', 'name=eth0', '--dry-run', '--json']);
  t.is(r.exitCode, 70, r.stderr);
  t.is(r.stdout, '');
  const error = jsonError(r.stderr);
  t.like(error, { bin: 'rejviz-builder', code: 'RJV-BUG', message: 'Assertion failed (this is a bug in rejviz; please report it): broken on purpose', exitCode: 70 });
  t.regex(String(error.stack), /^TypeError: broken on purpose\n\s+at (?:Object\.)?apply \(file:\/\/\S+broken-plugin\.mjs:/);
  t.deepEqual(await readdir(dir), ['broken-plugin.mjs']);
});
