// Domain names for completion: `virsh list --all --name` on the connection the line chose with
// -c/--connect (libvirt's default without one, as the command itself would use).
import { libvirtConnection, virshQuery } from '@rejviz/core';
import { matching } from './value-completers.js';
import type { Completion, LineContext } from './types.js';

// A connection that does not answer (a remote URI, libvirtd down) must not hang the shell.
const VIRSH_TIMEOUT_MS = 3000;

/** The domains of the line's connection that start with `word`; none when virsh fails. */
export async function domainNames(word: string, line: LineContext): Promise<Completion> {
  const uri = line.valuesOf(['-c', '--connect']).at(-1) ?? null;
  const result = await virshQuery(line.runner, libvirtConnection(uri), ['list', '--all', '--name'], { timeoutMs: VIRSH_TIMEOUT_MS }).catch(() => null);
  if (result === null || result.exitCode !== 0) return { candidates: [] };
  const names = result.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  return { candidates: matching(names, word) };
}
