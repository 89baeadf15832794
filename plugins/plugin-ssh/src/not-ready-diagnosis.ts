// What the error of a machine that did not become ready says after its reason line: the domain's
// state, the last lines of its serial console (kernel, systemd and cloud-init lines show where the
// boot stopped) and cloud-init's status, with where that came from (cloud-init-status.ts). Every
// question asked here is bounded in time: the wait is over already.
import { FIRST_BOOT_CONSOLE_PREFIX, type LabMachineInfo, type Runner } from '@rejviz/core';
import { cloudInitStatus, STATUS_COMMAND } from './cloud-init-status.js';
import { readConsoleLog } from './console-log.js';
import { consoleLines } from './console-text.js';
import { domainState } from './domain-state.js';
import { agentExec } from './guest-agent-exec.js';
import { sshArgv } from './ssh-argv.js';
import type { SshTarget } from './ssh-target.js';

export interface DiagnoseRequest {
  machine: LabMachineInfo;
  target: SshTarget;
  runner: Runner;
  /** Whether ssh let us in during the wait (then it is asked for cloud-init's status first). */
  sshAnswered: boolean;
  /** How many console lines to show. */
  tailLines?: number;
}

// A standalone `cloud-init status` takes about 7 s under TCG (its Python start): room for a busy guest.
const STATUS_TIMEOUT_MS = 30_000;

/** The lines explaining why the machine is not ready. */
export async function diagnoseNotReady(request: DiagnoseRequest): Promise<string> {
  const { machine, target, runner } = request;
  const connect = machine.connection?.uri ? ['-c', machine.connection.uri] : [];
  const state = await domainState(runner, connect, machine.domain);
  const lines = [`domain ${machine.domain}: ${state.text}`];

  let logLines: string[] | null = null;
  if (machine.consoleLog) {
    const log = await readConsoleLog(machine.consoleLog);
    if ('why' in log) lines.push(`serial console: cannot read ${machine.consoleLog}: ${log.why}`);
    else {
      logLines = consoleLines(log.text);
      const tail = logLines.slice(-(request.tailLines ?? 20));
      if (tail.length === 0) lines.push(`serial console: nothing logged yet in ${machine.consoleLog}`);
      else lines.push(`serial console, last ${tail.length} lines (${machine.consoleLog}):`, ...tail.map((l) => `  ${l}`));
    }
  }

  // rejviz's first boot, when the template has it, says on the console whether it applied the seed.
  const firstBoot = logLines?.filter((l) => l.includes(FIRST_BOOT_CONSOLE_PREFIX)).pop();
  if (firstBoot !== undefined) lines.push(`first boot (serial console): ${firstBoot.slice(firstBoot.indexOf(FIRST_BOOT_CONSOLE_PREFIX) + FIRST_BOOT_CONSOLE_PREFIX.length).trim()}`);

  const ssh = request.sshAnswered
    ? () => {
        const argv = sshArgv(target, [STATUS_COMMAND.join(' ')], { batch: true, connectTimeoutSeconds: 5 });
        return runner.run(argv.file, argv.args, { allowFailure: true, timeoutMs: STATUS_TIMEOUT_MS });
      }
    : null;
  const agent = () => agentExec({ runner, connect, domain: machine.domain, argv: [...STATUS_COMMAND], timeoutMs: STATUS_TIMEOUT_MS });
  lines.push(...(await cloudInitStatus({ ssh, agent, console: logLines })));
  return lines.join('\n');
}
