// Turns the values given for plugin options into the typed values the taps read from
// PlanContext.options, by key: from the command line (clipanion's strings and booleans, by option
// name) or from data (a library request, a lab file), which is first checked against each
// option's JSON Schema. Both go through the option's own `parse`, so a `--nic name=eth0` and a
// lab file's `nics: [{name: eth0}]` arrive as the same NicSpec[]. Every problem is a one-line
// UsageError naming the option or key path, the value and the fix.
import { ERROR_CODES, UsageError } from './errors.js';
import { optionKey, type CommandName, type Plugin, type PluginOption } from './plugin.js';

export type OptionValues = Readonly<Record<string, unknown>>;

/** The typed values with the warnings their parsing gave (shown with the plan's warnings). */
export interface ParsedOptions {
  values: OptionValues;
  warnings: string[];
}

// "/0/name: must be string" (schema.ts's form) -> "[0].name: must be string".
function keyPath(problem: string): string {
  const [pointer = '', ...rest] = problem.split(': ');
  const path = pointer === '(top level)' ? '' : pointer.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('');
  return `${path}: ${rest.join(': ')}`;
}

function defaultSchema(option: PluginOption): object {
  if (option.type === 'boolean') return { type: 'boolean' };
  if (option.type === 'array') return { type: 'array', items: { type: 'string' } };
  return { type: 'string' };
}

/** The options' values from the command line (`given` by option name, as clipanion parsed them). */
export async function optionValuesFromCli(options: readonly PluginOption[], given: Readonly<Record<string, unknown>>): Promise<ParsedOptions> {
  const values: Record<string, unknown> = {};
  const warnings: string[] = [];
  for (const option of options) {
    const raw = given[option.name];
    if (raw === undefined || raw === false || (Array.isArray(raw) && raw.length === 0)) continue;
    const source = { label: option.name, from: 'cli' as const, warn: (text: string) => void warnings.push(text) };
    values[optionKey(option)] = option.parse ? await option.parse(raw, source) : raw;
  }
  return { values, warnings };
}

/**
 * The options' values from data: `data` maps option keys to values; `label` names the whole in
 * messages (e.g. 'options', or a lab file's 'plugins.nic'). A key no option has is an error.
 */
export async function optionValuesFromData(options: readonly PluginOption[], data: Readonly<Record<string, unknown>>, label = 'options'): Promise<ParsedOptions> {
  const byKey = new Map(options.map((o) => [optionKey(o), o]));
  const values: Record<string, unknown> = {};
  const warnings: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    const option = byKey.get(key);
    if (option === undefined) {
      throw new UsageError(`${label}.${key}: no such option (known: ${[...byKey.keys()].join(', ') || 'none'})`, ERROR_CODES.INPUT);
    }
    if (value === undefined) continue;
    // ajv is loaded only when data is checked: a command line never needs it.
    const { validatorFor } = await import('./schema.js');
    const problems = (await validatorFor(option.schema ?? defaultSchema(option)))(value);
    if (problems.length > 0) {
      // A value that fits none of a union's forms: ajv lists each form's complaint, then the
      // union's own, which is the one that says what is wrong.
      const union = problems.find((p) => /: must match (a schema in anyOf|exactly one schema in oneOf)$/.test(p));
      const problem = union === undefined ? keyPath(problems[0]!) : keyPath(union).replace(/: .*$/, ': is none of the forms the option takes');
      throw new UsageError(`${label}.${key}${problem}; see ${option.name} in the command's --help`, ERROR_CODES.INPUT);
    }
    const source = { label: `${label}.${key}`, from: 'data' as const, warn: (text: string) => void warnings.push(text) };
    values[key] = option.parse ? await option.parse(value, source) : value;
  }
  return { values, warnings };
}

/**
 * A library request's option data for `command`, typed by the options its plugins declare (the
 * library functions build(), customize() ... call this; the bins type argv with optionValuesFromCli).
 * Warnings go to `notice`.
 */
export async function requestOptionValues(plugins: readonly Plugin[], command: CommandName, data: Readonly<Record<string, unknown>> | undefined, notice: (text: string) => void): Promise<OptionValues> {
  if (data === undefined) return {};
  const options = plugins.flatMap((p) => (p.options ?? []).filter((o) => o.commands.includes(command)));
  const { values, warnings } = await optionValuesFromData(options, data);
  for (const w of warnings) notice(`warning: ${w}`);
  return values;
}
