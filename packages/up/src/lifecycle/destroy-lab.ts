// rejviz-up destroy: the lab's domains (stopped hard, undefined with their managed save, snapshot
// and checkpoint metadata and NVRAM), every volume named after the lab in any pool (overlays,
// extra disks, seeds, and what an interrupted run left without a domain), the networks it
// created, and its state directory. The template images stay: other labs may use them
// (rejviz-up images prune removes unused ones).
import { createServices, libvirtConnection, type Services } from '@rejviz/core';
import { labResources } from '../libvirt/lab-resources.js';
import { virshRun, withPool } from '../libvirt/pool.js';
import { removeDomain } from './remove-domain.js';
import { lockLab } from '../state/lab-lock.js';
import { labDir } from '../state/lab-paths.js';
import { removeLabState } from '../state/lab-state.js';

export interface DestroyRequest {
  lab: string;
  uri?: string | null;
  /** Wait for another run holding the lab's lock. */
  wait?: boolean;
}

export interface DestroyReport {
  domains: string[];
  volumes: string[];
  networks: string[];
}

/** Removes everything of the lab; returns what was removed. */
export async function destroyLab(request: DestroyRequest, services?: Services): Promise<DestroyReport> {
  const s = services ?? (await createServices());
  const connection = libvirtConnection(request.uri ?? null);
  const virsh = (args: string[], allowFailure = false) => virshRun(s.runner, connection, args, allowFailure);
  const lock = await lockLab(request.lab, { wait: request.wait, notice: s.notice, command: 'rejviz-up destroy', env: s.env });
  try {
    const found = await labResources(s.runner, connection, request.lab);
    for (const domain of found.domains) await removeDomain(s.runner, connection, domain.name, domain.state);
    for (const volume of found.volumes) await withPool(volume.pool, () => virsh(['vol-delete', '--pool', volume.pool, volume.name]));
    for (const network of found.networks) {
      await virsh(['net-destroy', network], true);
      await virsh(['net-undefine', network]);
    }
    await removeLabState(request.lab, s.env);
    const stateDir = labDir(request.lab, s.env);
    const machines = found.domains.map((d) => ({
      lab: request.lab, machine: d.record.machine, domain: d.name, groups: d.record.groups,
      nics: (d.record.config?.nics ?? []).map((n) => ({ network: n.network, mac: n.mac, address: n.address })),
      stateDir,
      plugins: d.record.config?.plugins ?? {},
      connection,
      ...(d.record.config && { template: d.record.config.template, hostname: d.record.config.hostname }),
    }));
    await s.hooks.labDestroyed.promise({ lab: request.lab, connection, machines, stateDir }, { runner: s.runner, env: s.env, cwd: s.cwd, notice: s.notice });
    return { domains: found.domains.map((d) => d.name), volumes: found.volumes.map((v) => `${v.pool}/${v.name}`), networks: found.networks };
  } finally {
    await lock.release();
  }
}
