// planLab for ansible: the lab-wide section checked while the lab is planned (plan and --dry-run
// too), so that a wrong playbook path, a lab ansible cannot reach or userData that would undo the
// guests' /etc/hosts block stops the run before any machine is made.
import { onPath, shown, ToolMissingError, UsageError, type LabContext, type LabDraft } from '@rejviz/core';
import { readSshSettings } from '@rejviz/plugin-ssh';
import { checkPlaybookFiles, readAnsibleSettings } from './ansible-settings.js';
import { noAnsibleHosts } from './run-playbooks.js';

const GUESTS_OFF = "or turn the lab's block off at the top level: plugins: { ansible: { etcHosts: { guests: false } } }";

/** Throws the first problem of the draft's ansible settings. */
export async function checkLabDraft(draft: LabDraft, ctx: LabContext): Promise<void> {
  const settings = readAnsibleSettings(draft.plugins);
  if (settings.playbooks.length > 0) {
    checkPlaybookFiles(settings.playbooks);
    if (!draft.machines.some((m) => readSshSettings(m.machine, m.plugins, ctx))) throw noAnsibleHosts(draft.lab);
    if ((await onPath('ansible-playbook', ctx.env)) === null) throw new ToolMissingError('ansible-playbook', 'apt-get install ansible-core (the lab file names playbooks)');
  }
  if (!settings.etcHosts.guests) return;
  for (const m of draft.machines.filter((x) => x.plannedAddress)) {
    const manage = m.userData.manage_etc_hosts;
    // false is what the block needs anyway; true or 'localhost' would rewrite the file at boot.
    if (manage !== undefined && manage !== false) {
      throw new UsageError(`machine ${m.machine}: userData.manage_etc_hosts: ${shown(String(manage))} would make cloud-init rewrite /etc/hosts, where plugin-ansible puts the lab's block; drop it, ${GUESTS_OFF}`);
    }
    const files = Array.isArray(m.userData.write_files) ? (m.userData.write_files as { path?: unknown }[]) : [];
    if (files.some((f) => f?.path === '/etc/hosts')) {
      throw new UsageError(`machine ${m.machine}: userData.write_files writes /etc/hosts, which plugin-ansible writes with the lab's block; drop that entry, ${GUESTS_OFF}`);
    }
  }
}
