// The lab template's side of plugin-cloud-init: rejviz-up adds this plugin to a template
// profile's build (unless the profile says cloudInit: { fastBoot: false }), and at the FIRSTBOOT
// stage of planGuest it appends the guarded commands of fast-boot.ts (the trimmed cloud-init and
// rejviz's first-boot unit, first-boot-template.ts), after the profile's own
// packages and commands (so a profile that installs cloud-init gets it too).
import { STAGE, type Plugin } from '@rejviz/core';
import { fastBootCommands } from './fast-boot.js';

const NAME = 'plugin-cloud-init';

/** The plugin that trims a template's cloud-init for lab machines (fast-boot.ts). */
export function cloudInitFastBootPlugin(): Plugin {
  return {
    name: NAME,
    apply(hooks) {
      hooks.planGuest.tap({ name: NAME, stage: STAGE.FIRSTBOOT }, (plan) => ({
        ...plan,
        ops: [...plan.ops, ...fastBootCommands().map((command) => ({ kind: 'run-command' as const, command, origin: NAME }))],
      }));
    },
  };
}
