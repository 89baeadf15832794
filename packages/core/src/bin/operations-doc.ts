#!/usr/bin/env node
// Prints docs/operations.md from the operation table:
//   node packages/core/dist/src/bin/operations-doc.js > docs/operations.md
import { renderOperationsDoc } from '../operations-doc.js';

process.stdout.write(renderOperationsDoc());
