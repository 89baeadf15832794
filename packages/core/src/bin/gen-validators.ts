#!/usr/bin/env node
// Regenerates src/generated/image-manifest-validate.ts from the manifest's JSON Schema (a unit
// test fails when the committed file is stale). Run: node dist/src/bin/gen-validators.js
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { imageManifestSchema } from '../manifest.js';
import { standaloneValidatorSource } from '../standalone-validator.js';

const target = fileURLToPath(new URL('../../../src/generated/image-manifest-validate.ts', import.meta.url));
await writeFile(target, standaloneValidatorSource(imageManifestSchema()));
console.log(`wrote ${target}`);
