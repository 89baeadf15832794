// rejviz-up's text output: the plan (what changes and why) and the status table.
import type { MachineStatus } from './lifecycle/lab-status.js';
import type { LabPlan } from './plan/plan-lab.js';

/** The plan, one line per template and machine; `done`: said in the past tense. */
export function planText(plan: LabPlan, done = false): string {
  if (plan.changes === 0) return `lab ${plan.lab} is up as the file says: nothing to do\n`;
  const lines = [`lab ${plan.lab}: ${plan.changes} change(s)${done ? ' made' : ' planned'}`];
  for (const t of plan.templates) lines.push(`  template ${t.name}: ${t.action} (${t.reason})`);
  for (const m of plan.machines) lines.push(`  ${m.domain}: ${m.action} (${m.reasons.join('; ')})`);
  return `${lines.join('\n')}\n`;
}

/** A table of the lab's machines. */
export function statusText(lab: string, machines: readonly MachineStatus[]): string {
  if (machines.length === 0) return `lab ${lab} has no machines on this connection\n`;
  const rows = machines.map((m) => [m.machine, m.state, m.template ?? '-', m.nics.map((n) => n.address ?? `${n.mac} (dhcp)`).join(', ') || '-']);
  const head = ['MACHINE', 'STATE', 'TEMPLATE', 'ADDRESSES'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return `${[line(head), ...rows.map(line)].join('\n')}\n`;
}
