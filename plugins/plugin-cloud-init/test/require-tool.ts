// Real-parser tests need host tools. Without them a test is skipped (chosen at load time), but
// under CI=true it fails naming the missing tool, so CI never passes by skipping silently.

import { execFileSync } from 'node:child_process';
import test, { type ExecutionContext } from 'ava';

type Register = (title: string, implementation: (t: ExecutionContext) => void | Promise<void>) => void;

/** Whether `tool` runs on this host (probed with harmless arguments). */
export function toolAvailable(tool: string, probeArgs: string[]): boolean {
  try {
    execFileSync(tool, probeArgs, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Registers tests normally when `tool` works; else skips them, or under CI=true fails them. */
export function testNeeding(tool: string, probeArgs: string[], installHint: string): Register {
  if (toolAvailable(tool, probeArgs)) return (title, implementation) => test(title, implementation);
  if (process.env['CI'] === 'true') {
    return (title) => test(title, (t) => t.fail(`${tool} is missing on this CI host; install it: ${installHint}`));
  }
  return (title, implementation) => test.skip(`${title} (needs ${tool})`, implementation);
}
