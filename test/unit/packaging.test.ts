// What `npm pack` of each workspace would publish: no compiled tests (dist/test), every file its
// package.json points at ("main", "types", "exports", "bin", and the chunks of a linked bin), and
// no "files" entry that matches nothing. Helper scripts are not bins: core's host-facts and
// operations-doc are run by path (scripts/host-setup, fixtures/images/build, scripts/demo, the
// docs generator) and must not land on a user's PATH with npm install -g.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../support/env.js';
import { testNeeding } from '@rejviz/test-support';

const test = testNeeding([{ tool: 'npm' }, { tool: 'unshare' }]);

interface Pack {
  name: string;
  files: { path: string }[];
}

interface PackageJson {
  name: string;
  main?: string;
  types?: string;
  exports?: unknown;
  bin?: Record<string, string>;
  files?: string[];
}

// One npm process for all workspaces: about 2 s instead of 2 s each. Packing is local, but npm
// may look for its own updates: no network for it (unshare -n).
let packs: Pack[] = [];
test.before(() => {
  const out = execFileSync('unshare', ['-n', 'npm', 'pack', '--dry-run', '--json', '--workspaces', '--ignore-scripts', '--no-update-notifier'], { cwd: REPO_ROOT, encoding: 'utf8' });
  packs = JSON.parse(out) as Pack[];
});

const workspaces = ['packages', 'plugins'].flatMap((group) =>
  readdirSync(join(REPO_ROOT, group)).map((name) => join(group, name)).filter((dir) => existsSync(join(REPO_ROOT, dir, 'package.json'))));

/** Every path string in an "exports" value (strings, conditions, subpaths). */
function exportPaths(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportPaths);
  return [];
}

/** Every file below `dir`, relative to `base`. */
function walk(dir: string, base: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name), base) : [relative(base, join(dir, e.name))]));
}

test('npm pack covers every workspace', (t) => {
  const names = workspaces.map((dir) => (JSON.parse(readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8')) as PackageJson).name);
  t.deepEqual(packs.map((p) => p.name).sort(), names.sort());
});

for (const dir of workspaces) {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8')) as PackageJson;
  test(`${pkg.name}: the package holds what package.json points at, and no compiled tests`, (t) => {
    const pack = packs.find((p) => p.name === pkg.name);
    if (!pack) return t.fail(`npm pack did not list ${pkg.name}`);
    const packed = new Set(pack.files.map((f) => f.path));
    t.deepEqual(pack.files.filter((f) => /^(dist\/)?test\//.test(f.path)).map((f) => f.path), [], 'compiled or source tests in the package');
    t.true(Array.isArray(pkg.files) && pkg.files.length > 0, 'package.json has no "files" list');
    const wanted = [pkg.main, pkg.types, ...exportPaths(pkg.exports), ...Object.values(pkg.bin ?? {})].filter((p): p is string => p !== undefined);
    for (const path of wanted) t.true(packed.has(path.replace(/^\.\//, '')), `${path} is not in the package`);
    // A linked bin loads its chunks from dist/bin/chunks.
    if (pkg.bin && existsSync(join(REPO_ROOT, dir, 'dist/bin'))) {
      for (const file of walk(join(REPO_ROOT, dir, 'dist/bin'), join(REPO_ROOT, dir))) t.true(packed.has(file), `${file} is not in the package`);
    }
    for (const entry of pkg.files ?? []) t.true([...packed].some((p) => p === entry || p.startsWith(`${entry}/`)), `"files" entry ${entry} matches nothing`);
  });
}

test("core's helper scripts are not bins, and are where the project's scripts run them", (t) => {
  const core = JSON.parse(readFileSync(join(REPO_ROOT, 'packages/core/package.json'), 'utf8')) as PackageJson;
  t.is(core.bin, undefined);
  for (const script of ['host-facts', 'operations-doc']) t.true(existsSync(join(REPO_ROOT, `packages/core/dist/src/bin/${script}.js`)), script);
  for (const name of ['rejviz-host-facts', 'rejviz-operations-doc']) t.false(existsSync(join(REPO_ROOT, 'node_modules/.bin', name)), `${name} is on PATH`);
});
