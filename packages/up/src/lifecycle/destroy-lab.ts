// rejviz-up destroy: the lab's domains (stopped hard, undefined with their managed save, snapshot
// and checkpoint metadata and NVRAM), every volume named after the lab in any pool (overlays,
// extra disks, seeds, and what an interrupted run left without a domain), the networks it
// created, and its state directory. The template images stay: other labs may use them
// (rejviz-up images prune removes unused ones).
import { createServices, libvirtConnection, virshConnectArgs, type Services } from '@rejviz/core';
import { labResources } from '../libvirt/lab-resources.js';
import { lockLab } from '../state/lab-lock.js';
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

// Undefine flags by what drivers support: the test driver refuses --nvram and
// --checkpoints-metadata ("unsupported flags"), qemu accepts them also for a domain with neither.
const UNDEFINE_FLAGS = [['--managed-save', '--snapshots-metadata', '--checkpoints-metadata', '--nvram'], ['--managed-save', '--snapshots-metadata']];

/** Removes everything of the lab; returns what was removed. */
export async function destroyLab(request: DestroyRequest, services?: Services): Promise<DestroyReport> {
  const s = services ?? (await createServices());
  const connection = libvirtConnection(request.uri ?? null);
  const virsh = (args: string[], allowFailure = false) => s.runner.run('virsh', [...virshConnectArgs(connection), ...args], { allowFailure });
  const lock = await lockLab(request.lab, { wait: request.wait, notice: s.notice, command: 'rejviz-up destroy', env: s.env });
  try {
    const found = await labResources(s.runner, connection, request.lab);
    for (const domain of found.domains) {
      if (domain.state !== 'shut off') await virsh(['destroy', domain.name], true);
      let result = await virsh(['undefine', domain.name, ...UNDEFINE_FLAGS[0]!], true);
      if (result.exitCode !== 0 && /unsupported flags/.test(result.stderr)) result = await virsh(['undefine', domain.name, ...UNDEFINE_FLAGS[1]!], true);
      if (result.exitCode !== 0) await virsh(['undefine', domain.name, ...UNDEFINE_FLAGS[1]!]);
    }
    for (const volume of found.volumes) await virsh(['vol-delete', '--pool', volume.pool, volume.name]);
    for (const network of found.networks) {
      await virsh(['net-destroy', network], true);
      await virsh(['net-undefine', network]);
    }
    await removeLabState(request.lab, s.env);
    return { domains: found.domains.map((d) => d.name), volumes: found.volumes.map((v) => `${v.pool}/${v.name}`), networks: found.networks };
  } finally {
    await lock.release();
  }
}
