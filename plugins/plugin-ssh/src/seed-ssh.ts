// machineSeed for ssh: the guest's host keys (private halves included), its login user with the
// lab's key, sshd's password setting, and a password's hash when one is asked for. The password
// itself is shown once, here, and kept nowhere.
import type { LabContext, LabMachineInfo } from '@rejviz/core';
import { sshCloudConfig } from './cloud-config-ssh.js';
import { readHostKeyTexts } from './lab-keys.js';
import { generatePassword, sha512Crypt } from './password.js';
import { labKeys } from './prepare-lab-keys.js';
import type { SshSettings } from './ssh-settings.js';

export async function seedSsh(userData: Record<string, unknown>, machine: LabMachineInfo, settings: SshSettings, ctx: LabContext): Promise<Record<string, unknown>> {
  const keys = await labKeys(machine.stateDir, [machine.machine], settings.key, ctx);
  let passwordHash: string | undefined;
  if (settings.password) {
    const password = generatePassword();
    passwordHash = await sha512Crypt(password, ctx.runner);
    ctx.notice(`lab ${machine.lab}: ${machine.machine}: user ${settings.user} has the password ${password} (shown only now; the guest keeps its hash)`);
  }
  const config = sshCloudConfig({
    user: settings.user,
    authorizedKeys: [keys.login.publicKey, ...settings.authorizedKeys],
    hostKeys: await readHostKeyTexts(keys.hostKeys[machine.machine]!),
    sudo: settings.sudo,
    ...(passwordHash !== undefined && { passwordHash }),
  });
  // Lists add to what other taps gave (users, write_files); the rest is ssh's own.
  const list = (key: string) => (Array.isArray(userData[key]) ? (userData[key] as unknown[]) : []);
  return {
    ...userData,
    ...config,
    users: [...list('users'), ...config.users],
    write_files: [...list('write_files'), ...config.write_files],
    // sudo resolves the host's own name (without it: "unable to resolve host").
    manage_etc_hosts: userData.manage_etc_hosts ?? true,
  };
}
