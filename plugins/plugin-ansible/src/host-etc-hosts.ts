// The lab's block in this host's /etc/hosts (opt-in: etcHosts.host): written when the lab is
// ready, taken out when the lab is destroyed or the lab file no longer asks for it. Only the
// lab's marked lines change; the file is replaced atomically (write-hosts-file.ts).
import { ERROR_CODES, UsageError, type LabContext, type LabInfo } from '@rejviz/core';
import { hostsLines } from './etc-hosts.js';
import { labHosts } from './lab-hosts.js';
import { applyLabHostsBlock } from './write-hosts-file.js';

/** The hosts file: /etc/hosts, or $REJVIZ_HOSTS_FILE (tests, or a resolver reading another file). */
export function hostsFilePath(env: NodeJS.ProcessEnv): string {
  return env.REJVIZ_HOSTS_FILE || '/etc/hosts';
}

/** Puts the lab's block into the host's hosts file (`on`), or takes it out; says so when the file changed. */
export async function updateHostBlock(lab: LabInfo, on: boolean, ctx: LabContext): Promise<void> {
  const path = hostsFilePath(ctx.env);
  const lines = on ? hostsLines(lab.lab, labHosts(lab).machines) : [];
  const changed = await applyLabHostsBlock(path, lab.lab, lines).catch((e: NodeJS.ErrnoException) => {
    // Not root: bad input (the lab file asks for what this user may not do), not a bug.
    if (e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS') {
      throw new UsageError(`plugins.ansible.etcHosts.host: cannot write ${path} (${e.code}); run rejviz-up as root, or drop etcHosts.host`, ERROR_CODES.INPUT);
    }
    throw e;
  });
  if (changed) ctx.notice(lines.length > 0 ? `lab ${lab.lab}: its machines' names are in ${path}` : `lab ${lab.lab}: its block in ${path} was taken out`);
}
