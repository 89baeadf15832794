// Checkpoints between the phases of a run, and the fault injection the fault suite uses to reach
// each phase on purpose (docs/errors.md, "Faults"). A checkpoint throws InterruptedError once a
// stop signal has arrived, so a run stops between steps, not only while a tool runs.
// With REJVIZ_FAILPOINT=NAME[,NAME...] set, the run stops at the named points: it prints
// "rejviz-failpoint: NAME" on stderr and waits there for a stop signal, so a test can deliver one
// exactly in that phase (publishing an image takes microseconds: no timing could hit it). Users
// never set the variable; unset, a checkpoint costs one lookup.
import { assert } from './errors.js';
import { stopSignal, throwIfStopped, untilStopped } from './stop-signals.js';

/** The phases a run can be stopped in, in the order they come. */
export const FAILPOINTS = [
  /** Planning is done (read-only queries ran, private files may exist); nothing changed yet. */
  'planned',
  /** The seed volume exists in the pool; virt-install has not started. */
  'seed-written',
  /** The wrapped tool is about to start (beforeTool taps ran). */
  'tool-start',
  /** The tool succeeded; the image is complete under its temporary name, not yet published. */
  'publish',
  /** The manifest is written under its temporary name; neither it nor the image is published. */
  'manifest',
] as const;
export type Failpoint = (typeof FAILPOINTS)[number];

export const FAILPOINT_ENV = 'REJVIZ_FAILPOINT';
// A failpoint nobody signals within this time is a broken test, not a user's run.
const FAILPOINT_WAIT_MS = 300_000;

/** A checkpoint: throws if a stop signal arrived; under REJVIZ_FAILPOINT=NAME, waits for one here. */
export async function checkpoint(name: Failpoint, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  throwIfStopped(`the ${name} phase`);
  const wanted = env[FAILPOINT_ENV];
  if (wanted === undefined || !wanted.split(',').includes(name)) return;
  process.stderr.write(`rejviz-failpoint: ${name}\n`);
  let timer: NodeJS.Timeout | undefined;
  const never = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, FAILPOINT_WAIT_MS);
  });
  try {
    await untilStopped(never, `the ${name} phase`);
  } finally {
    clearTimeout(timer);
  }
  assert(stopSignal.aborted, `${FAILPOINT_ENV}=${name}: no signal arrived within ${FAILPOINT_WAIT_MS / 1000} s`);
}
