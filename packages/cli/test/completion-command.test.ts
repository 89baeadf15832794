// The hidden --complete entry point: its two request forms, the plugins its words load, and what
// it does when a plugin or the request is bad.
import test from 'ava';
import { UsageError, type PluginOption } from '@rejviz/core';
import { completeCommand } from '../src/completion/complete-command.js';

const SPEC = { binaryName: 'rejviz-thing', tool: null, completion: async () => ({ values: { '--colour': { oneOf: ['red', 'green'] } } }) };
const OWN: PluginOption = { name: '--colour', type: 'string', description: 'Colour', commands: ['peek'] };
const FROM_PLUGIN: PluginOption = { name: '--motd', type: 'string', description: 'Message of the day', commands: ['peek'] };

async function ask(args: string[], optionsFor = async (words: readonly string[]) => (words.includes('--plugin') ? [OWN, FROM_PLUGIN] : [OWN])) {
  let out = '';
  const asked: (readonly string[])[] = [];
  const stdout = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
  const code = await completeCommand(SPEC, args, { stdout, env: {}, optionsFor: (words) => (asked.push(words), optionsFor(words)) });
  return { code, out, asked };
}

test('bash: the line is split here, and the reply is relative to bash\'s word', async (t) => {
  t.deepEqual(await ask(['bash', 're', 'rejviz-thing --colour=re']), { code: 0, out: 'words\nred\n', asked: [[]] });
});

test('zsh: the words come as they are, the stem comes back', async (t) => {
  const res = await ask(['zsh', 'rejviz-thing', '--colour=g']);
  t.is(res.out, 'words\n--colour=\ngreen\n');
});

test("the line's --plugin loads, but not a --plugin still being typed", async (t) => {
  const done = await ask(['zsh', 'rejviz-thing', '--plugin', 'p.mjs', '--mo']);
  t.deepEqual(done.asked, [['--plugin', 'p.mjs']]);
  t.is(done.out, 'words\n\n--motd\tMessage of the day\n');
  const typing = await ask(['zsh', 'rejviz-thing', '--plugin', 'p.m']);
  t.deepEqual(typing.asked, [['--plugin']]);
});

test('a plugin that does not load costs only its own options', async (t) => {
  const res = await ask(['zsh', 'rejviz-thing', '--plugin', 'broken.mjs', '--co'], async (words) => {
    if (words.length > 0) throw new UsageError('plugin broken.mjs: cannot load');
    return [OWN];
  });
  t.is(res.out, 'words\n\n--colour\tColour\n');
});

test('a malformed request is a usage error naming the two forms', async (t) => {
  await t.throwsAsync(ask(['fish', 'x']), { instanceOf: UsageError, message: /--complete bash WORD LINE, or --complete zsh WORD/ });
  await t.throwsAsync(ask(['bash', 'x']), { instanceOf: UsageError });
});
