// What rejviz-peek adds to shell completion (docs/completion.md): the arguments it reads itself
// (peek-args.ts), and a DOMAIN of the -c/--connect connection when no -a IMAGE is given.
import { domainNames, fileNames, nothing, type CommandCompletion } from '@rejviz/cli/completion';
import { PEEK_VALUE_OPTIONS } from './peek-args.js';

const IMAGE = ['-a', '--add'];

/** rejviz-peek's part of shell completion: -a, -c, --format and DOMAIN. */
export const peekCompletion: CommandCompletion = {
  args: PEEK_VALUE_OPTIONS.map((name) => ({ name, takesValue: true })),
  values: Object.fromEntries(PEEK_VALUE_OPTIONS.map((name) => [name, IMAGE.includes(name) ? fileNames : nothing])),
  positional: (word, index, line) => (index === 0 && line.valuesOf(IMAGE).length === 0 ? domainNames(word, line) : { candidates: [] }),
};
