// checkPlugin and loadPlugin: a broken plugin gets one line naming what is wrong (a UsageError,
// exit 2), never a stack trace; factories are called.
import test from 'ava';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError, type PluginOption } from '@rejviz/core';
import { checkPlugin, loadPlugin } from '../src/load-plugins.js';

const TAIL = '; a plugin exports { name, options?, apply(hooks) } (see docs/plugins.md)';
const apply = () => undefined;
const option: PluginOption = { name: '--motd', type: 'string', description: 'Set the motd', commands: ['builder'] };

const MALFORMED: [string, unknown, string][] = [
  ['not an object', 'plugin-x', 'the module does not export a plugin object'],
  ['null', null, 'the module does not export a plugin object'],
  ['no name', { apply }, "'name' must be a lowercase name like 'plugin-foo'"],
  ['an uppercase name', { name: 'Plugin-X', apply }, "'name' must be a lowercase name like 'plugin-foo'"],
  ['apply missing', { name: 'plugin-x' }, "'apply' must be a function taking the hooks"],
  ['apply not a function', { name: 'plugin-x', apply: 'yes' }, "'apply' must be a function taking the hooks"],
  ['options not an array', { name: 'plugin-x', apply, options: {} }, "'options' must be an array"],
  ['an option without --', { name: 'plugin-x', apply, options: [{ ...option, name: 'motd' }] }, "option name 'motd' must look like --some-option"],
  ['an option that is not an object', { name: 'plugin-x', apply, options: [null] }, "option name 'undefined' must look like --some-option"],
  ['a bad option type', { name: 'plugin-x', apply, options: [{ ...option, type: 'number' }] }, "option --motd: 'type' must be string, array or boolean"],
  ['no description', { name: 'plugin-x', apply, options: [{ ...option, description: undefined }] }, "option --motd: 'description' is required"],
  ['commands not a list', { name: 'plugin-x', apply, options: [{ ...option, commands: 'builder' }] }, "option --motd: 'commands' must list the commands it belongs to"],
];

for (const [what, value, why] of MALFORMED) {
  test(`checkPlugin: ${what} is one line naming the problem`, (t) => {
    const err = t.throws(() => checkPlugin(value, './x.mjs'), { instanceOf: UsageError });
    t.is(err?.message, `plugin ./x.mjs: ${why}${TAIL}`);
    t.false(err?.message.includes('\n'));
    t.is(err?.exitCode, 2);
  });
}

test('checkPlugin returns a well-formed plugin as it is', (t) => {
  const plugin = { name: 'plugin-x', apply, options: [option] };
  t.is(checkPlugin(plugin, 'x'), plugin);
  const bare = { name: 'x2', apply };
  t.is(checkPlugin(bare, 'x'), bare);
});

let dir = '';
test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rejviz-load-plugins-'));
  const body = `{ name: 'plugin-demo', apply() {} }`;
  await writeFile(join(dir, 'factory.mjs'), `export let calls = 0;\nexport default function demo() { calls++; return ${body}; }\n`);
  await writeFile(join(dir, 'named.mjs'), `export const plugin = ${body};\n`);
  await writeFile(join(dir, 'empty.mjs'), `export const nothing = 1;\n`);
  await writeFile(join(dir, 'throws.mjs'), `throw new Error('plugin init broke\\nsecond line');\n`);
  await writeFile(join(dir, 'bad-factory.mjs'), `export default () => ({ name: 'plugin-demo' });\n`);
});
test.after.always(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a default export that is a factory is called once, and its plugin returned', async (t) => {
  const plugin = await loadPlugin('factory.mjs', dir);
  t.is(plugin.name, 'plugin-demo');
  t.is(typeof plugin.apply, 'function');
  const mod = (await import(pathToFileURL(join(dir, 'factory.mjs')).href)) as { calls: number };
  t.is(mod.calls, 1);
});

test('a named `plugin` export is used; an absolute path ignores the base', async (t) => {
  t.is((await loadPlugin(join(dir, 'named.mjs'), '/nonexistent')).name, 'plugin-demo');
});

test('a missing module is a UsageError naming the given and the resolved path', async (t) => {
  const err = await t.throwsAsync(loadPlugin('no-such-plugin.mjs', dir), { instanceOf: UsageError });
  t.true(err!.message.startsWith(`--plugin no-such-plugin.mjs: cannot load ${join(dir, 'no-such-plugin.mjs')}: `), err!.message);
  t.false(err!.message.includes('\n'));
});

test('a module that throws while loading gives the first line of its error only', async (t) => {
  const err = await t.throwsAsync(loadPlugin('throws.mjs', dir), { instanceOf: UsageError });
  t.is(err?.message, `--plugin throws.mjs: cannot load ${join(dir, 'throws.mjs')}: plugin init broke`);
});

test('a module without a plugin export, or a factory returning a bad plugin, is checked', async (t) => {
  const empty = await t.throwsAsync(loadPlugin('empty.mjs', dir), { instanceOf: UsageError });
  t.is(empty?.message, `plugin empty.mjs: the module does not export a plugin object${TAIL}`);
  const bad = await t.throwsAsync(loadPlugin('bad-factory.mjs', dir), { instanceOf: UsageError });
  t.is(bad?.message, `plugin bad-factory.mjs: 'apply' must be a function taking the hooks${TAIL}`);
});
