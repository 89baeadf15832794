// The plugin model (docs/architecture.md#plugins): a plugin is a plain object from a factory. Its `name`
// is its tap name and the `origin` of every operation it adds. It declares the options it takes,
// which commands they belong to, the JSON Schema of their values and how a given value becomes
// the typed value its taps work with. The command line (`--nic name=eth0`) and data (a request
// of the library API, a lab file's `plugins.<name>:` section) produce the same typed value
// (option-values.ts), which the taps read from PlanContext.options by the option's key.
import type { Hooks } from './hooks.js';

export type CommandName = 'builder' | 'customize' | 'sysprep' | 'install' | 'peek' | 'up';

/** Where a value came from, for messages: the option as typed, or a key path in data. */
export interface OptionSource {
  /** '--nic' on the command line; 'options.nics' (or a lab file's key path) in data. */
  label: string;
  from: 'cli' | 'data';
  /** A one-line warning about the value (shown with the run's other warnings). */
  warn(text: string): void;
}

export interface PluginOption<T = unknown> {
  /** Long option name, e.g. '--nic'. */
  name: string;
  /**
   * The value's key in PlanContext.options, requests and lab files, e.g. 'nics'. Default: the name
   * without its dashes, camelCased ('--nic-format' -> 'nicFormat').
   */
  key?: string;
  /** 'string' takes one value; 'array' is repeatable; 'boolean' takes none. */
  type: 'string' | 'array' | 'boolean';
  /** Placeholder for help, e.g. 'SPEC'. */
  arg?: string;
  description: string;
  commands: readonly CommandName[];
  /** The value is a secret: rejviz wipes its own command line (ps, /proc/PID/cmdline) when it is given. */
  secret?: boolean;
  /**
   * JSON Schema of the value in data (requests, lab files), checked before `parse`. Default: a
   * string, an array of strings or a boolean, after `type`.
   */
  schema?: object;
  /**
   * The typed value from the value given: on the command line a string, the strings of a
   * repeated option, or true; in data whatever `schema` admits. Throws UsageError naming
   * `source.label`, the value and the fix. Default: the value as given.
   */
  parse?(value: unknown, source: OptionSource): T | Promise<T>;
}

export interface Plugin {
  name: string;
  options?: readonly PluginOption[];
  apply(hooks: Hooks): void;
}

/** An option's key: its declared key, or its name camelCased ('--nic-format' -> 'nicFormat'). */
export function optionKey(option: Pick<PluginOption, 'name' | 'key'>): string {
  return option.key ?? option.name.replace(/^-+/, '').replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
