// The example plugin of docs/plugins.md (fixtures/plugins/motd-plugin.mjs) loads as written and
// plans /etc/motd, so the documented example cannot rot.
import test from 'ava';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  createHooks, createRunner, emptyGuestPlan, renderOp, STAGE, UsageError,
  type GuestPlan, type PlanContext, type Plugin,
} from '@rejviz/core';
import { loadPlugin } from '../src/load-plugins.js';

// From packages/cli/dist/test to the repository root.
const EXAMPLE = fileURLToPath(new URL('../../../../fixtures/plugins/motd-plugin.mjs', import.meta.url));
const DOC = new URL('../../../../docs/plugins.md', import.meta.url);

function context(options: Record<string, unknown>): PlanContext {
  return {
    command: 'builder', options, runner: createRunner({ dryRun: true }), env: {}, cwd: '/',
    guestOsinfo: async () => null, warn: () => undefined,
  };
}

async function plan(plugin: Plugin, options: Record<string, unknown>, start: GuestPlan = emptyGuestPlan('virt-builder', null)): Promise<GuestPlan> {
  const hooks = await createHooks();
  plugin.apply(hooks);
  return hooks.planGuest.promise(start, context(options));
}

test('the example loads and declares --motd for builder, customize and sysprep', async (t) => {
  const plugin = await loadPlugin(EXAMPLE, '/');
  t.is(plugin.name, 'plugin-motd');
  t.deepEqual(plugin.options, [
    { name: '--motd', type: 'string', arg: 'TEXT', description: 'Write TEXT to /etc/motd (mode 0644)', commands: ['builder', 'customize', 'sysprep'] },
  ]);
});

test('--motd plans /etc/motd with mode 0644, each op recording the plugin as origin', async (t) => {
  const guest = await plan(await loadPlugin(EXAMPLE, '/'), { motd: 'hello' });
  t.deepEqual(guest.ops, [
    { kind: 'mkdir', path: '/etc', origin: 'plugin-motd' },
    { kind: 'write', path: '/etc/motd', content: 'hello\n', origin: 'plugin-motd' },
    { kind: 'chmod', mode: 0o644, path: '/etc/motd', origin: 'plugin-motd' },
  ]);
  t.deepEqual(guest.ops.map(renderOp), [['--mkdir', '/etc'], ['--write', '/etc/motd:hello\n'], ['--chmod', '0644:/etc/motd']]);
  t.deepEqual(guest.files, [{ path: '/etc/motd', mode: 0o644, owner: 'root', uid: 0, gid: 0, content: 'hello\n', origin: 'plugin-motd' }]);
});

test('without --motd the plan is passed on unchanged', async (t) => {
  const start = emptyGuestPlan('virt-customize', 'debian12');
  t.is(await plan(await loadPlugin(EXAMPLE, '/'), {}, start), start);
});

test('--motd "" is a usage error saying how to fix it', async (t) => {
  const err = await t.throwsAsync(plan(await loadPlugin(EXAMPLE, '/'), { motd: '' }), { instanceOf: UsageError });
  t.is(err?.message, '--motd needs a text; drop --motd to leave /etc/motd alone');
});

test('its tap runs at STAGE.FILES: before a NETWORK tap registered earlier', async (t) => {
  const hooks = await createHooks();
  hooks.planGuest.tap({ name: 'network-first-registered', stage: STAGE.NETWORK }, (p) => ({
    ...p, ops: [...p.ops, { kind: 'hostname', hostname: 'vm1', origin: 'network-first-registered' }],
  }));
  (await loadPlugin(EXAMPLE, '/')).apply(hooks);
  const guest = await hooks.planGuest.promise(emptyGuestPlan('virt-sysprep', null), context({ motd: 'hi' }));
  t.deepEqual(guest.ops.map((o) => o.origin), ['plugin-motd', 'plugin-motd', 'plugin-motd', 'network-first-registered']);
});

test('docs/plugins.md shows the example as it is in fixtures/plugins', async (t) => {
  const [doc, example] = await Promise.all([readFile(DOC, 'utf8'), readFile(EXAMPLE, 'utf8')]);
  t.true(doc.includes(`\`\`\`js\n${example}\`\`\``), 'docs/plugins.md: paste fixtures/plugins/motd-plugin.mjs into its ```js block again');
});
