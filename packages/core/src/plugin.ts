// The plugin model (docs/architecture.md#plugins): a plugin is a plain object from a factory. Its `name`
// is its tap name and the `origin` of every operation it adds. It declares the command-line
// options it adds, and which commands they belong to; core parses them and hands the values to
// its taps through PlanContext.options.
import type { Hooks } from './hooks.js';

export type CommandName = 'builder' | 'customize' | 'sysprep' | 'install' | 'peek' | 'up';

export interface PluginOption {
  /** Long option name, e.g. '--nic'. */
  name: string;
  /** 'string' takes one value; 'array' is repeatable; 'boolean' takes none. */
  type: 'string' | 'array' | 'boolean';
  /** Placeholder for help, e.g. 'SPEC'. */
  arg?: string;
  description: string;
  commands: readonly CommandName[];
  /** The value is a secret: rejviz wipes its own command line (ps, /proc/PID/cmdline) when it is given. */
  secret?: boolean;
}

export interface Plugin {
  name: string;
  options?: readonly PluginOption[];
  apply(hooks: Hooks): void;
}
