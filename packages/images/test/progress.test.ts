// The two progress renderers: a bar redrawn in place on a terminal, plain lines elsewhere.
import test from 'ava';
import { progressBar, progressLines, type ProgressEvent } from '../src/index.js';

const MiB = 1024 * 1024;
const dl = (received: number, total: number | null): ProgressEvent => ({ label: 'debian-12', phase: 'download', received, total });

test('plain lines: one per tenth of the file, one per phase', (t) => {
  const out: string[] = [];
  const r = progressLines({ write: (s) => void out.push(s) });
  for (let i = 0; i <= 40; i++) r.update(dl(i * MiB, 40 * MiB));
  r.update({ label: 'debian-12', phase: 'convert', received: 0, total: null });
  r.end();
  t.is(out.length, 12);
  t.is(out[0], 'debian-12: 0% (0 B of 40.0 MiB)\n');
  t.is(out[3], 'debian-12: 30% (12.0 MiB of 40.0 MiB)\n');
  t.is(out[10], 'debian-12: 100% (40.0 MiB of 40.0 MiB)\n');
  t.is(out[11], 'debian-12: converting to qcow2\n');
});

test('plain lines without a size: one every interval', (t) => {
  let now = 0;
  const out: string[] = [];
  const r = progressLines({ write: (s) => void out.push(s), intervalMs: 1000, now: () => now });
  for (let i = 1; i <= 30; i++) {
    now = i * 100;
    r.update(dl(i * MiB, null));
  }
  t.deepEqual(out, ['debian-12: 1.0 MiB\n', 'debian-12: 11.0 MiB\n', 'debian-12: 21.0 MiB\n']);
});

test('the bar redraws one line at most every 100 ms, always at 100%, and ends it', (t) => {
  let now = 0;
  const out: string[] = [];
  const r = progressBar({ write: (s) => void out.push(s), columns: 72, now: () => now });
  for (let i = 0; i <= 100; i++) {
    now = i * 10;
    r.update(dl(i * MiB, 100 * MiB));
  }
  r.end();
  t.is(out.length, 12, 'every 100 ms over 1 s, plus the final 100% and the newline');
  t.true(out.slice(0, -1).every((s) => s.startsWith('\r\x1b[K') && !s.includes('\n')));
  const last = out.at(-2)!;
  t.regex(last, /^\r\x1b\[Kdebian-12 \[#+\] 100%  100\.0 MiB \/ 100\.0 MiB 100\.0 MiB\/s$/);
  t.true(last.length - 4 < 72, 'fits the terminal');
  const narrow: string[] = [];
  const small = progressBar({ write: (s) => void narrow.push(s), columns: 40, now: () => 0 });
  small.update(dl(MiB, 2 * MiB));
  t.is(narrow[0], '\r\x1b[Kdebian-12  50%  1.0 MiB / 2.0 MiB', 'no room for a bar: the numbers alone');
  t.is(out.at(-1), '\n');
});
