// The build VM's cloud-config: root logs in with a throwaway key, and the VM presents host keys made
// on the host and pinned before it boots (plugin-ssh's). Root rather than a sudo user: a template
// may have no sudo (the debian-12 fixture has none), and the playbooks need to change the system;
// a playbook with `become: true` still works where sudo is installed. Everything this adds to the
// image is removed again before the image becomes the template (template-sysprep-args.ts).
import { hostKeysCloudConfig, type HostKeyTexts } from '@rejviz/plugin-ssh';
import { stringify } from 'yaml';

/** How root may log in to the build VM; removed from the template. */
export const BUILD_SSHD_DROP_IN = '/etc/ssh/sshd_config.d/10-rejviz-build.conf';

// sshd keeps the first value it reads and Debian's sshd_config includes sshd_config.d first, so
// these win over the image's own settings: keys only, for root too.
const SSHD_SETTINGS = '# Written by rejviz-up for the VM a template is provisioned in; not kept in the template.\nPermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n';

/** The #cloud-config text of the build VM's seed. Holds private host keys: a private file only, never shown. */
export function provisionUserData(loginPublicKey: string, hostKeys: HostKeyTexts): string {
  const config = {
    // root alone: the image's default user is not made (users: absent would make it, and an empty
    // list fails cloud-init's schema). root exists, so cloud-init only adds the key; lock_passwd:
    // false keeps it from locking root's password in the template (cc_users_groups.py, create_user).
    users: [{ name: 'root', lock_passwd: false, ssh_authorized_keys: [loginPublicKey.trim()] }],
    ...hostKeysCloudConfig(hostKeys),
    write_files: [{ path: BUILD_SSHD_DROP_IN, content: SSHD_SETTINGS, owner: 'root:root', permissions: '0644' }],
  };
  // lineWidth 0: keys are never folded.
  return `#cloud-config\n${stringify(config, { lineWidth: 0 })}`;
}
