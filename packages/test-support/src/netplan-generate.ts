// netplan's own generator as a real-parser check of rendered netplan YAML (plugin-nic's
// /etc/netplan file and plugin-cloud-init's network-config, which are one renderer's output):
// `netplan generate --root-dir` on a temporary root, and what it made of each NIC for networkd.
import type { ExecutionContext } from 'ava';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Prereq } from './prereq.js';

const run = promisify(execFile);

/** What these checks need: netplan (Debian/Ubuntu: the netplan.io package). */
export const NETPLAN: Prereq = { tool: 'netplan', probe: ['info'], install: 'apt-get install -y --no-install-recommends netplan.io' };

/**
 * Writes `yaml` as `file` (a path under /, e.g. etc/netplan/60-rejviz.yaml) with mode 0600 under a
 * new temporary root and runs netplan generate there. Rejects with netplan's error (its stderr)
 * when netplan refuses the YAML, after removing the root; else the caller removes it.
 */
export async function netplanGenerate(yaml: string, file: string): Promise<{ root: string; stderr: string }> {
  const root = await mkdtemp(join(tmpdir(), 'rejviz-netplan-'));
  try {
    const path = join(root, file);
    await mkdir(dirname(path), { recursive: true });
    // 0600: netplan ≥ 0.106 warns about a file others can read.
    await writeFile(path, yaml, { mode: 0o600 });
    const { stderr } = await run('netplan', ['generate', '--root-dir', root]);
    return { root, stderr };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

/**
 * netplan generate must accept `yaml` (as `file`) without a word on stderr (permissions,
 * deprecated keys), and give each NIC named in `expected` a .link that renames it to that name
 * (set-name) and a .network holding every line listed for it.
 */
export async function netplanAccepts(t: ExecutionContext, yaml: string, file: string, expected: Record<string, readonly string[]>): Promise<void> {
  const { root, stderr } = await netplanGenerate(yaml, file);
  try {
    t.is(stderr, '', 'netplan must not warn (permissions, deprecated keys)');
    const dir = join(root, 'run/systemd/network');
    for (const [name, lines] of Object.entries(expected)) {
      const network = (await readFile(join(dir, `10-netplan-${name}.network`), 'utf8')).split('\n');
      const link = (await readFile(join(dir, `10-netplan-${name}.link`), 'utf8')).split('\n');
      t.true(link.includes(`Name=${name}`), `set-name must produce a .link renaming to ${name}`);
      for (const line of lines) t.true(network.includes(line), `${name}.network lacks '${line}':\n${network.join('\n')}`);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
