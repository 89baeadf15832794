// Builds the clipanion command of one bin from the option declarations (core's and plugins'):
// clipanion parses rejviz's own options (help-text.ts prints --help from the same declarations);
// the wrapped tool's arguments never reach it.
import { Command, Option } from 'clipanion';
// Re-exported for run-main, which loads this module lazily: clipanion is CommonJS, and a bundled
// bin keeps a CommonJS package's named exports only when it is imported statically.
export { Cli } from 'clipanion';
import type { PluginOption } from '@rejviz/core';

export type OptionValues = Record<string, string | string[] | boolean | undefined>;

/** Property key clipanion stores an option under. */
const keyOf = (name: string) => `opt_${name.replace(/^-+/, '').replace(/-/g, '_')}`;

/** A clipanion Command class with these options; `values()` reads them back by option name. */
export function commandClass(options: readonly PluginOption[]) {
  return class RejvizCommand extends Command {
    static override paths = [Command.Default];
    constructor() {
      super();
      const self = this as unknown as Record<string, unknown>;
      for (const o of options) {
        const description = o.description;
        const names = [o.name];
        if (o.type === 'boolean') self[keyOf(o.name)] = Option.Boolean(names.join(','), { description });
        else if (o.type === 'array') self[keyOf(o.name)] = Option.Array(names.join(','), { description, arity: 1 });
        else self[keyOf(o.name)] = Option.String(names.join(','), { description, arity: 1 });
      }
    }
    values(): OptionValues {
      const self = this as unknown as Record<string, unknown>;
      return Object.fromEntries(options.map((o) => [o.name, self[keyOf(o.name)] as string | string[] | boolean | undefined]));
    }
    async execute(): Promise<number> {
      return 0; // runMain drives the command; clipanion only parses
    }
  };
}
