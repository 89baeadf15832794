// The lab's OpenSSH client config (`rejviz-up ssh-config`, for `ssh -F FILE MACHINE`): a Host
// block per machine with the options that pin its host key (ssh-target.ts). BatchMode is not
// among them: interactive ssh must be able to ask for a passphrase or password.
import { sshOptions, type SshTarget } from './ssh-target.js';

/** One `Host NAME` block per machine, blocks separated by a blank line. */
export function renderSshConfig(targets: readonly SshTarget[]): string {
  return targets
    .map((target) => [`Host ${target.name}`, ...sshOptions(target).map(([key, value]) => `  ${key} ${value}`)].join('\n') + '\n')
    .join('\n');
}
