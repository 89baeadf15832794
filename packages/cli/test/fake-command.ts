// A fake command (no wrapped tool) run through runCommand with captured stdout and stderr, for the
// tests of argument handling, plugins and error reporting.
import type { Plugin } from '@rejviz/core';
import { runCommand, type CommandContext, type CommandSpec } from '../src/run-main.js';

export const BIN = 'rejviz-test';

/** Collects what is written to a stream. */
export function capture(): { stream: NodeJS.WritableStream; text: () => string } {
  let text = '';
  const stream = { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream;
  return { stream, text: () => text };
}

export type Execute = (ctx: CommandContext) => Promise<number>;

/** Runs the fake command; `calls` holds the context of each execute() call. */
export async function run(argv: string[], opts: { execute?: Execute; plugins?: Plugin[]; command?: CommandSpec['command'] } = {}) {
  const calls: CommandContext[] = [];
  const spec: CommandSpec = {
    command: opts.command ?? 'builder',
    binaryName: BIN,
    tool: null,
    builtinPlugins: opts.plugins ?? [],
    options: [{ name: '--name', type: 'string', arg: 'NAME', description: 'Name the thing', commands: ['builder'] }],
    help: { synopsis: `${BIN} [--name NAME] ARGS...`, description: 'a fake command for tests.', examples: [] },
    async execute(ctx) {
      calls.push(ctx);
      return opts.execute ? opts.execute(ctx) : 0;
    },
  };
  const out = capture();
  const err = capture();
  const code = await runCommand(spec, argv, { stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text(), calls };
}
