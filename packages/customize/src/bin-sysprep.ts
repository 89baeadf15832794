#!/usr/bin/env node
// The light entry: the cli index would also load clipanion, which --help does not need.
import { runMain } from '@rejviz/cli/run-main';
import { sysprepSpec } from './sysprep-command.js';

// Shell completion belongs to the bin (docs/completion.md); loaded only by --complete.
await runMain({ ...sysprepSpec, completion: async () => (await import('./completion.js')).guestToolCompletion });
