// The networks a lab creates: isolated, with no address on the host and no forwarding, so nothing
// routes between the lab and the host or beyond (its subnet is only what the machines are given).
import { virshQuery, type LibvirtConnection, type Runner } from '@rejviz/core';
import { writePrivateFile, createPrivateDir } from '@rejviz/core';
import { virshRun } from '../libvirt/pool.js';

/** The XML of the isolated network `name`: no <ip> and no <forward>, so libvirt makes a bridge with no host address and no NAT. */
export function isolatedNetworkXml(name: string): string {
  return `<network><name>${name}</name></network>\n`;
}

/** Defines (if needed) and starts the isolated network `name`; true when it was defined now. */
export async function ensureIsolatedNetwork(runner: Runner, connection: LibvirtConnection, name: string): Promise<boolean> {
  const info = await virshQuery(runner, connection, ['net-info', name], { allowFailure: true });
  let defined = false;
  if (info.exitCode !== 0) {
    const dir = await createPrivateDir('rejviz-up-net-');
    try {
      const file = await writePrivateFile(dir.path, 'network.xml', isolatedNetworkXml(name));
      await virshRun(runner, connection, ['net-define', file]);
      defined = true;
    } finally {
      await dir.remove();
    }
  }
  if (!/^Active:\s+yes$/m.test(info.stdout)) await virshRun(runner, connection, ['net-start', name]);
  return defined;
}
