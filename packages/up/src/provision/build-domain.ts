// The VM a template's playbooks run in (ansible-core has no chroot connection): a transient domain
// booted from the image being built itself, whose only NIC is the management NIC of lab machines
// (qemu user-mode networking with restrict=on, ssh forwarded from 127.0.0.1:PORT; the caller adds
// it with managementNicPlugin), and a NoCloud seed that rejviz-install's library writes. It
// vanishes from libvirt when it powers off; the seed volume is the caller's to delete.
import type { ImageManifest, LibvirtConnection, Plugin } from '@rejviz/core';
import { installPlugins, type InstallRequest } from '@rejviz/install';
import type { LabTemplate } from '../lab-file/lab-types.js';
import { managementNicPlugin } from '../create/management-nic.js';

/**
 * The build VM's management NIC MAC. One for every build: the NIC is alone on its own qemu
 * user-mode network, where no other guest can meet it, and a fixed MAC lets the cleanup find the
 * udev rule cloud-init wrote for it (template-sysprep-args.ts).
 */
export const BUILD_MAC = '52:54:00:72:6a:76';
export const BUILD_MEMORY_MIB = 1024;
export const BUILD_VCPUS = 2;

/** rejviz-build-TEMPLATE-DIGEST12-PID: which build, of which content, by which process. */
export function buildDomainName(template: string, digest: string, pid: number = process.pid): string {
  return `rejviz-build-${template}-${digest.slice(0, 12)}-${pid}`;
}

export interface BuildDomainJob {
  domain: string;
  template: LabTemplate;
  /** The image being built (a file in the pool's directory, not a volume yet). */
  image: string;
  osinfo: string | null;
  /** The pool the seed volume goes into. */
  pool: string;
  connection: LibvirtConnection;
  /** The seed's user-data file (provisionUserData's text). */
  userData: string;
}

/** The install request of the build VM. */
export function buildDomainRequest(job: BuildDomainJob): InstallRequest & { manifest: ImageManifest } {
  // virt-install's --disk takes ',' as its separator; the pool's directory never has one here.
  if (job.image.includes(',')) throw new Error(`Assertion failed: image path ${job.image} has a ','`);
  return {
    name: job.domain,
    manifest: { image: job.image, format: 'qcow2', template: job.template.base, osinfo: job.osinfo, nicFormat: null, nics: [], command: '' },
    manifestName: `the image of template ${job.template.name} being built`,
    toolArgs: [
      '--import', '--transient', '--memory', String(BUILD_MEMORY_MIB), '--vcpus', String(BUILD_VCPUS),
      '--disk', `path=${job.image},format=qcow2,bus=virtio`,
      // No libvirt NIC at all: virt-install would otherwise add one on a libvirt network.
      '--network', 'none',
      '--graphics', 'none', '--noautoconsole',
      ...(job.connection.uri ? ['--connect', job.connection.uri] : []),
    ],
    options: {
      // The profile's name while it is built; the template's own /etc/hostname is put back after (template-sysprep-args.ts).
      hostname: job.template.name,
      seedPool: job.pool,
      userData: job.userData,
    },
  };
}

/** The build VM's install: its request, and the plugins that plan it (rejviz-install's, and the management NIC forwarding `port`). */
export function buildDomainInstall(job: BuildDomainJob, port: number): { request: InstallRequest & { manifest: ImageManifest }; plugins: Plugin[] } {
  return { request: buildDomainRequest(job), plugins: [...installPlugins(), managementNicPlugin(BUILD_MAC, port)] };
}
