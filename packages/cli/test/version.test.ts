// --version: rejviz's line from the bin's own package.json (found through a node_modules/.bin
// link), the wrapped tool's line as tool-info reads it, -V only where the tool has it, --json.
import test from 'ava';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { binVersion } from '../src/own-version.js';
import { runCommand, type CommandSpec } from '../src/run-main.js';
import { answerVersion } from '../src/version-request.js';

// Made synchronously: ava wants every test declared before the first await.
const root = mkdtempSync(join(tmpdir(), 'rejviz-version-'));
test.after.always(() => rmSync(root, { recursive: true, force: true }));

// A package with a bin, linked from a .bin directory as npm links it.
const pkg = join(root, 'node_modules', '@x', 'thing');
mkdirSync(join(pkg, 'dist', 'bin'), { recursive: true });
writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@x/thing', version: '1.2.3', bin: { 'rejviz-thing': './dist/bin/rejviz-thing.js' } }));
writeFileSync(join(pkg, 'dist', 'bin', 'rejviz-thing.js'), '');
const entry = join(root, 'node_modules', '.bin', 'rejviz-thing');
mkdirSync(join(root, 'node_modules', '.bin'));
symlinkSync('../@x/thing/dist/bin/rejviz-thing.js', entry);

// A guestfs-like tool with -V, and tool-info's cache kept in this directory.
const tools = join(root, 'tools');
mkdirSync(tools);
writeFileSync(join(tools, 'fake-tool'), '#!/bin/sh\ncase "$1" in\n  --version) echo "fake-tool 9.8.7";;\n  --help) printf "Options:\\n  -a, --add <file>     Add\\n  -V, --version        Version\\n";;\nesac\n', { mode: 0o755 });
process.env.PATH = `${tools}${delimiter}${process.env.PATH ?? ''}`;
const env = { ...process.env, XDG_CACHE_HOME: join(root, 'cache') };

async function ask(tool: string | null, argv: string[]) {
  let stdout = '';
  const notices: string[] = [];
  const io = { env, entry, stdout: { write: (s: string) => ((stdout += s), true) } as unknown as NodeJS.WritableStream, notice: (s: string) => void notices.push(s) };
  const answered = await answerVersion({ binaryName: 'rejviz-thing', tool }, argv, io);
  return { answered, stdout, notices };
}

test('binVersion reads the package.json of the package holding the bin, through the .bin link', async (t) => {
  t.is(await binVersion('rejviz-thing', entry), '1.2.3');
  await t.throwsAsync(binVersion('rejviz-other', entry), { message: /^Assertion failed: .*does not declare the bin rejviz-other/ });
});

test('--version of a bin that wraps no tool: one line NAME VERSION; -V and a --version after -- are not its', async (t) => {
  t.deepEqual(await ask(null, ['--version']), { answered: true, stdout: 'rejviz-thing 1.2.3\n', notices: [] });
  t.deepEqual(await ask(null, ['-V']), { answered: false, stdout: '', notices: [] });
  t.deepEqual(await ask(null, ['--', '--version']), { answered: false, stdout: '', notices: [] });
  t.deepEqual(await ask(null, ['--json', '--version']), { answered: true, stdout: '{"name":"rejviz-thing","version":"1.2.3","tool":null}\n', notices: [] });
});

test("--version and -V of a proxy: rejviz's line, then the tool's", async (t) => {
  const both = 'rejviz-thing 1.2.3\nfake-tool 9.8.7\n';
  t.deepEqual(await ask('fake-tool', ['--version']), { answered: true, stdout: both, notices: [] });
  t.deepEqual(await ask('fake-tool', ['-a', 'disk.img', '-V']), { answered: true, stdout: both, notices: [] });
  t.deepEqual(JSON.parse((await ask('fake-tool', ['--version', '--json'])).stdout), { name: 'rejviz-thing', version: '1.2.3', tool: { name: 'fake-tool', version: '9.8.7' } });
});

test("a missing tool: rejviz's line, and a warning saying so", async (t) => {
  const res = await ask('rejviz-no-such-tool', ['--version']);
  t.is(res.stdout, 'rejviz-thing 1.2.3\n');
  t.deepEqual(res.notices, ['warning: rejviz-no-such-tool is not installed or not on PATH; install it and try again']);
});

test('--help wins over --version', async (t) => {
  let stdout = '';
  const spec: CommandSpec = {
    command: 'peek', binaryName: 'rejviz-thing', tool: null, builtinPlugins: [], options: [],
    help: { synopsis: 'rejviz-thing', description: 'a fake command.', examples: [] }, execute: async () => 1,
  };
  const io = { stdout: { write: (s: string) => ((stdout += s), true) } as unknown as NodeJS.WritableStream, stderr: process.stderr };
  t.is(await runCommand(spec, ['--version', '--help'], io), 0);
  t.regex(stdout, /^rejviz-thing: a fake command\.\n\nUsage: rejviz-thing/);
});
