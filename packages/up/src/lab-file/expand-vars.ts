// ${NAME} in the lab file's string values (docs/up.md#variables). A value comes from --var
// NAME=VALUE, else the environment, else the file's own vars: (whose values may use other vars;
// a cycle is an error). Only ${NAME} with NAME a plain identifier is a reference, so the braces
// of cloud-init text (jinja's {{ }}, shell's ${X:-y}) pass untouched; $${ is a literal ${.
// Keys are never expanded.
import { parse as parseYamlScalar } from 'yaml';
import { shown } from '@rejviz/core';
import { labError } from './lab-error.js';
import type { LabPath, LabSource } from './lab-source.js';

/** Where the values come from, strongest first: --var, then the environment. */
export interface VarSources {
  vars: Readonly<Record<string, string>>;
  env: Readonly<Record<string, string | undefined>>;
}

const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const WHOLE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** The data with every ${NAME} in its string values replaced. */
export function expandVars(source: LabSource, data: unknown, sources: VarSources): unknown {
  if (!isRecord(data)) return data;
  const fileVars = isRecord(data.vars) ? data.vars : {};
  const resolved = new Map<string, string>();

  const valueOf = (name: string, path: LabPath, chain: string[]): string => {
    const given = sources.vars[name] ?? sources.env[name];
    if (given !== undefined) return given;
    const cached = resolved.get(name);
    if (cached !== undefined) return cached;
    if (!(name in fileVars)) {
      throw labError(source, path, `\${${name}} is not defined`, `give --var ${name}=VALUE, set it in the environment or under vars:, or write $\${${name}} for a literal \${${name}}`);
    }
    if (chain.includes(name)) {
      const cycle = [...chain.slice(chain.indexOf(name)), name].join(' -> ');
      throw labError(source, ['vars', name], `the variables refer to each other in a cycle (${cycle})`, 'give one of them a value that uses no other');
    }
    const raw = fileVars[name];
    const text = typeof raw === 'string' ? expandText(raw, ['vars', name], [...chain, name]) : String(raw);
    resolved.set(name, text);
    return text;
  };

  const expandText = (text: string, path: LabPath, chain: string[]): string =>
    text.replace(REFERENCE, (match, name: string | undefined) => (name === undefined ? '${' : valueOf(name, path, chain)));

  const walk = (value: unknown, path: LabPath): unknown => {
    if (typeof value === 'string') {
      const whole = WHOLE.exec(value);
      if (whole) return typed(valueOf(whole[1]!, path, []));
      return expandText(value, path, []);
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i]));
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, [...path, k])]));
    return value;
  };

  // Every file var is checked (an undefined reference or a cycle), even one nothing uses.
  for (const name of Object.keys(fileVars)) valueOf(name, ['vars', name], []);
  return walk(data, []);
}

// A value that is one whole reference takes the type its text has in YAML (count: ${N} is a
// number), but only numbers and booleans: anything else stays the text it was.
function typed(text: string): unknown {
  try {
    const value: unknown = parseYamlScalar(text);
    return typeof value === 'number' || typeof value === 'boolean' ? value : text;
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one --var NAME=VALUE. */
export function parseVarOption(value: string): [string, string] | { error: string } {
  const eq = value.indexOf('=');
  const name = eq < 0 ? value : value.slice(0, eq);
  if (eq < 0) return { error: `--var ${shown(value)}: not NAME=VALUE; write e.g. --var MEMORY=2048` };
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return { error: `--var ${shown(value)}: ${shown(name)} is not a variable name; use letters, digits and '_', not starting with a digit` };
  return [name, value.slice(eq + 1)];
}
