// Tier 1 (driver): the rejviz-up bin on libvirt's test driver: docs/up.md's command examples run
// with the page's example lab file, a bad lab file gives one line with its position and exit 2,
// and a bad verb or option is a usage error.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testNeeding } from '@rejviz/test-support';
import { REPO_ROOT } from '../support/env.js';
import { rejviz } from '../support/rejviz.js';
import { holdTestDriver, releaseTestDriver } from '../support/test-driver.js';

const test = testNeeding([{ tool: 'virsh' }, { tool: 'unshare' }, { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' }]);

const page = await readFile(join(REPO_ROOT, 'docs/up.md'), 'utf8');
const labExample = /<!-- lab-example:start -->\n```yaml\n([\s\S]*?)```\n<!-- lab-example:end -->/.exec(page)?.[1] ?? '';
const commands = (/<!-- up-examples:start -->\n```sh\n([\s\S]*?)```\n<!-- up-examples:end -->/.exec(page)?.[1] ?? '').split('\n').filter((l) => l.startsWith('rejviz-up '));

let dir = '';
test.before(async () => {
  await holdTestDriver();
  dir = await mkdtemp(join(tmpdir(), 'rjv-up-cli-'));
  await writeFile(join(dir, 'lab.yaml'), labExample);
});
test.after.always(async () => {
  releaseTestDriver();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('docs/up.md shows command examples and an example lab file', (t) => {
  t.true(commands.length >= 4);
  t.regex(labExample, /^name: web$/m);
});

for (const command of commands) {
  test(`example runs: ${command}`, async (t) => {
    // Its own state directory: down takes the lab's lock there.
    const res = await rejviz('rejviz-up', command.split(' ').slice(1), { cwd: dir, env: { XDG_STATE_HOME: dir } });
    t.is(res.exitCode, 0, res.stderr);
    if (command.includes('--json')) {
      const plan = JSON.parse(res.stdout) as { lab: string; machines: { domain: string; action: string }[]; changes: number };
      t.deepEqual(plan.machines.map((m) => [m.domain, m.action]), [['web_db', 'create'], ['web_www-1', 'create'], ['web_www-2', 'create']]);
      t.is(plan.changes, 5, 'two templates to build, three machines to create');
    } else if (command.includes(' run ')) {
      // A one-machine lab of the template, on the test driver's default network.
      t.is(res.stdout, 'lab scratch: 2 change(s) planned\n  template debian-12: build (no image with this content in the cache)\n  scratch_vm: create (new)\n');
    } else if (command.includes(' plan ')) {
      t.regex(res.stdout, /^lab web: 5 change\(s\) planned\n {2}template debian: build \(no image with this content in the cache\)\n/);
      t.regex(res.stdout, /\n {2}web_www-2: create \(new\)\n$/);
    } else if (command.includes(' status ')) {
      t.is(res.stdout, 'lab web has no machines on this connection\n');
    } else if (command.includes(' down ')) {
      t.is(res.stdout, 'lab web has no machines on this connection: nothing to shut down\n');
    } else if (command.includes(' snapshot ')) {
      t.is(res.stdout, 'lab web has no snapshots\n');
    } else if (command.includes(' images pull ')) {
      t.is(res.stdout, 'would pull debian-12 into the image cache (not run)\n');
    } else if (command.includes(' images ')) {
      // The test driver's default pool holds no template image of this run's making.
      t.regex(res.stdout, /^(no template images on this connection\n|POOL\s+IMAGE\s+SIZE\s+USERS\n)/);
    } else if (command.includes(' list ')) {
      // Other test files' labs may be on the test driver meanwhile; web is not.
      t.notRegex(res.stdout, /^web\s/m);
    } else {
      t.is(res.stdout, 'would destroy lab web: its domains, volumes, networks and state (not run)\n');
    }
  });
}

test('a bad lab file: one line with file, line and column, exit 2; a bad verb or option: usage, exit 2', async (t) => {
  await writeFile(join(dir, 'bad.yaml'), labExample.replace('memory: 2G', 'memroy: 2G'));
  const bad = await rejviz('rejviz-up', ['plan', '-f', 'bad.yaml', '-c', 'test+unix:///default'], { cwd: dir });
  t.is(bad.exitCode, 2);
  t.is(bad.stdout, '');
  t.regex(bad.stderr, /^rejviz-up: error: bad\.yaml:\d+:5: machines\[0\]\.memroy: unknown key 'memroy'; did you mean 'memory'\? the keys here are /);
  t.is(bad.stderr.trim().split('\n').length, 1);
  const verb = await rejviz('rejviz-up', ['deploy'], { cwd: dir });
  t.deepEqual([verb.exitCode, verb.stderr], [2, "rejviz-up: error: 'deploy' is not a verb of rejviz-up; the verbs are up, plan, status, down, start, reboot, destroy, list, images, snapshot, gen, run, ssh, scp, sftp, ssh-config, inventory, provision\n"]);
  const missing = await rejviz('rejviz-up', ['plan', '-c', 'test+unix:///default'], { cwd: dir });
  t.deepEqual([missing.exitCode, missing.stderr], [2, 'rejviz-up: error: -f rejviz.yaml: no such file; write the lab file (docs/up.md) or give -f FILE\n']);
});

test('run --ssh: the VM is planned with a management NIC and an ssh section; --ssh-key makes the key path absolute; without run: refused', async (t) => {
  const plan = async (...extra: string[]) => {
    const res = await rejviz('rejviz-up', ['run', 'debian-12', '--name', 'sshvm', '--nic', 'network=default', ...extra, '-c', 'test+unix:///default', '--dry-run', '--json'], { cwd: dir, env: { XDG_STATE_HOME: dir } });
    t.is(res.exitCode, 0, res.stderr);
    return (JSON.parse(res.stdout) as { machines: { config: { management: { mac: string } | null; plugins: Record<string, unknown> } }[] }).machines[0]!.config;
  };
  const withSsh = await plan('--ssh');
  t.regex(withSsh.management?.mac ?? '', /^52:54:00(:[0-9a-f]{2}){3}$/);
  t.deepEqual(withSsh.plugins, { ssh: {} });
  t.deepEqual((await plan('--ssh-key', 'keys/id_ed25519')).plugins, { ssh: { key: join(dir, 'keys/id_ed25519') } });
  const plain = await plan();
  t.deepEqual([plain.management ?? null, plain.plugins], [null, {}]);
  const refused = await rejviz('rejviz-up', ['plan', '-f', 'lab.yaml', '--ssh', '-c', 'test+unix:///default'], { cwd: dir, env: { XDG_STATE_HOME: dir } });
  t.deepEqual([refused.exitCode, refused.stderr], [2, 'rejviz-up: error: --ssh: only run takes it (the lab file says it for a lab); e.g. rejviz-up run debian-12 --ssh ...\n']);
});
