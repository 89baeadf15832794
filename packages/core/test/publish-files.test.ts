// publishFiles: all or none, never replacing a file that appeared meanwhile unless asked to.
import test from 'ava';
import { existsSync, linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublishConflictError, publishFiles } from '../src/publish-files.js';

function setUp(t: { teardown(fn: () => void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'rejviz-publish-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, '.img.tmp'), 'image');
  writeFileSync(join(dir, '.json.tmp'), 'manifest');
  const files = (replace: boolean) => [
    { temp: join(dir, '.img.tmp'), path: join(dir, 'vm.img'), replace, option: '-o' },
    { temp: join(dir, '.json.tmp'), path: join(dir, 'vm.json'), replace, option: '--manifest' },
  ];
  return { dir, files };
}

test('both files are published and no temporary name is left', (t) => {
  const { dir, files } = setUp(t);
  publishFiles(files(false));
  t.deepEqual(readdirSync(dir).sort(), ['vm.img', 'vm.json']);
  t.is(readFileSync(join(dir, 'vm.img'), 'utf8'), 'image');
});

test('a file that appeared at the second path: nothing is published, the first is taken back, the other file kept', (t) => {
  const { dir, files } = setUp(t);
  writeFileSync(join(dir, 'vm.json'), 'theirs');
  const err = t.throws(() => publishFiles(files(false)), { instanceOf: PublishConflictError });
  t.regex(err?.message ?? '', /^--manifest \S+vm\.json: a file appeared there while this run was working/);
  t.is(readFileSync(join(dir, 'vm.json'), 'utf8'), 'theirs');
  t.false(existsSync(join(dir, 'vm.img')));
  // The temporary files are still there for the run's clean-up to remove.
  t.deepEqual(readdirSync(dir).sort(), ['.img.tmp', '.json.tmp', 'vm.json']);
});

test('a file that appeared at the first path is left as it is', (t) => {
  const { dir, files } = setUp(t);
  writeFileSync(join(dir, 'vm.img'), 'theirs');
  t.throws(() => publishFiles(files(false)), { instanceOf: PublishConflictError });
  t.is(readFileSync(join(dir, 'vm.img'), 'utf8'), 'theirs');
  t.false(existsSync(join(dir, 'vm.json')));
});

test('replace: existing files are replaced', (t) => {
  const { dir, files } = setUp(t);
  writeFileSync(join(dir, 'vm.img'), 'old');
  linkSync(join(dir, 'vm.img'), join(dir, 'hardlink-to-old'));
  publishFiles(files(true));
  t.is(readFileSync(join(dir, 'vm.img'), 'utf8'), 'image');
  t.is(readFileSync(join(dir, 'hardlink-to-old'), 'utf8'), 'old', 'the old file was replaced, not written into');
  t.deepEqual(readdirSync(dir).sort(), ['hardlink-to-old', 'vm.img', 'vm.json']);
});
