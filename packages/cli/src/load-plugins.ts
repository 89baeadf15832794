// Loads external plugins by module path (--plugin PATH, and the config file's "plugins") and
// checks their shape, so a broken plugin gets a clear one-line error instead of a stack trace.
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError, type Plugin, type PluginOption } from '@rejviz/core';

const OPTION_TYPES = new Set(['string', 'array', 'boolean']);

/** Checks that a module's export is a plugin; throws a UsageError naming what is wrong. */
export function checkPlugin(value: unknown, source: string): Plugin {
  const bad = (why: string): never => {
    throw new UsageError(`plugin ${source}: ${why}; a plugin exports { name, options?, apply(hooks) } (see docs/plugins.md)`);
  };
  if (typeof value !== 'object' || value === null) return bad('the module does not export a plugin object');
  const p = value as Record<string, unknown>;
  if (typeof p.name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(p.name)) return bad("'name' must be a lowercase name like 'plugin-foo'");
  if (typeof p.apply !== 'function') return bad("'apply' must be a function taking the hooks");
  if (p.options !== undefined) {
    if (!Array.isArray(p.options)) return bad("'options' must be an array");
    for (const o of p.options as Partial<PluginOption>[]) {
      if (typeof o?.name !== 'string' || !/^--[a-z0-9][a-z0-9-]*$/.test(o.name)) return bad(`option name '${String(o?.name)}' must look like --some-option`);
      if (!OPTION_TYPES.has(String(o.type))) return bad(`option ${o.name}: 'type' must be string, array or boolean`);
      if (typeof o.description !== 'string') return bad(`option ${o.name}: 'description' is required`);
      if (!Array.isArray(o.commands)) return bad(`option ${o.name}: 'commands' must list the commands it belongs to`);
    }
  }
  return value as Plugin;
}

/** Imports a plugin module (default export, or a `plugin` export; factories are called). */
export async function loadPlugin(path: string, base: string, label = '--plugin'): Promise<Plugin> {
  const full = isAbsolute(path) ? path : resolve(base, path);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(full).href)) as Record<string, unknown>;
  } catch (err) {
    throw new UsageError(`${label} ${path}: cannot load ${full}: ${(err as Error).message.split('\n')[0]}`);
  }
  let exported = mod.default ?? mod.plugin;
  if (typeof exported === 'function') exported = (exported as () => unknown)();
  return checkPlugin(exported, path);
}
