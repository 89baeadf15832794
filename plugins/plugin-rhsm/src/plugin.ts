// plugin-rhsm as a rejviz plugin: declares the --rhsm-* options and, at the SUBSCRIPTION stage of
// planGuest, turns them into subscription-manager operations whose secrets never reach any argv.
// The planning module is imported inside the tap, so --help and other commands do not load it.
import { STAGE, type GuestTool, type Plugin, type PlanContext } from '@rejviz/core';

const NAME = 'plugin-rhsm';
const COMMANDS = ['builder', 'customize', 'sysprep'] as const;

export interface RhsmPluginOptions {
  /** The installed version of a wrapped tool; default: core's toolInfo (tests inject one). */
  toolVersion?: (tool: GuestTool, ctx: PlanContext) => Promise<string>;
}

/** The --rhsm-* plugin (subscription-manager registration for builder, customize and sysprep). */
export function rhsmPlugin(options: RhsmPluginOptions = {}): Plugin {
  return {
    name: NAME,
    options: [
      { name: '--rhsm-org', type: 'string', arg: 'ORG', description: 'Register the guest with subscription-manager in organization ORG (with --rhsm-activation-key)', commands: COMMANDS },
      { name: '--rhsm-activation-key', type: 'string', arg: 'KEY', description: 'Activation key for --rhsm-org (kept out of the wrapped tool\'s argv)', commands: COMMANDS, secret: true },
      { name: '--rhsm-user', type: 'string', arg: 'USER', description: 'Register with a Red Hat login; password from --rhsm-password-file or $REJVIZ_RHSM_PASSWORD', commands: COMMANDS },
      { name: '--rhsm-password-file', type: 'string', arg: 'FILE', description: 'File (mode 0600) whose first line is the --rhsm-user password', commands: COMMANDS },
      { name: '--rhsm-pool', type: 'string', arg: 'ID', description: 'Attach subscription pool ID after registering (skipped on RHEL >= 10)', commands: COMMANDS },
      { name: '--rhsm-auto-attach', type: 'boolean', description: 'Attach a subscription automatically after registering (skipped on RHEL >= 10)', commands: COMMANDS },
      { name: '--rhsm-unregister', type: 'boolean', description: 'Unregister the guest (before turning the image into a template)', commands: COMMANDS },
    ],
    apply(hooks) {
      hooks.planGuest.tapPromise({ name: NAME, stage: STAGE.SUBSCRIPTION }, async (plan, ctx) =>
        (await import('./plan-subscription.js')).planSubscription(plan, ctx, options.toolVersion),
      );
    },
  };
}

export default rhsmPlugin;
