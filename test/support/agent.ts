// The guest agent's view of a domain's addresses (virsh domifaddr --source agent), polled.
import { createRunner } from '@rejviz/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { SYSTEM } from './domain.js';

/** Polls until the agent lists ADDRESS; returns the domifaddr table. */
export async function agentAddresses(domain: string, address: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const res = await createRunner().run('virsh', ['-c', SYSTEM, 'domifaddr', domain, '--source', 'agent'], { allowFailure: true });
    last = res.stdout + res.stderr;
    if (res.exitCode === 0 && res.stdout.includes(address)) return res.stdout;
    await sleep(2000);
  }
  throw new Error(`guest agent of ${domain} never reported ${address}; last answer: ${last}`);
}

/** The domifaddr line of an address: "eth0 52:54:00:.. ipv4 198.51.100.20/24". */
export function addressLine(table: string, address: string): string {
  return (table.split('\n').find((l) => l.includes(address)) ?? '').trim().replace(/\s+/g, ' ');
}
