// A command run inside a guest through its QEMU guest agent, for a guest that ssh does not reach:
// `virsh qemu-agent-command DOMAIN '{"execute":"guest-exec", ...}'` starts it and gives its pid,
// then guest-exec-status is asked until it has exited, with its output base64-encoded
// (qemu's qga/qapi-schema.json). Nothing here throws: a guest without an agent is an answer too.
import type { Runner } from '@rejviz/core';

export type AgentExecResult =
  | { ok: true; exitCode: number; stdout: string; stderr: string }
  | { ok: false; why: string };

export interface AgentExecRequest {
  runner: Runner;
  /** virsh's connection arguments (['-c', URI] or []). */
  connect: readonly string[];
  domain: string;
  /** The program (looked up on the agent's PATH) and its arguments. */
  argv: readonly [string, ...string[]];
  /** How long the command may take in all, the agent's answers included. */
  timeoutMs: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

// Each agent call waits this long for an answer (virsh --timeout, seconds).
const AGENT_TIMEOUT_S = 5;
const POLL_MS = 500;

// virsh's error without its "error: " prefixes, in one line.
const virshWhy = (stderr: string) => stderr.split('\n').map((l) => l.replace(/^error:\s*/, '').trim()).filter(Boolean).join('; ') || 'no answer';

const decode = (data: unknown) => (typeof data === 'string' ? Buffer.from(data, 'base64').toString('utf8') : '');

/** Runs `argv` in the guest through its agent; its exit code and output, or why that could not be. */
export async function agentExec(request: AgentExecRequest): Promise<AgentExecResult> {
  const { runner, connect, domain } = request;
  const sleep = request.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = request.now ?? (() => performance.now());
  const deadline = now() + request.timeoutMs;
  const ask = async (command: object): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; why: string }> => {
    const res = await runner.run('virsh', [...connect, 'qemu-agent-command', domain, '--timeout', String(AGENT_TIMEOUT_S), JSON.stringify(command)], { allowFailure: true, timeoutMs: (AGENT_TIMEOUT_S + 5) * 1000 });
    if (res.exitCode !== 0) return { ok: false, why: virshWhy(res.stderr) };
    try {
      const value = (JSON.parse(res.stdout) as { return?: unknown }).return;
      if (typeof value === 'object' && value !== null) return { ok: true, value: value as Record<string, unknown> };
    } catch {
      // Reported below, as any answer that is not an object.
    }
    return { ok: false, why: `the agent's answer is not what guest-exec gives: ${res.stdout.trim().slice(0, 200)}` };
  };

  const [path, ...args] = request.argv;
  const started = await ask({ execute: 'guest-exec', arguments: { path, arg: args, 'capture-output': true } });
  if (!started.ok) return started;
  const pid = started.value.pid;
  if (typeof pid !== 'number') return { ok: false, why: `guest-exec gave no pid: ${JSON.stringify(started.value)}` };
  for (;;) {
    const status = await ask({ execute: 'guest-exec-status', arguments: { pid } });
    if (!status.ok) return status;
    if (status.value.exited === true) {
      const signal = status.value.signal;
      const exitCode = typeof status.value.exitcode === 'number' ? status.value.exitcode : typeof signal === 'number' ? 128 + signal : -1;
      return { ok: true, exitCode, stdout: decode(status.value['out-data']), stderr: decode(status.value['err-data']) };
    }
    if (now() + POLL_MS > deadline) return { ok: false, why: `${request.argv.join(' ')} had not ended after ${Math.round(request.timeoutMs / 1000)} s` };
    await sleep(POLL_MS);
  }
}
