// What virt-sysprep is given for a template: the profile's operations (sysprep:), and, when its
// playbooks ran in a VM booted from the image, the removal of everything that boot added for the
// provisioning: root's throwaway key, the sshd drop-in, the pinned host keys, cloud-init's
// instance state and logs, the network config cloud-init wrote for the build NIC, the machine-id
// systemd made, and the build's host name. That removal runs even with `sysprep: false` or a list
// that leaves those operations out, so a clone boots as a new instance (cloud-init runs again
// from its own seed) with host keys of its own. virt-sysprep runs customize options (--run-command,
// --delete) as its `customize` operation (virt-sysprep(1) OPERATIONS), so that one is kept on.
import { BUILD_MAC } from './build-domain.js';
import { BUILD_SSHD_DROP_IN } from './provision-user-data.js';

/** The operations a provisioned template always gets, whatever its sysprep: says. */
export const PROVISION_OPERATIONS = ['customize', 'ssh-hostkeys', 'machine-id'] as const;

/** Where the image's own /etc/hostname waits while the build VM runs under the profile's name. */
export const SAVED_HOSTNAME = '/etc/hostname.rejviz-build';

/** virt-builder arguments that keep the image's /etc/hostname aside for after the build VM (last of the build's customizations). */
export function saveHostnameArgs(): string[] {
  return ['--run-command', `if [ -e /etc/hostname ]; then cp -p /etc/hostname ${SAVED_HOSTNAME}; fi`];
}

// Files the build VM's boot wrote that no clone should inherit: cloud-init's logs and its network
// config for the build NIC (named mgmt0: management-nic.ts) in each renderer's place (cloud-init's
// net/{eni,netplan,networkd,network_manager,sysconfig}.py), ansible's remote temporary directory
// and the sshd drop-in. --delete expands globs and ignores a path that matches nothing.
const DELETED = [
  BUILD_SSHD_DROP_IN,
  '/root/.ansible',
  '/var/log/cloud-init.log',
  '/var/log/cloud-init-output.log',
  '/etc/network/interfaces.d/50-cloud-init',
  '/etc/netplan/50-cloud-init.yaml',
  '/etc/systemd/network/10-cloud-init-mgmt0.*',
  '/etc/NetworkManager/system-connections/cloud-init-mgmt0.nmconnection',
  '/etc/sysconfig/network-scripts/ifcfg-mgmt0',
];

/**
 * Shell commands run in the image (virt-sysprep --run-command) after the build VM powered off.
 * `loginKey`: the throwaway public key root logged in with; `buildHostname`: the name the VM ran under.
 */
export function provisionCleanupCommands(loginKey: string, buildHostname: string): string[] {
  const blob = loginKey.trim().split(/\s+/)[1] ?? '';
  // A key's base64 and a host name of the profile (a-z, 0-9, '-') need no quoting inside '...'.
  if (!/^[A-Za-z0-9+/=]+$/.test(blob) || !/^[a-z][a-z0-9-]*$/.test(buildHostname)) {
    throw new Error(`Assertion failed: login key or host name not as made by rejviz (${blob.slice(0, 16)}, ${buildHostname})`);
  }
  const keys = '/root/.ssh/authorized_keys';
  return [
    // Root's throwaway key goes, and the file and /root/.ssh with it when nothing else is in them.
    `if [ -f ${keys} ]; then grep -vF '${blob}' ${keys} > ${keys}.rejviz || true; if [ -s ${keys}.rejviz ]; then cat ${keys}.rejviz > ${keys}; rm -f ${keys}.rejviz; else rm -f ${keys} ${keys}.rejviz; rmdir /root/.ssh 2>/dev/null || true; fi; fi`,
    // What `cloud-init clean` removes: everything under /var/lib/cloud but seed/, so the next boot is a new instance.
    `if [ -d /var/lib/cloud ]; then find /var/lib/cloud -mindepth 1 -maxdepth 1 ! -name seed -exec rm -rf {} +; fi`,
    // The udev rule that named the build NIC mgmt0 (cloud-init writes it with the ENI renderer).
    `if [ -f /etc/udev/rules.d/70-persistent-net.rules ]; then sed -i '/${BUILD_MAC}/d' /etc/udev/rules.d/70-persistent-net.rules; fi`,
    // The image's own host name again, unless a playbook set another one.
    `if [ -e ${SAVED_HOSTNAME} ]; then if [ "$(cat /etc/hostname 2>/dev/null)" = '${buildHostname}' ]; then mv -f ${SAVED_HOSTNAME} /etc/hostname; else rm -f ${SAVED_HOSTNAME}; fi; fi`,
  ];
}

export interface Provisioned {
  loginKey: string;
  buildHostname: string;
}

/**
 * virt-sysprep's arguments for the template, or null for no sysprep run (sysprep: false and no
 * playbooks). `sysprep`: null (false), [] (its default operations, which include the provision
 * ones) or the profile's operations; `provisioned`: set when the playbooks ran.
 */
export function templateSysprepArgs(sysprep: readonly string[] | null, provisioned: Provisioned | null): string[] | null {
  if (provisioned === null) {
    if (sysprep === null) return null;
    return sysprep.length > 0 ? ['--operations', sysprep.join(',')] : [];
  }
  // Later entries of --operations win over earlier ones (a profile's -ssh-hostkeys), so the provision operations come last.
  const own = (sysprep ?? []).filter((op) => !(PROVISION_OPERATIONS as readonly string[]).includes(op));
  const operations = sysprep === null || sysprep.length > 0 ? [...own, ...PROVISION_OPERATIONS] : null;
  return [
    ...(operations ? ['--operations', operations.join(',')] : []),
    ...provisionCleanupCommands(provisioned.loginKey, provisioned.buildHostname).flatMap((command) => ['--run-command', command]),
    ...DELETED.flatMap((path) => ['--delete', path]),
  ];
}
