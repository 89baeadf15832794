// How the rejviz-up bin shows a run's progress events (create/progress.ts): with --json, one JSON
// object per line on stdout (NDJSON; the result is the last line); otherwise one line per ended
// phase on stderr, with its time ("lab web: db: disk in 0.4 s"), and on a terminal a bar under them
// that is redrawn in place (done phases of all planned ones, and what runs now).
import type { LabPlan } from './plan/plan-lab.js';
import type { UpEvent } from './create/progress.js';

interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOutput {
  /** The plan about to be carried out: sets the bar's total. */
  plan(plan: LabPlan): void;
  event(event: UpEvent): void;
  /** Clears the bar (before the result is printed). */
  finish(): void;
}

// Phases a created machine goes through after its template (create/progress.ts).
const MACHINE_PHASES = 5;

/** NDJSON events on `out`. */
export function jsonProgress(out: Stream): ProgressOutput {
  return {
    plan: () => undefined,
    event: (e) => void out.write(`${JSON.stringify({ event: 'progress', ...e })}\n`),
    finish: () => undefined,
  };
}

/** Lines on `err`, and a bar when it is a terminal. */
export function textProgress(err: Stream): ProgressOutput {
  const tty = err.isTTY === true;
  let total = 0;
  let done = 0;
  let barShown = false;
  // What runs now, per template or machine: a stack, since a template's provision phase runs inside its template phase.
  const running = new Map<string, string[]>();
  const who = (e: UpEvent) => (e.machine === null ? `template ${e.template ?? '?'}` : e.machine);
  const clear = () => {
    if (barShown) err.write('\r\x1b[2K');
    barShown = false;
  };
  const drawBar = () => {
    if (!tty || total === 0) return;
    const width = 24;
    const filled = Math.min(width, Math.round((done / total) * width));
    const now = [...running.entries()].map(([k, v]) => `${k}: ${v[v.length - 1]}`).join(', ');
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}${now ? `  ${now}` : ''}`;
    err.write(`\r\x1b[2K${line.slice(0, Math.max(20, (err.columns ?? 80) - 1))}`);
    barShown = true;
  };
  return {
    plan(plan) {
      const builds = plan.templates.filter((t) => t.action === 'build');
      // A build with playbooks has two phases: the template, and its provision inside it.
      total = builds.length + builds.filter((t) => t.playbooks).length + plan.machines.filter((m) => m.action === 'create' || m.action === 'replace').length * MACHINE_PHASES;
      drawBar();
    },
    event(e) {
      const key = who(e);
      const phases = running.get(key) ?? [];
      if (e.status === 'start') {
        running.set(key, [...phases, e.phase]);
        drawBar();
        return;
      }
      const left = phases.filter((p) => p !== e.phase);
      if (left.length > 0) running.set(key, left);
      else running.delete(key);
      if (e.status === 'done') done++;
      clear();
      const what = e.phase === 'template' ? 'built' : e.phase;
      err.write(`rejviz-up: lab ${e.lab}: ${key}: ${what} ${e.status === 'done' ? 'in' : 'FAILED after'} ${(e.seconds ?? 0).toFixed(1)} s\n`);
      drawBar();
    },
    finish: clear,
  };
}
