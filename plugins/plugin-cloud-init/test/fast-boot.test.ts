// The lab template's cloud-init fast boot: the op the plugin appends, the drop-in checked by the
// real cloud-init's schema, the command run by the real sh in a private mount namespace (tmpfs
// over the directories it writes), with and without cloud-init in the "image", and the
// cloud-init.service condition it writes, run by sh against instance-data.json as cloud-init writes it.
import { createHooks, createRunner, emptyGuestPlan, STAGE, type PlanContext } from '@rejviz/core';
import { testNeeding } from '@rejviz/test-support';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cloudInitFastBootPlugin, FAST_BOOT_CONFIG, FAST_BOOT_DIGEST, FAST_BOOT_DROP_IN, fastBootCommand, firstBootInstallCommand, INIT_NETWORK_DROP_IN } from '../src/index.js';

const test = testNeeding([{ tool: 'unshare' }, { tool: 'cloud-init' }, { path: '/etc/cloud/cloud.cfg.d', what: 'cloud-init config dir' }, { path: '/etc/systemd/system', what: 'systemd unit dir' }]);

test('the plugin appends its run-command ops at FIRSTBOOT (fast boot, then the first-boot unit), after what is there, naming itself', async (t) => {
  const hooks = await createHooks();
  hooks.planGuest.tap({ name: 'later', stage: STAGE.FINALIZE }, (plan) => ({ ...plan, ops: [...plan.ops, { kind: 'run-command', command: 'echo last', origin: 'later' }] }));
  cloudInitFastBootPlugin().apply(hooks);
  const start = { ...emptyGuestPlan('virt-builder', 'debian12'), ops: [{ kind: 'install' as const, packages: ['curl'], origin: 'user' }] };
  const plan = await hooks.planGuest.promise(start, {} as PlanContext);
  t.deepEqual(plan.ops, [start.ops[0], { kind: 'run-command', command: fastBootCommand(), origin: 'plugin-cloud-init' }, { kind: 'run-command', command: firstBootInstallCommand(), origin: 'plugin-cloud-init' }, { kind: 'run-command', command: 'echo last', origin: 'later' }]);
  t.regex(FAST_BOOT_DIGEST, /^[0-9a-f]{16}$/);
});

test('the drop-in keeps every module a lab seed uses and passes cloud-init\'s schema', async (t) => {
  const config = parse(FAST_BOOT_CONFIG) as Record<string, string[]>;
  t.deepEqual(Object.keys(config), ['cloud_init_modules', 'cloud_config_modules', 'cloud_final_modules']);
  // What rejviz's seeds use: users and keys (plugin-ssh), files (/etc/hosts, sshd drop-in), the host
  // name, a grown disk, userData's runcmd, and the console's "finished" line plugin-ssh reads.
  for (const m of ['write-files', 'growpart', 'resizefs', 'set_hostname', 'update_hostname', 'update_etc_hosts', 'users-groups', 'ssh', 'bootcmd', 'mounts']) t.true(config.cloud_init_modules!.includes(m), m);
  t.deepEqual(config.cloud_config_modules, []);
  const final = config.cloud_final_modules!;
  for (const m of ['set-passwords', 'runcmd', 'scripts-user', 'package-update-upgrade-install', 'final-message']) t.true(final.includes(m), m);
  t.true(final.indexOf('runcmd') < final.indexOf('scripts-user'), 'runcmd writes the script scripts-user runs');
  for (const m of ['grub-dpkg', 'keys-to-console', 'apt-configure', 'ssh-import-id', 'phone-home']) t.false([...config.cloud_init_modules!, ...final].includes(m), m);
  const dir = await mkdtemp(join(tmpdir(), 'rjv-fastboot-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'drop-in.cfg'), `#cloud-config\n${FAST_BOOT_CONFIG}`);
  const schema = await createRunner().run('cloud-init', ['schema', '--config-file', join(dir, 'drop-in.cfg')], { allowFailure: true });
  t.is(schema.exitCode, 0, schema.stderr);
});

// Runs the command with tmpfs over `hidden` and over the directories it writes, then lists what it left.
const runIsolated = (hidden: string[]) =>
  createRunner().run('unshare', ['-m', '--propagation', 'private', 'sh', '-ec', [
    ...[...hidden, '/etc/systemd/system'].map((d) => `mount -t tmpfs rjv-fastboot ${d}`),
    'sh -ec "$1"',
    'ls -l /etc/systemd/system | sed -n "s/.* \\([^ ]* -> [^ ]*\\)$/\\1/p"',
    `cat ${INIT_NETWORK_DROP_IN} 2>/dev/null || echo no-unit-drop-in`,
    `cat ${FAST_BOOT_DROP_IN} 2>/dev/null || echo no-drop-in`,
  ].join('\n'), 'sh', fastBootCommand()], { allowFailure: true });

test('in an image with cloud-init: the drop-in is written, cloud-config.service masked, cloud-init.service conditioned', async (t) => {
  const res = await runIsolated(['/etc/cloud/cloud.cfg.d']);
  t.is(res.exitCode, 0, res.stderr);
  t.true(res.stdout.includes('cloud-config.service -> /dev/null'), res.stdout);
  t.true(res.stdout.includes('e2scrub_reap.service -> /dev/null'), res.stdout);
  t.regex(res.stdout, /^\[Service\]\nExecCondition=\/bin\/sh -c '.*'\n/m);
  t.true(res.stdout.endsWith(FAST_BOOT_CONFIG), res.stdout);
});

// The ExecCondition's command run by sh with the instance-data.json cloud-init-local leaves
// (a tmpfs over /run): exit 0 runs cloud-init.service, 1 skips it.
const conditionExit = async (instanceData: string | null) => {
  const condition = /^ExecCondition=(.*)$/m.exec(fastBootCommand())![1]!;
  const res = await createRunner().run('unshare', ['-m', '--propagation', 'private', 'sh', '-c', [
    'mount -t tmpfs rjv-fastboot /run', 'mkdir /run/cloud-init',
    ...(instanceData === null ? [] : ['printf %s "$1" > /run/cloud-init/instance-data.json']),
    `sh -c "$2"`,
  ].join('\n'), 'sh', instanceData ?? '', condition], { allowFailure: true });
  return res.exitCode;
};
const instanceData = (dsmode: string) => JSON.stringify({ ds: { meta_data: { dsmode, 'instance-id': 'i-1' } }, v1: {} }, null, 1);

test('cloud-init.service is skipped only after a dsmode: local seed was applied in the local stage', async (t) => {
  t.is(await conditionExit(instanceData('local')), 1, 'local: skipped');
  t.is(await conditionExit(instanceData('net')), 0, 'net (any other seed): runs as before');
  t.is(await conditionExit(null), 0, 'no instance-data.json (init-local failed or found nothing): runs');
});

test('in an image without cloud-init: no drop-in, cloud-init\'s units untouched', async (t) => {
  const res = await runIsolated(['/etc/cloud']);
  t.is(res.exitCode, 0, res.stderr);
  t.false(res.stdout.includes('cloud-config.service'), res.stdout);
  t.true(res.stdout.includes('no-drop-in'), res.stdout);
});
