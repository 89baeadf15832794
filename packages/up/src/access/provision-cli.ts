// `rejviz-up provision [-f FILE | --lab NAME]`: the playbooks come from the lab file (with --lab,
// the file the lab was last brought up from, as its state records it); --dry-run says what would
// run. The work is provisionLab's.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { quoteCommand, UsageError } from '@rejviz/core';
import type { CommandContext } from '@rejviz/cli';
import { checkPlaybookFiles, inventoryPaths, readAnsibleSettings } from '@rejviz/plugin-ansible';
import { loadLab } from '../lab-file/load-lab.js';
import { labDir } from '../state/lab-paths.js';
import { readLabState } from '../state/lab-state.js';
import { provisionLab } from './provision-lab.js';

/** The lab file `--lab NAME` stands for: the one its state records. */
export async function recordedLabFile(lab: string, env: NodeJS.ProcessEnv): Promise<string> {
  const state = await readLabState(lab, env);
  if (state === null) throw new UsageError(`--lab ${lab}: no lab of that name has state on this host, so its lab file is not known; give -f FILE`);
  if (state.file === '-') throw new UsageError(`--lab ${lab}: the lab was brought up from stdin, so its lab file is not known; give -f FILE`);
  if (!existsSync(state.file)) throw new UsageError(`--lab ${lab}: its lab file ${state.file} (recorded when it was brought up) is gone; give -f FILE`);
  return state.file;
}

/** Runs provision for the lab file read; returns the exit code. */
export async function provisionCli(ctx: CommandContext, source: { file: string; text: string; path: string; vars: Record<string, string> }, how: { lab?: string; uri: string | null; json: boolean }): Promise<number> {
  const lab = await loadLab({ ...source, env: ctx.env, cwd: ctx.cwd });
  if (how.lab !== undefined && lab.name !== how.lab) throw new UsageError(`--lab ${how.lab}: its recorded lab file ${source.path} now names lab ${lab.name}; give -f FILE`);
  const { playbooks } = readAnsibleSettings(lab.plugins);
  checkPlaybookFiles(playbooks);
  if (ctx.runner.dryRun) {
    if (playbooks.length === 0) throw new UsageError(`lab ${lab.name} has no playbooks; list them under playbooks: in its lab file`);
    const inventory = inventoryPaths(labDir(lab.name, ctx.env)).yaml;
    ctx.stdout.write(playbooks.map((p) => `would run ${quoteCommand('ansible-playbook', ['-i', inventory, p])} in ${dirname(p)} against lab ${lab.name} (not run)\n`).join(''));
    return 0;
  }
  const report = await provisionLab({ lab: lab.name, playbooks, uri: how.uri, wait: ctx.options['--wait'] === true }, ctx.services);
  ctx.stdout.write(how.json ? `${JSON.stringify(report, null, 2)}\n` : `ran ${report.playbooks.length} playbook(s) against lab ${report.lab}: ${report.playbooks.join(', ')}\n`);
  return 0;
}
