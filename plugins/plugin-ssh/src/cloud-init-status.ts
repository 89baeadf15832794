// cloud-init's status for the error of a machine that did not become ready, from the first source
// that answers, named in the line: `cloud-init status --long` over ssh (when ssh let us in), the
// same through the QEMU guest agent (when the guest runs one), else what the serial console showed
// of cloud-init (console-cloud-init.ts); "unknown" with why each source had nothing.
import type { RunResult } from '@rejviz/core';
import { cloudInitFromConsole, describeConsoleCloudInit } from './console-cloud-init.js';
import { consoleLines } from './console-text.js';
import type { AgentExecResult } from './guest-agent-exec.js';

export const STATUS_COMMAND = ['cloud-init', 'status', '--long'] as const;

export interface CloudInitStatusSources {
  /** Runs STATUS_COMMAND over ssh; null when ssh never let us in. */
  ssh: (() => Promise<RunResult>) | null;
  /** Runs STATUS_COMMAND through the guest agent. */
  agent: () => Promise<AgentExecResult>;
  /** The serial console's clean lines (console-text.ts); null when there is no log. */
  console: readonly string[] | null;
}

// `cloud-init status` prints "status: done|running|error|..." first, exit 0 or 1 (error).
const answered = (stdout: string) => /^status: /m.test(stdout);
const lastLine = (text: string) => text.trim().split('\n').filter((l) => l.trim() !== '').pop()?.trim();
const indented = (text: string) => consoleLines(text).map((l) => `  ${l}`);

/** The lines that say cloud-init's status and where it came from. */
export async function cloudInitStatus(sources: CloudInitStatusSources): Promise<string[]> {
  const why: string[] = [];
  const command = STATUS_COMMAND.join(' ');
  if (sources.ssh) {
    const res = await sources.ssh();
    if (answered(res.stdout)) return [`cloud-init status (over ssh: ${command}):`, ...indented(res.stdout)];
    why.push(`ssh: ${lastLine(res.stderr) ?? `${command} exited ${res.exitCode} saying nothing`}`);
  } else {
    why.push('ssh: it never let us in');
  }
  const agent = await sources.agent();
  if (agent.ok && answered(agent.stdout)) return [`cloud-init status (guest agent: ${command}):`, ...indented(agent.stdout)];
  why.push(`guest agent: ${agent.ok ? `${command} exited ${agent.exitCode}: ${lastLine(agent.stderr) ?? 'saying nothing'}` : agent.why}`);
  const seen = sources.console ? cloudInitFromConsole(sources.console) : null;
  if (seen) {
    const [first, ...rest] = describeConsoleCloudInit(seen);
    return [`cloud-init status (serial console): ${first}`, ...rest];
  }
  why.push(sources.console ? 'serial console: no cloud-init line in it' : 'serial console: no log');
  return [`cloud-init status: unknown: ${why.join('; ')}`];
}
