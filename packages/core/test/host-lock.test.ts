// The host lock that orders volume operations on a pool between processes (withPool).
import test from 'ava';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { hostLock, hostLockDir } from '../src/host-lock.js';
import { scratchDir } from '@rejviz/test-support';

const run = promisify(execFile);
const POOL_QUEUE = fileURLToPath(new URL('../src/pool-queue.js', import.meta.url));

test('two processes on one pool take turns: their withPool sections never overlap', async (t) => {
  const dir = await scratchDir(t, 'rjv-hostlock-');
  const log = join(dir, 'log');
  await writeFile(log, '');
  const pool = `test-${process.pid}-${Date.now()}`;
  // Each child enters the pool's section 5 times, holding it 40 ms, and logs enter/leave.
  const child = (id: string) => run(process.execPath, ['--input-type=module', '-e', `
    import { appendFileSync } from 'node:fs';
    const { withPool } = await import(${JSON.stringify(POOL_QUEUE)});
    for (let i = 0; i < 5; i++) await withPool(${JSON.stringify(pool)}, async () => {
      appendFileSync(${JSON.stringify(log)}, '+${id}\\n');
      await new Promise((r) => setTimeout(r, 40));
      appendFileSync(${JSON.stringify(log)}, '-${id}\\n');
    });`]);
  await Promise.all([child('a'), child('b')]);
  const lines = (await readFile(log, 'utf8')).trim().split('\n');
  t.is(lines.length, 20);
  for (let i = 0; i < lines.length; i += 2) t.is(lines[i + 1], `-${lines[i]!.slice(1)}`, `section ${i / 2} is not interleaved: ${lines.join(' ')}`);
});

test("a dead holder's lock is stale and taken over; release removes only our own lock", async (t) => {
  const name = `stale-${process.pid}-${Date.now()}.lock`;
  const dead = await run('sh', ['-c', 'echo $$']);
  const { mkdir } = await import('node:fs/promises');
  await mkdir(hostLockDir(), { recursive: true, mode: 0o700 });
  await writeFile(join(hostLockDir(), name), JSON.stringify({ pid: Number(dead.stdout.trim()), since: 'then' }));
  const release = await hostLock(name);
  t.like(JSON.parse(await readFile(join(hostLockDir(), name), 'utf8')), { pid: process.pid });
  await release();
  await t.throwsAsync(readFile(join(hostLockDir(), name), 'utf8'), { code: 'ENOENT' });
});
