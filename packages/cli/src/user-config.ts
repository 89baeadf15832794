// The user's config file, $XDG_CONFIG_HOME/rejviz/config.json: validated with a schema, unknown
// keys are errors (a misspelled key must not be silently ignored).
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError, validatorFor } from '@rejviz/core';

export interface UserConfig {
  /** Plugin module paths loaded by every command (relative paths are relative to the file). */
  plugins?: string[];
}

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: { plugins: { type: 'array', items: { type: 'string', minLength: 1 } } },
};

/** Where the config file lives. */
export function userConfigPath(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'rejviz', 'config.json');
}

/** Reads the config file; a missing file is an empty config. */
export async function loadUserConfig(env: NodeJS.ProcessEnv): Promise<{ config: UserConfig; path: string }> {
  const path = userConfigPath(env);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { config: {}, path };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`config file ${path}: not valid JSON (${(err as Error).message}); fix or remove it`);
  }
  const problems = (await validatorFor(SCHEMA))(data);
  if (problems.length > 0) throw new UsageError(`config file ${path}: ${problems[0]}; the only key is "plugins": ["PATH", ...]`);
  return { config: data as UserConfig, path };
}
