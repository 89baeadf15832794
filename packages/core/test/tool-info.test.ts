// What tool-info reads from a tool's own --help besides arity: what the help calls each option's
// value (shell completion turns `<domain>` into domain names and `<raw|qcow2>` into words).
import test from 'ava';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Runner } from '../src/exec.js';
import { parseArgparseHelp, parseHelpOptions, toolInfo } from '../src/tool-info.js';

/** A recorded --help, without the line that says where it came from. */
const recorded = (name: string) => readFileSync(fileURLToPath(new URL(`../../../../fixtures/tool-help/${name}.txt`, import.meta.url)), 'utf8')
  .split('\n').slice(1).join('\n');

test('parseHelpOptions: the value names of virt-customize 1.48.2, for every spelling of the option', (t) => {
  const { valueNames, optionsWithValue } = parseHelpOptions(recorded('virt-customize-1.48.2'));
  t.is(valueNames['-d'], 'domain');
  t.is(valueNames['--domain'], 'domain');
  t.is(valueNames['-a'], 'file');
  t.is(valueNames['--connect'], 'uri');
  t.is(valueNames['--format'], 'format');
  // Every value-taking option has a name, and only those.
  t.deepEqual(Object.keys(valueNames).sort(), [...optionsWithValue].sort());
  t.is(valueNames['--dry-run'], undefined);
});

test('parseHelpOptions: virt-builder lists the values of some options', (t) => {
  const { valueNames } = parseHelpOptions(recorded('virt-builder-1.48.2'));
  t.is(valueNames['--format'], 'raw|qcow2');
  t.is(valueNames['--list-format'], 'short|long|json');
  t.is(valueNames['-o'], 'file');
  // --machine-readable[=format]: an optional value, not a value name.
  t.is(valueNames['--machine-readable'], undefined);
});

test("parseArgparseHelp: virt-install's metavars; optional values have none", (t) => {
  const { valueNames } = parseArgparseHelp(recorded('virt-install-4.1.0'));
  t.is(valueNames['--connect'], 'URI');
  t.is(valueNames['--disk'], 'DISK');
  t.is(valueNames['-n'], 'NAME');
  t.is(valueNames['--cloud-init'], undefined);
  t.is(valueNames['--import'], undefined);
});

test('a cached entry from before value names were recorded is read again once, then the cache answers', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'rejviz-tool-info-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const tool = join(dir, 'bin', 'virt-customize');
  await mkdir(dirname(tool), { recursive: true });
  await writeFile(tool, '#!/bin/sh\n', { mode: 0o755 });
  const s = await stat(tool);
  const env = { PATH: dirname(tool), XDG_CACHE_HOME: join(dir, 'cache') };
  const old = { tool: 'virt-customize', path: tool, version: '1.48.2', options: ['-d'], optionsWithValue: ['-d'] };
  await mkdir(join(dir, 'cache', 'rejviz'), { recursive: true });
  await writeFile(join(dir, 'cache', 'rejviz', 'tools.json'), JSON.stringify({ [`${tool}:${s.size}:${s.mtimeMs}`]: old }));
  const calls: string[][] = [];
  const runner: Runner = {
    dryRun: false,
    history: [],
    async run(file, args) {
      calls.push([file, ...args]);
      const stdout = args[0] === '--version' ? 'virt-customize 1.48.2\n' : recorded('virt-customize-1.48.2');
      return { command: file, exitCode: 0, stdout, stderr: '', durationMs: 0, skipped: false };
    },
  };
  t.is((await toolInfo(runner, 'virt-customize', env)).valueNames?.['-d'], 'domain');
  t.deepEqual(calls, [['virt-customize', '--version'], ['virt-customize', '--help']]);
  t.is((await toolInfo(runner, 'virt-customize', env)).valueNames?.['-d'], 'domain');
  t.is(calls.length, 2);
});
