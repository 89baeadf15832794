// What rejviz-customize and rejviz-sysprep share as commands: the same plugins, no options of
// their own, and one executor for either tool. Each command file adds only its help.
import type { CommandSpec } from '@rejviz/cli';
import { nicPlugin } from '@rejviz/plugin-nic/plugin';
import { rhsmPlugin } from '@rejviz/plugin-rhsm/plugin';

/** The plugins rejviz-customize and rejviz-sysprep have built in (--nic, --rhsm-*). */
export function guestToolPlugins() {
  return [nicPlugin(), rhsmPlugin()];
}

/** The command that proxies `tool` (virt-customize or virt-sysprep) as rejviz-`command`. */
export function guestToolSpec(command: 'customize' | 'sysprep', help: CommandSpec['help']): CommandSpec {
  const tool = command === 'customize' ? 'virt-customize' : 'virt-sysprep';
  return {
    command,
    binaryName: `rejviz-${command}`,
    tool,
    builtinPlugins: guestToolPlugins(),
    options: [],
    help,
    // The executor loads the planners; --help and --version never pay for them.
    execute: async (ctx) => (await import('./execute.js')).executeGuestTool(ctx, tool),
  };
}
