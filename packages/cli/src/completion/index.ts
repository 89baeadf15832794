// What command packages and plugins use to describe their completion (docs/completion.md).
export type { ArgOption, Candidate, CommandCompletion, Completion, LineContext, PositionalCompleter, ValueCompleter, ValueSyntax } from './types.js';
export { fileNames, keyValueList, matching, nothing, oneOf } from './value-completers.js';
export { domainNames } from './domain-names.js';
