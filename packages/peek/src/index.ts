// Public surface of @rejviz/peek (rejviz-up uses it as a library).
export { peekSpec } from './peek-command.js';
export type { PeekReport } from './report.js';
export { peek, peekCommands, peekPlugins } from './peek.js';
export type { PeekRequest } from './request.js';
