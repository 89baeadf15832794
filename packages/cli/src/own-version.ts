// The version a bin reports: the one place that decides it. It is the "version" of the
// package.json of the package that holds the running bin file (process.argv[1], through a
// node_modules/.bin link), the same for the linked dist/bin/NAME.js and the unlinked dist/src.
import { readFile, realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';

interface PackageJson {
  bin?: Record<string, string> | string;
  version?: string;
}

/** The version of the package whose bin `binaryName` is the file `entry` (by default, the running script). */
export async function binVersion(binaryName: string, entry: string | undefined = process.argv[1]): Promise<string> {
  if (entry === undefined) throw new Error(`Assertion failed: ${binaryName} runs without a script path (process.argv[1])`);
  // The nearest package.json above the file is its package (as for node's own package scope).
  for (let dir = dirname(await realpath(entry)); ; dir = dirname(dir)) {
    const text = await readFile(join(dir, 'package.json'), 'utf8').catch(() => null);
    if (text !== null) {
      const pkg = JSON.parse(text) as PackageJson;
      const declared = typeof pkg.bin === 'object' && binaryName in pkg.bin;
      if (!declared || typeof pkg.version !== 'string') throw new Error(`Assertion failed: ${join(dir, 'package.json')} does not declare the bin ${binaryName} and its version`);
      return pkg.version;
    }
    if (dirname(dir) === dir) throw new Error(`Assertion failed: no package.json above ${entry}`);
  }
}
