#!/usr/bin/env node
// The light entry: the cli index would also load clipanion, which --help does not need.
import { runMain } from '@rejviz/cli/run-main';
import { upSpec } from './up-command.js';

// Shell completion belongs to the bin (docs/completion.md); loaded only by --complete.
await runMain({ ...upSpec, completion: async () => (await import('./completion.js')).upCompletion });
