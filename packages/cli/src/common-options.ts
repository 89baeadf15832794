// Options every rejviz command has, declared like plugin options so one splitter handles both.
import type { PluginOption } from '@rejviz/core';

const ALL = ['builder', 'customize', 'sysprep', 'install', 'peek', 'up'] as const;

export const COMMON_OPTIONS: readonly PluginOption[] = [
  { name: '--json', type: 'boolean', description: 'Print machine-readable JSON on stdout (messages go to stderr)', commands: ALL },
  { name: '--dry-run', type: 'boolean', description: 'Run nothing; print the exact command and what it would write', commands: ALL },
  { name: '--verbose', type: 'boolean', description: 'Print each command rejviz runs', commands: ALL },
  { name: '--plugin', type: 'array', arg: 'PATH', description: 'Load a plugin module', commands: ALL },
];
