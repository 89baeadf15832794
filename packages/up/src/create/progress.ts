// What rejviz-up reports while it brings a lab up: one event when a phase of a template or machine
// starts and one when it ends (with its time), so that parallel creations can be told apart
// (their tools' output interleaves) and a slow phase can be found. The library only emits; the
// bin renders (progress-output.ts): plain lines, a bar on a TTY, NDJSON with --json.

/**
 * The phases, in the order a machine goes through them. A template build is `template`, with
 * `provision` inside it when the profile has playbooks (they run in a VM booted from the image).
 */
export const UP_PHASES = ['template', 'provision', 'disk', 'seed', 'define', 'boot', 'ready'] as const;
export type UpPhase = (typeof UP_PHASES)[number];

export interface UpEvent {
  lab: string;
  /** The machine, or null for a template build. */
  machine: string | null;
  /** The template profile, for a template build. */
  template?: string;
  phase: UpPhase;
  status: 'start' | 'done' | 'failed';
  /** How long the phase took (done and failed). */
  seconds?: number;
  /** When the event happened (ISO 8601). */
  at: string;
}

export type ProgressListener = (event: UpEvent) => void;

/** A phase that starts now and ends when its `end` is called (for phases bounded by hooks). */
export function openPhase(listener: ProgressListener | undefined, at: Pick<UpEvent, 'lab' | 'machine' | 'template'>, name: UpPhase): { end(status?: 'done' | 'failed'): void } {
  if (!listener) return { end: () => undefined };
  const t0 = performance.now();
  const emit = (status: UpEvent['status']) => {
    const seconds = status === 'start' ? undefined : Math.round((performance.now() - t0) / 100) / 10;
    // A listener that throws must not turn a good run into a failed one.
    try {
      listener({ ...at, phase: name, status, ...(seconds !== undefined && { seconds }), at: new Date().toISOString() });
    } catch {
      /* ignored */
    }
  };
  emit('start');
  let ended = false;
  return {
    end(status = 'done') {
      if (ended) return;
      ended = true;
      emit(status);
    },
  };
}

/** Emits a phase's start and end around `fn`; a failed phase is reported and its error rethrown. */
export async function phase<T>(listener: ProgressListener | undefined, at: Pick<UpEvent, 'lab' | 'machine' | 'template'>, name: UpPhase, fn: () => Promise<T>): Promise<T> {
  const open = openPhase(listener, at, name);
  try {
    const result = await fn();
    open.end('done');
    return result;
  } catch (error) {
    open.end('failed');
    throw error;
  }
}
