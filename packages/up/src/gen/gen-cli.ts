// rejviz-up gen's part of the bin: its --makefile DIR option, checked before anything runs, and
// what it prints.
import { UsageError } from '@rejviz/core';
import type { Verb } from '../up-args.js';
import type { GenReport } from './generate-makefile.js';

/** --makefile DIR: required by gen, refused elsewhere; gen writes files, so no --dry-run. */
export function makefileOption(value: string | undefined, verb: Verb, dryRun: boolean): string | null {
  if (verb !== 'gen') {
    if (value !== undefined) throw new UsageError(`--makefile ${value}: only gen writes a Makefile; use rejviz-up gen --makefile ${value}`);
    return null;
  }
  if (value === undefined || value === '') throw new UsageError('gen needs --makefile DIR: the directory to write the Makefile into, e.g. rejviz-up gen --makefile lab-make');
  if (dryRun) throw new UsageError(`gen --dry-run: gen changes nothing in libvirt, it writes ${value}; drop --dry-run (rejviz-up plan shows the plan)`);
  return value;
}

/** What gen wrote and how to use it. */
export function genText(report: GenReport): string {
  const machines = report.machines.map((m) => m.machine).join(', ');
  const networks = report.networks.length > 0 ? `, network(s) ${report.networks.join(', ')}` : '';
  const built = report.built.length > 0 ? `built template(s) ${report.built.join(', ')}; ` : '';
  return `${built}wrote ${report.dir} for lab ${report.lab}: machine(s) ${machines}${networks}\n  make -C ${report.dir} up        brings the lab up\n  make -C ${report.dir} status    lists its domains\n  make -C ${report.dir} destroy   takes it away\n`;
}
