// What shell completion deals in (docs/completion.md): the candidates for the word at the cursor,
// and the completers a command gives for its options' values and its positional arguments.
import type { Runner, ToolInfo } from '@rejviz/core';

/** The hidden option the shell functions call a bin with (complete-command.ts). */
export const COMPLETE_FLAG = '--complete';

/** One candidate: the whole word it completes to, and what it is (zsh shows that beside it). */
export interface Candidate {
  value: string;
  description?: string;
}

/** The answer for the word at the cursor. */
export interface Completion {
  /** Candidates that start with the word; each is the whole word, `stem` included. */
  candidates: Candidate[];
  /** The shell completes file names itself (it knows quoting, directories and ~). */
  files?: boolean;
  /** A candidate is only a part of the word: no space after it (`name=` of --nic). */
  nospace?: boolean;
  /** The start of the word the candidates all share and do not vary in (`--nic-format=`, `name=eth0,`). */
  stem?: string;
}

/** What the line holds before the word being completed. */
export interface LineContext {
  /** Values given so far for any of these options (`--opt V`, `--opt=V`), in order. */
  valuesOf(names: readonly string[]): string[];
  /** The wrapped tool's arguments so far, in order (the part splitArgs would pass through). */
  toolArgs: readonly string[];
  toolInfo: ToolInfo | null;
  runner: Runner;
  env: NodeJS.ProcessEnv;
}

/** Completes a value typed so far (`word`); candidates are whole values. */
export type ValueCompleter = (word: string, line: LineContext) => Completion | Promise<Completion>;

/** Completes the `index`th positional argument (0-based). */
export type PositionalCompleter = (word: string, index: number, line: LineContext) => Completion | Promise<Completion>;

/**
 * A value described as data, for plugins (which depend on core only, not on this package): one of
 * some words, or a comma-separated KEY=VALUE list with the values some keys take.
 */
export type ValueSyntax =
  | { readonly oneOf: readonly string[] }
  | { readonly keys: readonly string[]; readonly keyValues?: Readonly<Record<string, readonly string[]>> };

/** An option a command parses itself, beyond the declared ones (rejviz-peek's -a, -c, --format). */
export interface ArgOption {
  name: string;
  takesValue: boolean;
  description?: string;
}

/** What one bin adds to the generic completion (its package's completion.ts). */
export interface CommandCompletion {
  /** Completers of option values by option name: rejviz's own, its plugins', or the wrapped tool's. */
  values?: Readonly<Record<string, ValueCompleter | ValueSyntax>>;
  positional?: PositionalCompleter;
  args?: readonly ArgOption[];
}
