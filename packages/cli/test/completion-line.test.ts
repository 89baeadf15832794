// The completion engine on the recorded --help of the real tools: which word is an option's value,
// an option or positional; rejviz's options beside the tool's; values from the tool's own help
// (<domain>, <raw|qcow2>); -c/--connect honoured for domain names; `--opt=` and `--` forms.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHelpOptions, type PluginOption, type Runner, type ToolInfo } from '@rejviz/core';
import { completeLine } from '../src/completion/complete-line.js';
import { optionTable } from '../src/completion/option-table.js';
import type { CommandCompletion, Completion, LineContext } from '../src/completion/types.js';
import { COMMON_OPTIONS } from '../src/common-options.js';

function recordedInfo(tool: string, version: string): ToolInfo {
  const help = readFileSync(fileURLToPath(new URL(`../../../../fixtures/tool-help/${tool}-${version}.txt`, import.meta.url)), 'utf8').split('\n').slice(1).join('\n');
  return { tool, path: `/usr/bin/${tool}`, version, ...parseHelpOptions(help) };
}

const CUSTOMIZE = recordedInfo('virt-customize', '1.48.2');
const BUILDER = recordedInfo('virt-builder', '1.48.2');
const OURS: PluginOption[] = [
  ...COMMON_OPTIONS,
  { name: '--nic', type: 'array', arg: 'SPEC', description: 'Configure a guest NIC', commands: ['customize'] },
  { name: '--nic-format', type: 'string', arg: 'FORMAT', description: 'Guest network format', commands: ['customize'] },
];
const NIC_VALUES: CommandCompletion = {
  values: { '--nic': { keys: ['name', 'ipaddr'], keyValues: {} }, '--nic-format': { oneOf: ['auto', 'eni', 'ifcfg'] } },
};

/** A runner that answers `virsh ... list --all --name` with two domains and records every call. */
function virshRunner(calls: string[][]): Runner {
  return {
    dryRun: false,
    history: [],
    async run(file, args) {
      calls.push([file, ...args]);
      return { command: file, exitCode: 0, stdout: 'web1\nweb2\ndb1\n', stderr: '', durationMs: 0, skipped: false };
    },
  };
}

async function complete(line: string, opts: { info?: ToolInfo | null; command?: CommandCompletion; calls?: string[][] } = {}): Promise<Completion> {
  const info = opts.info === undefined ? CUSTOMIZE : opts.info;
  const command = opts.command ?? NIC_VALUES;
  const words = line.split(' ');
  return completeLine(words, optionTable(OURS, info, command), command, { toolInfo: info, runner: virshRunner(opts.calls ?? []), env: {} });
}
const values = (c: Completion) => c.candidates.map((x) => x.value);

test("option names: rejviz's and the tool's, with rejviz's descriptions", async (t) => {
  const c = await complete('--nic');
  t.deepEqual(values(c), ['--nic', '--nic-format']);
  t.is(c.candidates[0]!.description, 'Configure a guest NIC');
  t.true(values(await complete('--')).includes('--dry-run'));
  t.true(values(await complete('-')).includes('-d'));
  t.deepEqual(values(await complete('--dom')), ['--domain']);
  t.true(values(await complete('--v')).includes('--version'));
});

test('an option given once is not offered again; a repeatable one is', async (t) => {
  t.false(values(await complete('--dry-run --d')).includes('--dry-run'));
  t.true(values(await complete('--nic name=eth0 --ni')).includes('--nic'));
  t.false(values(await complete('--nic-format=eni --nic')).includes('--nic-format'));
});

test("a rejviz option's value: the command's completer, also in --opt=VALUE form", async (t) => {
  t.deepEqual(values(await complete('--nic-format ')), ['auto', 'eni', 'ifcfg']);
  t.deepEqual(values(await complete('--nic-format e')), ['eni']);
  const eq = await complete('--nic-format=i');
  t.deepEqual(values(eq), ['--nic-format=ifcfg']);
  t.is(eq.stem, '--nic-format=');
  // Whatever the word looks like, it is the option's value.
  t.deepEqual(values(await complete('--nic-format -')), []);
});

test('--nic values: keys with =, no space after them', async (t) => {
  const c = await complete('--nic name=eth0,i');
  t.deepEqual(values(c), ['name=eth0,ipaddr=']);
  t.true(c.nospace);
  t.is(c.stem, 'name=eth0,');
});

test("a rejviz option without a completer of its own takes file names", async (t) => {
  t.true((await complete('--plugin ')).files);
  t.true((await complete('--plugin=./x')).files);
});

test("the tool's option values follow its help: <file> is a file, <domain> a domain, <uri> nothing", async (t) => {
  t.true((await complete('-a ')).files);
  t.deepEqual(await complete('-c '), { candidates: [] });
  const calls: string[][] = [];
  t.deepEqual(values(await complete('-d web', { calls })), ['web1', 'web2']);
  t.deepEqual(calls, [['virsh', 'list', '--all', '--name']]);
});

test('domain names come from the connection the line names with -c or --connect', async (t) => {
  for (const line of ['-c test:///default -d ', '--connect test:///default --domain ', '--connect=test:///default -d ']) {
    const calls: string[][] = [];
    t.deepEqual(values(await complete(line, { calls })), ['web1', 'web2', 'db1'], line);
    t.deepEqual(calls, [['virsh', '-c', 'test:///default', 'list', '--all', '--name']], line);
  }
});

test("values the tool's help lists are offered: virt-builder --format <raw|qcow2>", async (t) => {
  t.deepEqual(values(await complete('--format ', { info: BUILDER })), ['raw', 'qcow2']);
  t.deepEqual(values(await complete('--format=q', { info: BUILDER })), ['--format=qcow2']);
});

test('positional words: the command completer gets their index and the tool arguments so far', async (t) => {
  const seen: { word: string; index: number; toolArgs: readonly string[] }[] = [];
  const command: CommandCompletion = {
    positional: (word: string, index: number, line: LineContext) => {
      seen.push({ word, index, toolArgs: [...line.toolArgs] });
      return { candidates: [{ value: 'tiny-centos7' }] };
    },
  };
  await complete('--source file:///r/index --nic name=eth0 --dry-run ti', { info: BUILDER, command });
  await complete('tiny-centos7 -o vm.img ', { info: BUILDER, command });
  t.deepEqual(seen, [
    { word: 'ti', index: 0, toolArgs: ['--source', 'file:///r/index'] },
    { word: '', index: 1, toolArgs: ['tiny-centos7', '-o', 'vm.img'] },
  ]);
});

test('with no positional completer an empty word lists the options, and a word nothing', async (t) => {
  t.true(values(await complete('-a vm.img ')).includes('--nic'));
  t.deepEqual(values(await complete('-a vm.img x')), []);
});

test("after -- only the tool's options are offered", async (t) => {
  const after = values(await complete('-- --'));
  t.true(after.includes('--domain'));
  t.false(after.includes('--nic'));
  t.false(after.includes('--dry-run'));
});

test('a bin that wraps no tool: its own arguments and their completers', async (t) => {
  const command: CommandCompletion = {
    args: [{ name: '-a', takesValue: true }, { name: '-c', takesValue: true }],
    values: { '-c': () => ({ candidates: [] }) },
    positional: () => ({ candidates: [{ value: 'vm1' }] }),
  };
  t.true((await complete('-a ', { info: null, command })).files);
  t.deepEqual(values(await complete('-c qemu:///system ', { info: null, command })), ['vm1']);
  t.deepEqual(values(await complete('--no', { info: null, command })), []);
});
