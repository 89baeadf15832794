import test from 'ava';
import { inParallel } from '../src/create/in-parallel.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('runs every item, never more than the limit at once, and uses the limit', async (t) => {
  let running = 0;
  let most = 0;
  const done: number[] = [];
  await inParallel([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
    running++;
    most = Math.max(most, running);
    await tick(10 + (n % 3) * 5);
    running--;
    done.push(n);
  });
  t.deepEqual([...done].sort(), [1, 2, 3, 4, 5, 6, 7]);
  t.is(most, 3);
});

test('after a failure no new item starts; the running ones finish; the first error is thrown', async (t) => {
  const started: number[] = [];
  const finished: number[] = [];
  const error = await t.throwsAsync(inParallel([1, 2, 3, 4, 5], 2, async (n) => {
    started.push(n);
    if (n === 1) throw new Error('one failed');
    await tick(30);
    finished.push(n);
  }));
  t.is(error?.message, 'one failed');
  // 1 fails at once while 2 runs; 2 finishes; nothing after it starts.
  t.deepEqual(started, [1, 2]);
  t.deepEqual(finished, [2]);
});

test('a limit of 1 is one at a time in order; an empty list does nothing', async (t) => {
  const order: number[] = [];
  await inParallel([3, 1, 2], 1, async (n) => void order.push(n));
  t.deepEqual(order, [3, 1, 2]);
  await inParallel([], 4, async () => t.fail());
});
