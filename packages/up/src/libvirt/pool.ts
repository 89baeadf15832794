// The storage pool a lab's disks live in: its directory, the cached template volumes, and volume
// creation. Volume operations on one pool run one at a time (core's withPool).
import { virshConnectArgs, virshQuery, UsageError, ERROR_CODES, type LibvirtConnection, type Runner } from '@rejviz/core';

export { withPool } from '@rejviz/core';
import { parsePoolTarget, parseVolumeCapacity } from '@rejviz/core/libvirt-xml';

/** The name of a template's cached image: rejviz-template_PROFILE_DIGEST12.qcow2. */
export function templateVolumeName(profile: string, digest: string): string {
  return `rejviz-template_${profile}_${digest.slice(0, 12)}.qcow2`;
}

const TEMPLATE_VOLUME = /^rejviz-template_([a-z][a-z0-9-]*)_([0-9a-f]{12})\.qcow2$/;

/** The cached template images in a pool: profile and digest prefix by volume name. */
export async function templateVolumes(runner: Runner, connection: LibvirtConnection, pool: string): Promise<{ volume: string; profile: string; digest12: string }[]> {
  const listing = await virshQuery(runner, connection, ['vol-list', pool]);
  return listing.stdout.split('\n').slice(2).flatMap((line) => {
    const name = line.trim().split(/\s+/)[0] ?? '';
    const m = TEMPLATE_VOLUME.exec(name);
    return m ? [{ volume: name, profile: m[1]!, digest12: m[2]! }] : [];
  });
}

/** The directory of a dir pool; other pool types are refused (templates are files rejviz-builder writes). */
export async function poolPath(runner: Runner, connection: LibvirtConnection, pool: string): Promise<string> {
  const result = await virshQuery(runner, connection, ['pool-dumpxml', pool], { allowFailure: true });
  if (result.exitCode !== 0) throw new UsageError(`storage pool '${pool}' does not exist; give --pool POOL with a pool virsh pool-list --all shows, or create it (virsh pool-define-as ${pool} dir --target DIR)`, ERROR_CODES.INPUT);
  const path = parsePoolTarget(result.stdout, `virsh pool-dumpxml ${pool}`);
  if (!path?.startsWith('/')) throw new UsageError(`storage pool '${pool}' has no directory; rejviz-up keeps templates and disks in a dir pool: give --pool POOL`, ERROR_CODES.INPUT);
  return path;
}

/** The connection's URI as libvirt names it (`virsh uri`): the default connection resolved, so that what was recorded through it and through its URI given explicitly match. */
export async function connectionUri(runner: Runner, connection: LibvirtConnection): Promise<string> {
  return (await virshQuery(runner, connection, ['uri'])).stdout.trim();
}

/** A volume's capacity in MiB. */
export async function volumeMiB(runner: Runner, connection: LibvirtConnection, pool: string, volume: string): Promise<number> {
  const xml = await virshQuery(runner, connection, ['vol-dumpxml', '--pool', pool, volume]);
  return Math.ceil(parseVolumeCapacity(xml.stdout) / 1024 ** 2);
}

/** virsh with the connection's -c, for commands that change something. */
export function virshRun(runner: Runner, connection: LibvirtConnection, args: readonly string[], allowFailure = false) {
  return runner.run('virsh', [...virshConnectArgs(connection), ...args], { allowFailure });
}
