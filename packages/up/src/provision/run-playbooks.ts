// A template's playbooks, run with ansible-playbook against the build VM: an inventory of one host
// (the profile's name, in group template_PROFILE) reached on 127.0.0.1:PORT as root with the
// throwaway key, its host key pinned (plugin-ansible's host variables: StrictHostKeyChecking=yes,
// the build's own known_hosts, no ssh multiplexing). ansible-playbook's output goes to the user's
// stderr as it runs; the first playbook that fails stops the build with its exit code.
import { ToolError, type Runner } from '@rejviz/core';
import { renderYamlInventory, type InventoryLab } from '@rejviz/plugin-ansible';
import type { LabTemplate, TemplatePlaybook } from '../lab-file/lab-types.js';

export interface BuildHost {
  template: LabTemplate;
  /** The build VM's domain: its host keys are pinned under this alias. */
  domain: string;
  port: number;
  /** The throwaway private key (absolute path). */
  privateKeyFile: string;
  knownHostsFile: string;
}

/** The login the build VM gives ansible (provision-user-data.ts). */
export const BUILD_USER = 'root';

/** The inventory of the build VM, as YAML text. */
export function buildInventory(host: BuildHost): string {
  const lab: InventoryLab = {
    lab: `template-${host.template.name}`,
    privateKeyFile: host.privateKeyFile,
    knownHostsFile: host.knownHostsFile,
    machines: [{
      machine: host.template.name, domain: host.domain, template: host.template.name, groups: [],
      host: '127.0.0.1', port: host.port, user: BUILD_USER, hostKeyAlias: host.domain, addresses: [],
    }],
  };
  return renderYamlInventory(lab);
}

/** ansible-playbook's arguments for one playbook. */
export function playbookArgs(inventory: string, playbook: TemplatePlaybook): string[] {
  return ['-i', inventory, playbook.path];
}

/** Runs the template's playbooks in order; a failure is a ToolError with ansible-playbook's exit code. */
export async function runPlaybooks(template: LabTemplate, inventory: string, runner: Runner, cwd: string): Promise<void> {
  for (const playbook of template.playbooks) {
    const result = await runner.run('ansible-playbook', playbookArgs(inventory, playbook), { cwd, stream: true, allowFailure: true, installHint: 'apt-get install ansible-core' });
    if (result.exitCode !== 0) {
      const where = `templates.${playbook.profile}.playbooks[${playbook.index}]`;
      throw new ToolError('ansible-playbook', result.command, result.exitCode,
        `template ${template.name}: playbook ${playbook.file} (${where}) failed with exit code ${result.exitCode} (its output is above); the template was not built, and its image, VM and keys are removed`);
    }
  }
}
