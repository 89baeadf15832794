// checkOutput / checkManifestPath: what a build may write, decided before anything runs (issue 11,
// defects 5, 6 and 7).
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkManifestPath, checkOutput } from '../src/output-target.js';

const dir = mkdtempSync(join(tmpdir(), 'rejviz-output-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));
const p = (name: string) => join(dir, name);

test('a new output is written under a hidden temporary name beside it', (t) => {
  const out = checkOutput(p('new.img'), false);
  t.is(out.kind, 'file');
  t.regex(out.temp, new RegExp(`^${dir}/\\.new\\.img\\.rejviz-[0-9a-f]{8}\\.tmp$`));
});

test('an existing file, a directory, a missing directory', (t) => {
  writeFileSync(p('old.img'), 'x');
  t.throws(() => checkOutput(p('old.img'), false), { message: `-o ${p('old.img')}: file exists; pass --force to replace it` });
  t.is(checkOutput(p('old.img'), true).kind, 'file');
  mkdirSync(p('adir'));
  t.throws(() => checkOutput(p('adir'), true), { message: /is a directory/ });
  t.throws(() => checkOutput(p('nodir/x.img'), true), { message: /directory \S+nodir does not exist; create it first/ });
  symlinkSync(p('gone'), p('dangling'));
  t.throws(() => checkOutput(p('dangling'), false), { message: /file exists/ }, 'a dangling symlink is something to replace');
});

test('a block device needs --force and is then written in place', (t) => {
  const dev = p('blk');
  // A device node with no device behind it: nothing here ever opens it.
  execFileSync('mknod', [dev, 'b', '7', '250']);
  t.throws(() => checkOutput(dev, false), { message: `-o ${dev}: is a block device; pass --force to overwrite the device with the image` });
  t.deepEqual(checkOutput(dev, true), { path: dev, kind: 'device', temp: dev });
  execFileSync('mknod', [p('chr'), 'c', '1', '3']);
  t.throws(() => checkOutput(p('chr'), true), { message: /not a regular file or block device/ });
});

test('the manifest can never be the image: same path, a symlink or a hard link to it', (t) => {
  const img = p('m.img');
  writeFileSync(img, 'x');
  t.throws(() => checkManifestPath(img, dir, img, true), { message: /is the output image/ });
  t.throws(() => checkManifestPath('m.img', dir, img, true), { message: /is the output image/ });
  symlinkSync(img, p('m-link.json'));
  t.throws(() => checkManifestPath(p('m-link.json'), dir, img, true), { message: /is the output image/ });
  linkSync(img, p('m-hard.json'));
  t.throws(() => checkManifestPath(p('m-hard.json'), dir, img, true), { message: /is the output image/ });
  mkdirSync(p('sub'));
  symlinkSync(dir, p('sub/up'));
  t.throws(() => checkManifestPath(p('sub/up/m.img'), dir, img, true), { message: /is the output image/ }, 'through a symlinked directory');
  // Not yet existing output, manifest through a symlinked directory to the same name.
  t.throws(() => checkManifestPath(p('sub/up/later.img'), dir, p('later.img'), true), { message: /is the output image/ });
});

test('an existing manifest needs --force; its directory must exist; - is refused', (t) => {
  writeFileSync(p('old.json'), '{}');
  t.throws(() => checkManifestPath('old.json', dir, p('x.img'), false), { message: '--manifest old.json: file exists; pass --force to replace it' });
  t.is(checkManifestPath('old.json', dir, p('x.img'), true), p('old.json'));
  t.throws(() => checkManifestPath('/nonexistent/dir/m.json', dir, p('x.img'), false), { message: '--manifest /nonexistent/dir/m.json: directory /nonexistent/dir does not exist; create it first' });
  t.throws(() => checkManifestPath('-', dir, p('x.img'), false), { message: /use --json to print it/ });
  mkdirSync(p('mdir'));
  t.throws(() => checkManifestPath('mdir', dir, p('x.img'), true), { message: /is a directory/ });
});
