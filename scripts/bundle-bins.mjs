#!/usr/bin/env node
// Links each command's bin (tsc's output, dist/src) into dist/bin/NAME.js plus chunks that load
// only when a code path needs them (esbuild, code splitting). Why: a bin run from dist/src resolves
// and reads about 260 module files before it does anything (execa 9 alone is over 100 files and
// about 95 ms); rejviz-install reached its first virsh call at about 225 ms, bundled at about 130 ms.
// tsc stays the compiler and type checker; esbuild only links its output.
//
// A package lists its bins to link in package.json: "bundle": { "NAME": "./dist/src/ENTRY.js" },
// and its "bin" points NAME at ./dist/bin/NAME.js.
//
// It also links every workspace bin into node_modules/.bin: npm links a workspace's bins only if
// they existed when it installed (before the first build), so after `npm ci && npm run build`
// they would not be on PATH.
//
// Usage: node scripts/bundle-bins.mjs      (after tsc -b; run by npm run build and host-setup)
import { build } from 'esbuild';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fail = (message) => {
  process.stderr.write(`bundle-bins: ${message}\n`);
  process.exit(1);
};

// The CommonJS packages in a bundle (tapable, clipanion, ajv, cross-spawn ...) call require() for
// node's own modules; an ES module has no require, so each output file gets one.
const banner = "import { createRequire as __rejvizCreateRequire } from 'node:module';\nconst require = __rejvizCreateRequire(import.meta.url);";

const packages = ['packages', 'plugins'].flatMap((group) =>
  readdirSync(join(root, group)).map((name) => join(root, group, name)).filter((dir) => existsSync(join(dir, 'package.json'))));

let linked = 0;
for (const dir of packages) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (!pkg.bundle) continue;
  const entryPoints = {};
  for (const [name, entry] of Object.entries(pkg.bundle)) {
    if (pkg.bin?.[name] !== `./dist/bin/${name}.js`) fail(`${pkg.name}: "bin" must point ${name} at ./dist/bin/${name}.js (it is bundled from ${entry})`);
    if (!existsSync(join(dir, entry))) fail(`${pkg.name}: ${entry} does not exist; run tsc -b first`);
    entryPoints[name] = join(dir, entry);
  }
  const outdir = join(dir, 'dist/bin');
  // Chunk names carry content hashes: without this, chunks of earlier builds pile up.
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    // clipanion and others ship an ES module build under "module"; prefer it, like node's "import".
    mainFields: ['module', 'main'],
    chunkNames: 'chunks/[name]-[hash]',
    banner: { js: banner },
    legalComments: 'none',
    logLevel: 'warning',
    write: true,
    metafile: true,
  });
  for (const file of Object.keys(result.metafile.outputs)) {
    // esbuild turns a chunk reached only by import() of a CommonJS package into
    // `export default require_x()`: import('tapable') would then see no named exports at all.
    // Such packages must be imported statically from an ES module that is itself loaded lazily.
    const text = readFileSync(join(root, file), 'utf8');
    const lost = text.match(/^export default require_(\w+)\(\);$/m);
    if (lost) fail(`${relative(root, join(root, file))}: import() of the CommonJS module '${lost[1]}' loses its named exports when bundled; import it statically from a small ES module and import() that one instead`);
  }
  for (const name of Object.keys(entryPoints)) chmodSync(join(outdir, `${name}.js`), 0o755);
  linked += Object.keys(entryPoints).length;
}
// node_modules/.bin/NAME -> the package's bin, relative as npm makes it; wrong or missing links are (re)made.
const binDir = join(root, 'node_modules/.bin');
const real = (p) => { try { return realpathSync(p); } catch { return null; } };
let onPath = 0;
let dropped = 0;
if (existsSync(join(root, 'node_modules'))) {
  mkdirSync(binDir, { recursive: true });
  const declared = new Set();
  for (const dir of packages) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const [name, target] of Object.entries(pkg.bin ?? {})) {
      declared.add(name);
      const link = join(binDir, name);
      const want = relative(binDir, join(dir, target));
      const have = lstatSync(link, { throwIfNoEntry: false });
      // npm's own link (through node_modules/@rejviz/...) is as good as ours: kept.
      if (have?.isSymbolicLink() && real(link) === real(join(dir, target))) continue;
      if (have) rmSync(link, { force: true });
      symlinkSync(want, link);
      chmodSync(join(dir, target), 0o755);
      onPath++;
    }
  }
  // A link into a workspace that no longer declares that bin leaves PATH too (core's helper
  // scripts were bins once; npm removes such a link only when it reinstalls from scratch).
  const workspaces = packages.map((dir) => `${real(dir)}/`);
  for (const name of readdirSync(binDir)) {
    if (declared.has(name)) continue;
    const target = real(join(binDir, name));
    if (target !== null && workspaces.some((w) => target.startsWith(w))) {
      rmSync(join(binDir, name), { force: true });
      dropped++;
    }
  }
}
process.stdout.write(`bundle-bins: ${linked} bins linked into packages/*/dist/bin${onPath ? `, ${onPath} put on PATH (node_modules/.bin)` : ''}${dropped ? `, ${dropped} no longer declared taken off PATH` : ''}\n`);
