// Every option one bin's line may hold, and what completes its value: rejviz's declared options
// (core's, the command's and its plugins'), the options a command reads itself, and the wrapped
// tool's own, from its --help. A rejviz option shadows the tool's of the same name, as in splitArgs.
import type { PluginOption, ToolInfo } from '@rejviz/core';
import { toolValueCompleter } from './tool-values.js';
import { fileNames, keyValueList, oneOf } from './value-completers.js';
import type { CommandCompletion, ValueCompleter, ValueSyntax } from './types.js';

export interface OptionEntry {
  name: string;
  takesValue: boolean;
  /** Given at most once (rejviz's flags and single-valued options): not offered again. */
  once: boolean;
  /** The wrapped tool's option: it and its value are the tool's arguments. */
  tool: boolean;
  description?: string;
  value: ValueCompleter;
}

// runMain answers these before any parsing (help-text.ts, version-request.ts).
const ANSWERED: readonly PluginOption[] = [
  { name: '--help', type: 'boolean', description: 'Show this command\'s help', commands: [] },
  { name: '--version', type: 'boolean', description: "Show rejviz's version (and the wrapped tool's)", commands: [] },
];

function completerOf(given: ValueCompleter | ValueSyntax): ValueCompleter {
  if (typeof given === 'function') return given;
  return 'oneOf' in given ? oneOf(given.oneOf) : keyValueList(given.keys, given.keyValues);
}

/** The option table of a bin with these declarations, tool and command completion. */
export function optionTable(declared: readonly PluginOption[], info: ToolInfo | null, command: CommandCompletion): Map<string, OptionEntry> {
  const table = new Map<string, OptionEntry>();
  const valueOf = (name: string, fallback: ValueCompleter) => {
    const given = command.values?.[name];
    return given === undefined ? fallback : completerOf(given);
  };
  for (const o of [...declared, ...ANSWERED]) {
    if (table.has(o.name)) continue;
    const takesValue = o.type !== 'boolean';
    table.set(o.name, { name: o.name, takesValue, once: o.type !== 'array', tool: false, description: o.description, value: valueOf(o.name, fileNames) });
  }
  for (const a of command.args ?? []) {
    if (!table.has(a.name)) table.set(a.name, { name: a.name, takesValue: a.takesValue, once: false, tool: false, description: a.description, value: valueOf(a.name, fileNames) });
  }
  const withValue = new Set(info?.optionsWithValue);
  for (const name of info?.options ?? []) {
    if (table.has(name)) continue;
    table.set(name, { name, takesValue: withValue.has(name), once: false, tool: true, value: valueOf(name, toolValueCompleter(info?.valueNames?.[name])) });
  }
  return table;
}
