// The hidden `--complete` entry point that the shell functions in packages/cli/completion call
// (docs/completion.md):
//   NAME --complete bash WORD LINE   WORD: bash's current word ($2); LINE: COMP_LINE up to the cursor
//   NAME --complete zsh WORD...      the words from the command name to the cursor
// It prints the candidates (render-reply.ts) and runs nothing but read-only queries. A query that
// fails gives no candidates: a message would land in the middle of the user's command line.
import { createRunner, toolInfo, UsageError, type PluginOption } from '@rejviz/core';
import type { CommandSpec } from '../run-main.js';
import { completeLine } from './complete-line.js';
import { optionTable } from './option-table.js';
import { bashReply, zshReply } from './render-reply.js';
import { shellWords } from './shell-words.js';
import { COMPLETE_FLAG, type Completion } from './types.js';

export interface CompleteIo {
  stdout: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** rejviz's options with the plugins the config file and these words' --plugin options load. */
  optionsFor(words: readonly string[]): Promise<PluginOption[]>;
}

/** Answers one completion request; returns the exit code. */
export async function completeCommand(spec: Pick<CommandSpec, 'binaryName' | 'tool' | 'completion'>, args: readonly string[], io: CompleteIo): Promise<number> {
  const [shell, ...rest] = args;
  let words: string[];
  if (shell === 'bash' && rest.length === 2) words = shellWords(rest[1]!).slice(1);
  else if (shell === 'zsh' && rest.length >= 2) words = rest.slice(1);
  else throw new UsageError(`${COMPLETE_FLAG} is for the shell completion functions: ${COMPLETE_FLAG} bash WORD LINE, or ${COMPLETE_FLAG} zsh WORD...; see docs/completion.md`);
  const runner = createRunner();
  // A --plugin still being typed (the word at the cursor) is not loaded; one that fails to load
  // costs only its own options.
  const declared = await io.optionsFor(words.slice(0, -1)).catch(() => io.optionsFor([]));
  const info = spec.tool ? await toolInfo(runner, spec.tool, io.env).catch(() => null) : null;
  const command = (await spec.completion?.()) ?? {};
  const table = optionTable(declared, info, command);
  const none: Completion = { candidates: [] };
  const completion = await completeLine(words, table, command, { toolInfo: info, runner, env: io.env }).catch(() => none);
  io.stdout.write(shell === 'bash' ? bashReply(completion, words.at(-1)!, rest[0]!) : zshReply(completion));
  return 0;
}
