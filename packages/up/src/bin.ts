#!/usr/bin/env node
// The light entry: the cli index would also load clipanion, which --help does not need.
import { runMain } from '@rejviz/cli/run-main';
import { upSpec } from './up-command.js';

await runMain(upSpec);
