// loadUserConfig: $XDG_CONFIG_HOME/rejviz/config.json; a missing file is an empty config, anything
// malformed is a one-line UsageError naming the file (and the key).
import test from 'ava';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@rejviz/core';
import { loadUserConfig, userConfigPath } from '../src/user-config.js';

const dirs: string[] = [];
test.after.always(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** A fresh XDG_CONFIG_HOME, with config.json holding `text` unless it is null. */
async function configHome(text: string | null): Promise<{ env: NodeJS.ProcessEnv; path: string }> {
  const home = await mkdtemp(join(tmpdir(), 'rejviz-config-'));
  dirs.push(home);
  const path = join(home, 'rejviz', 'config.json');
  if (text !== null) {
    await mkdir(join(home, 'rejviz'));
    await writeFile(path, text);
  }
  return { env: { XDG_CONFIG_HOME: home }, path };
}

test('the path is under XDG_CONFIG_HOME, else under ~/.config', (t) => {
  t.is(userConfigPath({ XDG_CONFIG_HOME: '/x/conf' }), '/x/conf/rejviz/config.json');
  t.regex(userConfigPath({ XDG_CONFIG_HOME: '' }), /\/\.config\/rejviz\/config\.json$/);
});

test('a missing file is an empty config', async (t) => {
  const { env, path } = await configHome(null);
  t.deepEqual(await loadUserConfig(env), { config: {}, path });
});

test('invalid JSON is a UsageError naming the file', async (t) => {
  const { env, path } = await configHome('{ "plugins": [');
  const err = await t.throwsAsync(loadUserConfig(env), { instanceOf: UsageError });
  t.true(err!.message.startsWith(`config file ${path}: not valid JSON (`), err!.message);
  t.true(err!.message.endsWith('); fix or remove it'));
  t.false(err!.message.includes('\n'));
});

test('an unknown key is an error naming the key, not ignored', async (t) => {
  const { env, path } = await configHome('{ "plugin": ["./x.mjs"] }');
  const err = await t.throwsAsync(loadUserConfig(env), { instanceOf: UsageError });
  t.is(err?.message, `config file ${path}: (top level): must NOT have additional properties 'plugin'; the only key is "plugins": ["PATH", ...]`);
});

test('plugins must be a list of non-empty strings', async (t) => {
  const notList = await configHome('{ "plugins": "./x.mjs" }');
  const e1 = await t.throwsAsync(loadUserConfig(notList.env), { instanceOf: UsageError });
  t.is(e1?.message, `config file ${notList.path}: /plugins: must be array; the only key is "plugins": ["PATH", ...]`);
  const empty = await configHome('{ "plugins": [""] }');
  const e2 = await t.throwsAsync(loadUserConfig(empty.env), { instanceOf: UsageError });
  t.is(e2?.message, `config file ${empty.path}: /plugins/0: must NOT have fewer than 1 characters; the only key is "plugins": ["PATH", ...]`);
});

test('a valid plugins list is returned as written', async (t) => {
  const { env, path } = await configHome('{ "plugins": ["./motd.mjs", "/opt/rejviz/other.mjs"] }');
  t.deepEqual(await loadUserConfig(env), { config: { plugins: ['./motd.mjs', '/opt/rejviz/other.mjs'] }, path });
  const none = await configHome('{}');
  t.deepEqual(await loadUserConfig(none.env), { config: {}, path: none.path });
});
