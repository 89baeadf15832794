#!/usr/bin/env node
import { runMain } from '@rejviz/cli';
import { builderSpec } from './command.js';

await runMain(builderSpec);
