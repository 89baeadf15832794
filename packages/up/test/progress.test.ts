// Progress events and how the bin shows them: NDJSON with --json, lines with times otherwise, a bar
// redrawn in place on a terminal.
import test from 'ava';
import { phase, type UpEvent } from '../src/create/progress.js';
import { jsonProgress, textProgress } from '../src/progress-output.js';
import type { LabPlan } from '../src/plan/plan-lab.js';

const at = { lab: 'web', machine: 'db' };

test('a phase emits start and done with its time; a failed one emits failed and rethrows', async (t) => {
  const events: UpEvent[] = [];
  t.is(await phase((e) => events.push(e), at, 'disk', async () => 7), 7);
  await t.throwsAsync(phase((e) => events.push(e), at, 'define', async () => { throw new Error('virt-install failed'); }), { message: 'virt-install failed' });
  t.deepEqual(events.map((e) => [e.machine, e.phase, e.status, typeof e.seconds]), [
    ['db', 'disk', 'start', 'undefined'], ['db', 'disk', 'done', 'number'], ['db', 'define', 'start', 'undefined'], ['db', 'define', 'failed', 'number'],
  ]);
  t.true(events.every((e) => !Number.isNaN(Date.parse(e.at))));
});

test('a listener that throws does not fail the phase', async (t) => {
  t.is(await phase(() => { throw new Error('broken listener'); }, at, 'seed', async () => 'ok'), 'ok');
});

const event = (machine: string | null, p: UpEvent['phase'], status: UpEvent['status'], seconds?: number): UpEvent => ({ lab: 'web', machine, ...(machine === null && { template: 'debian' }), phase: p, status, ...(seconds !== undefined && { seconds }), at: '2026-12-03T12:00:00.000Z' });
const PLAN = { lab: 'web', templates: [{ name: 'debian', digest: 'd', action: 'build', reason: '' }], machines: [{ name: 'db', domain: 'web_db', action: 'create', reasons: [], config: null }], changes: 2 } as LabPlan;

test('--json: one JSON object per event and line', (t) => {
  let text = '';
  const out = jsonProgress({ write: (s: string) => (text += s) });
  out.plan(PLAN);
  out.event(event('db', 'disk', 'start'));
  out.event(event('db', 'disk', 'done', 0.4));
  out.finish();
  const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  t.deepEqual(lines.map((l) => [l.event, l.machine, l.phase, l.status, l.seconds]), [['progress', 'db', 'disk', 'start', undefined], ['progress', 'db', 'disk', 'done', 0.4]]);
});

test('not a terminal: one plain line per ended phase, with its time; nothing else', (t) => {
  let text = '';
  const out = textProgress({ write: (s: string) => (text += s), isTTY: false });
  out.plan(PLAN);
  out.event(event(null, 'template', 'start'));
  out.event(event(null, 'template', 'done', 52.14));
  out.event(event('db', 'define', 'start'));
  out.event(event('db', 'define', 'failed', 3));
  out.finish();
  t.is(text, 'rejviz-up: lab web: template debian: built in 52.1 s\nrejviz-up: lab web: db: define FAILED after 3.0 s\n');
});

test('a terminal: the bar shows done of planned phases and what runs, redrawn in place, cleared at the end', (t) => {
  let text = '';
  const out = textProgress({ write: (s: string) => (text += s), isTTY: true, columns: 100 });
  out.plan(PLAN); // 1 template + 1 machine x 5 phases
  out.event(event('db', 'disk', 'start'));
  t.true(text.endsWith('\r\x1b[2K[------------------------] 0/6  db: disk'));
  out.event(event('db', 'disk', 'done', 0.4));
  t.true(text.includes('\r\x1b[2Krejviz-up: lab web: db: disk in 0.4 s\n'));
  t.true(text.endsWith('\r\x1b[2K[####--------------------] 1/6'));
  out.finish();
  t.true(text.endsWith('\r\x1b[2K'));
});
