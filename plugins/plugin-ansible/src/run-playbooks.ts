// The lab's playbooks, run one after the other with ansible-playbook against the lab's inventory
// (whose host variables pin every host key: host-vars.ts). Each runs in its own directory, so
// that an ansible.cfg, roles/ and relative paths beside it are found as with `cd DIR &&
// ansible-playbook`. Its output streams to stderr (stdout stays the command's own, for --json).
// The first that fails stops the rest, and its exit code is rejviz-up's (core's ToolError).
import { dirname } from 'node:path';
import { ToolError, UsageError, type LabContext } from '@rejviz/core';

const ANSIBLE_INSTALL = 'apt-get install ansible-core';

export interface PlaybookRun {
  lab: string;
  /** The inventory file (inventory.yml in the lab's state directory). */
  inventory: string;
  /** Absolute paths, in order. */
  playbooks: readonly string[];
}

/** Runs the playbooks in order; the first failure is thrown after a notice naming the playbook. */
export async function runPlaybooks(run: PlaybookRun, ctx: LabContext): Promise<void> {
  for (const playbook of run.playbooks) {
    ctx.notice(`lab ${run.lab}: running playbook ${playbook}`);
    try {
      await ctx.runner.run('ansible-playbook', ['-i', run.inventory, playbook], { cwd: dirname(playbook), stream: true, installHint: ANSIBLE_INSTALL });
    } catch (error) {
      if (error instanceof ToolError) {
        ctx.notice(`lab ${run.lab}: playbook ${playbook} failed (exit ${error.exitCode}); the machines stay as they are: fix it and run rejviz-up provision --lab ${run.lab}`);
      }
      throw error;
    }
  }
}

/** The error for playbooks in a lab none of whose machines ansible can reach. */
export function noAnsibleHosts(lab: string): UsageError {
  return new UsageError(`playbooks: no machine of lab ${lab} has ssh, so ansible reaches none; give the machines plugins: { ssh: {} } (in defaults: for all)`);
}
