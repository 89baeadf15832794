// rejviz-up provision: the lab's playbooks run again against the lab as it exists, under the
// lab's lock. The inventory is written afresh from libvirt's records (the same one labReady
// writes), then plugin-ansible runs each playbook; the first failure's exit code is ours.
import { createServices, libvirtConnection, UsageError, type Services } from '@rejviz/core';
import { labInventory, noAnsibleHosts, runPlaybooks, writeInventoryFiles } from '@rejviz/plugin-ansible';
import { lockLab } from '../state/lab-lock.js';
import { labDir } from '../state/lab-paths.js';
import { labAccess } from './lab-access.js';

export interface ProvisionRequest {
  lab: string;
  /** Absolute paths, in order (the lab file's playbooks:). */
  playbooks: readonly string[];
  uri?: string | null;
  /** Wait for another run holding the lab's lock. */
  wait?: boolean;
}

export interface ProvisionReport {
  lab: string;
  /** The inventory the playbooks ran against. */
  inventory: string;
  playbooks: string[];
}

/** Runs the lab's playbooks against its running machines; returns what ran. */
export async function provisionLab(request: ProvisionRequest, services?: Services): Promise<ProvisionReport> {
  const s = services ?? (await createServices());
  const { lab } = request;
  if (request.playbooks.length === 0) throw new UsageError(`lab ${lab} has no playbooks; list them under playbooks: in its lab file`);
  const lock = await lockLab(lab, { wait: request.wait, notice: s.notice, command: 'rejviz-up provision', env: s.env });
  try {
    const machines = await labAccess({ lab, uri: request.uri ?? null }, s);
    if (machines.length === 0) throw new UsageError(`lab ${lab} has no machines on this connection; bring it up first (rejviz-up -f FILE)`);
    const stopped = machines.find((m) => m.target && m.state !== 'running');
    if (stopped) throw new UsageError(`machine ${stopped.machine} of lab ${lab} is ${stopped.state}; start it first (rejviz-up start --lab ${lab})`);
    const stateDir = labDir(lab, s.env);
    const inventory = labInventory({ lab, connection: libvirtConnection(request.uri ?? null), machines: machines.map((m) => m.info), stateDir }, s);
    if (inventory.machines.length === 0) throw noAnsibleHosts(lab);
    const paths = await writeInventoryFiles(stateDir, inventory);
    await runPlaybooks({ lab, inventory: paths.yaml, playbooks: request.playbooks }, { runner: s.runner, env: s.env, cwd: s.cwd, notice: s.notice });
    return { lab, inventory: paths.yaml, playbooks: [...request.playbooks] };
  } finally {
    await lock.release();
  }
}
