// plugin-cloud-init as a rejviz plugin: at the FIRSTBOOT stage of planInstall it plans a NoCloud
// seed whenever one of its options is given; rejviz-install writes and attaches it.
import { optionKey, STAGE, type Plugin } from '@rejviz/core';
import { OPTIONS } from './option-names.js';

const NAME = 'plugin-cloud-init';

/** The options that ask for a seed; any of them implies --cloud-init. */
export const SEED_OPTION_NAMES = ['--cloud-init', OPTIONS.userData, OPTIONS.hostname, OPTIONS.sshKey, OPTIONS.user, OPTIONS.instanceId, OPTIONS.seedLocal, OPTIONS.seedFirstBoot, '--seed-pool'] as const;

/** The cloud-init seed plugin (built into rejviz-install). */
export function cloudInitPlugin(): Plugin {
  return {
    name: NAME,
    options: [
      { name: '--cloud-init', type: 'boolean', description: 'Attach a NoCloud seed (meta-data, user-data, network-config from the image NICs); implied by the options below', commands: ['install'] },
      { name: OPTIONS.userData, type: 'string', arg: 'FILE', description: 'Your #cloud-config, merged with what the other options add', commands: ['install'] },
      { name: OPTIONS.hostname, type: 'string', arg: 'NAME', description: 'Guest host name (default: the domain name)', commands: ['install'] },
      { name: OPTIONS.sshKey, type: 'array', arg: 'FILE', description: 'OpenSSH public key(s) for the default user and every --user', commands: ['install'] },
      { name: OPTIONS.user, type: 'array', arg: 'NAME', description: 'Create a user with passwordless sudo, logging in with the --ssh-key keys', commands: ['install'] },
      { name: OPTIONS.instanceId, type: 'string', arg: 'ID', description: 'cloud-init instance-id (default: a new random one)', commands: ['install'] },
      { name: OPTIONS.seedLocal, type: 'boolean', description: "Have cloud-init apply the seed in its local stage, before the network (meta-data dsmode: local)", commands: ['install'] },
      { name: OPTIONS.seedFirstBoot, type: 'boolean', description: "Also put rejviz's first boot in the seed: a template rejviz-up built applies it before the network and sshd instead of cloud-init, when the user-data asks only for what it does (docs/up.md)", commands: ['install'] },
      { name: '--seed-pool', type: 'string', arg: 'POOL', description: "Storage pool for the seed volume (default: the disk's pool)", commands: ['install'] },
    ],
    apply(hooks) {
      hooks.planInstall.tapPromise({ name: NAME, stage: STAGE.FIRSTBOOT }, async (plan, ctx) => {
        // The seed planner (yaml and all) loads only when a seed option is given.
        const wanted = SEED_OPTION_NAMES.some((name) => {
          const value = ctx.options[optionKey({ name })];
          return value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0);
        });
        return wanted ? (await import('./plan-seed.js')).planSeed(plan, ctx, NAME) : plan;
      });
    },
  };
}
