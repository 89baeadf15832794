// Samples every process's command line (/proc/*/cmdline) while a test runs, to prove a secret
// never appears in any argv: rejviz's own, the wrapped tool's, or their children's.
import { readdir, readFile } from 'node:fs/promises';

export interface ArgvWatch {
  /** Stops sampling; returns the command lines that contained the needle, and the sample count. */
  stop(): Promise<{ hits: string[]; samples: number }>;
}

/**
 * Starts sampling every `everyMs` for `needle`. With `tag` (NAME=VALUE), only processes whose
 * environment holds it count: the processes a test started with it and their children, not those
 * of other test runs on the same host.
 */
export function watchArgv(needle: string, everyMs = 25, tag?: string): ArgvWatch {
  const hits = new Set<string>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const pids = (await readdir('/proc')).filter((p) => /^\d+$/.test(p) && p !== String(process.pid));
      for (const pid of pids) {
        const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
        if (!cmd.includes(needle)) continue;
        if (tag && !(await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '')).split('\0').includes(tag)) continue;
        hits.add(cmd.replace(/\0/g, ' '));
      }
      samples++;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { hits: [...hits], samples };
    },
  };
}
