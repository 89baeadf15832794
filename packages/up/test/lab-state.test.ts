// The lab's own files: the state (0600, atomic) and the lock (one run per lab, stale locks taken
// over, released by clean-up).

import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { UsageError, withCleanupScope } from '@rejviz/core';
import { labDir, lockLab, readLabState, removeLabState, writeLabState, type LabState } from '../src/index.js';

// Each test's XDG_STATE_HOME, removed after the file's tests.
const homes: string[] = [];
test.after.always(() => Promise.all(homes.map((dir) => rm(dir, { recursive: true, force: true }))));

async function stateEnv(): Promise<NodeJS.ProcessEnv> {
  const home = await mkdtemp(join(tmpdir(), 'rjv-up-state-'));
  homes.push(home);
  return { XDG_STATE_HOME: home };
}

/** A directory's entries; none when it is gone (a lock's last release removes its empty directory). */
const entries = (dir: string) => readdir(dir).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? [] : Promise.reject(e)));

const STATE: LabState = {
  version: 1, lab: 'web', file: '/srv/rejviz.yaml',
  machines: [{ name: 'db', nics: [{ network: 'lab', mac: '52:54:00:01:02:03', address: { address: '198.51.100.2', prefix: 24 }, gateway: null }] }],
};

test('the state is written 0600 under XDG_STATE_HOME, read back, and replaced without a temporary file left', async (t) => {
  const env = await stateEnv();
  t.is(await readLabState('web', env), null, 'no state yet');
  await writeLabState(STATE, env);
  await writeLabState({ ...STATE, file: '/srv/other.yaml' }, env);
  const dir = labDir('web', env);
  t.is(dir, join(env.XDG_STATE_HOME!, 'rejviz', 'labs', 'web'));
  t.deepEqual(await readdir(dir), ['state.json']);
  t.is((await stat(join(dir, 'state.json'))).mode & 0o777, 0o600);
  t.is((await stat(dir)).mode & 0o777, 0o700);
  t.deepEqual(await readLabState('web', env), { ...STATE, file: '/srv/other.yaml' });
  await removeLabState('web', env);
  t.is(await readLabState('web', env), null);
});

test("a damaged state is an input error naming the file and what to do; another lab's state is refused", async (t) => {
  const env = await stateEnv();
  await writeLabState(STATE, env);
  const path = join(labDir('web', env), 'state.json');
  await writeFile(path, '{"version": 1, "lab": "web", "machin');
  const bad = await t.throwsAsync(readLabState('web', env), { instanceOf: UsageError });
  t.is(bad?.message, `${path}: the lab's state is not JSON; move it away (rejviz-up then re-plans the lab from libvirt)`);
  await writeFile(path, JSON.stringify({ ...STATE, lab: 'other' }));
  const other = await t.throwsAsync(readLabState('web', env), { instanceOf: UsageError });
  t.is(other?.message, `${path}: not a version 1 state of lab 'web'; move it away (rejviz-up then re-plans the lab from libvirt)`);
});

test('a second run on a locked lab fails naming the holder; --wait gets the lock once it is released', async (t) => {
  const env = await stateEnv();
  const first = await lockLab('web', { env, command: 'rejviz-up destroy' });
  const err = await t.throwsAsync(lockLab('web', { env }), { instanceOf: UsageError });
  t.regex(err!.message, new RegExp(`^lab 'web' is locked by rejviz-up destroy \\(pid ${process.pid} on ${hostname()}, since \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\\); wait for it to finish, or run again with --wait$`));
  t.is((err as UsageError).code, 'RJV-CONFLICT');
  const notices: string[] = [];
  const waiting = lockLab('web', { env, wait: true, pollMs: 10, notice: (l) => notices.push(l) });
  await new Promise((resolve) => setTimeout(resolve, 100));
  t.is(notices.length, 1);
  t.regex(notices[0]!, /^waiting for lab 'web': locked by rejviz-up destroy/);
  await first.release();
  const second = await waiting;
  t.pass('the waiting run got the lock');
  await second.release();
  await second.release();
  t.deepEqual(await entries(labDir('web', env)), [], 'released: no lock file (and the empty directory gone)');
});

test("a lock left by a process that is gone is taken over; the clean-up releases the new holder's lock", async (t) => {
  const env = await stateEnv();
  const dead = spawnSync('true').pid!;
  await mkdir(labDir('web', env), { recursive: true });
  const path = join(labDir('web', env), 'lock');
  await writeFile(path, JSON.stringify({ pid: dead, host: hostname(), command: 'rejviz-up', since: '2026-01-01T00:00:00.000Z' }));
  // The scope's clean-up runs when the call ends, as a bin's does when the command ends.
  await withCleanupScope(async () => {
    await lockLab('web', { env, command: 'rejviz-up status' });
    t.like(JSON.parse(await readFile(path, 'utf8')), { pid: process.pid, command: 'rejviz-up status' });
  });
  t.deepEqual(await entries(labDir('web', env)), [], 'the clean-up released it, and nothing was left aside');
});

test('four processes taking one lab at once: each has it alone, in turn', async (t) => {
  const env = await stateEnv();
  const log = join(env.XDG_STATE_HOME!, 'log');
  const index = new URL('../src/index.js', import.meta.url).href;
  // Each child takes the lock (waiting), writes "PID in", holds it a moment, writes "PID out".
  const child = `
    import { appendFileSync } from 'node:fs';
    const { lockLab } = await import(${JSON.stringify(index)});
    const lock = await lockLab('web', { wait: true, pollMs: 5 });
    appendFileSync(${JSON.stringify(log)}, process.pid + ' in\\n');
    await new Promise((r) => setTimeout(r, 30));
    appendFileSync(${JSON.stringify(log)}, process.pid + ' out\\n');
    await lock.release();
  `;
  const runs = Array.from({ length: 4 }, () => new Promise<number | null>((resolve) => {
    spawn(process.execPath, ['--input-type=module', '-e', child], { env: { ...process.env, ...env }, stdio: 'inherit' }).on('exit', resolve);
  }));
  t.deepEqual(await Promise.all(runs), [0, 0, 0, 0]);
  const lines = (await readFile(log, 'utf8')).trim().split('\n');
  t.is(lines.length, 8);
  for (let i = 0; i < lines.length; i += 2) {
    const [pid, what] = lines[i]!.split(' ');
    t.deepEqual([what, lines[i + 1]], ['in', `${pid} out`], 'no other process came in between');
  }
  t.deepEqual(await entries(labDir('web', env)), []);
});

test('two runs in one process pin the same template image and cloud image: releasing one leaves the other\'s pins', async (t) => {
  const env = await stateEnv();
  const { pinTemplates, pinnedTemplates, withTemplatesLock } = await import('../src/index.js');
  const { pinImages, pinnedImages } = await import('../src/state/image-pins.js');
  const image = { source: 'debian-12', url: 'https://cloud.example.test/debian-12.qcow2' };
  const [a, b] = await withTemplatesLock(env, async () => [await pinTemplates(env, 'default', ['rejviz-template_x_0123456789ab.qcow2']), await pinTemplates(env, 'default', ['rejviz-template_x_0123456789ab.qcow2'])]);
  const [ia, ib] = await withTemplatesLock(env, async () => [await pinImages(env, [image]), await pinImages(env, [image])]);
  await a!.release();
  await ia!.release();
  t.true((await pinnedTemplates(env)).has('default/rejviz-template_x_0123456789ab.qcow2'), "the other run's template pin holds");
  t.true((await pinnedImages(env)).has(image.url), "the other run's image pin holds");
  await b!.release();
  await ib!.release();
  t.deepEqual([...(await pinnedTemplates(env))], []);
  t.deepEqual([...(await pinnedImages(env))], []);
});

test("destroy's removal of the state keeps its lock: a run waiting for the lab gets in only once destroy lets go, then the empty directory goes with the last release", async (t) => {
  const env = await stateEnv();
  await writeLabState(STATE, env);
  const destroy = await lockLab('web', { env });
  await removeLabState('web', env);
  t.deepEqual(await readdir(labDir('web', env)), ['lock'], 'everything but the lock is gone');
  let entered = false;
  const waiting = lockLab('web', { env, wait: true, pollMs: 20 }).then((lock) => ((entered = true), lock));
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.false(entered, 'the waiting run is still waiting while destroy holds the lock');
  await destroy.release();
  const next = await waiting;
  t.true(entered);
  t.deepEqual(await readdir(labDir('web', env)), ['lock'], "the next run's own lock, in the directory made again if need be");
  await next.release();
  await t.throwsAsync(readdir(labDir('web', env)), { code: 'ENOENT' }, 'the empty state directory is gone');
  // And the lab can be locked again from nothing.
  await (await lockLab('web', { env })).release();
});
