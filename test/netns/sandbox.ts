// Runs test/netns/sandbox.sh in fresh namespaces and talks to it: one throw-away guest whose
// network stack applies rendered files to veth NICs. Tests may spawn directly (only product code
// goes through core's runner: docs/architecture.md#one-exec-module); the process is interactive,
// which the runner is not.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { GuestFile } from '@rejviz/plugin-nic';
import { REPO_ROOT } from '../support/env.js';

/** The stacks a sandbox can run; see sandbox.sh for what each starts. */
export type Stack = 'networkd' | 'nm' | 'netplan-networkd' | 'netplan-nm' | 'ifupdown' | 'ifupdown-ng' | 'busybox';

/** One veth NIC of the guest and the MAC of its peer in the router namespace. */
export interface SandboxNic {
  name: string;
  mac: string;
  routerMac: string;
}

/** What `ip -j` and the stack reported at one moment (raw JSON, read by observed-state.ts). */
export interface RawState {
  done: boolean;
  ifup: string;
  addr: IpLink[];
  route4: IpRoute[];
  route6: IpRoute[];
  link: IpLink[];
  dns: Record<string, string[]>;
}
export interface IpLink {
  ifname: string;
  mtu: number;
  addr_info?: Array<{ family: 'inet' | 'inet6'; local: string; prefixlen: number; scope: string }>;
}
export interface IpRoute {
  dst: string;
  gateway?: string;
  dev: string;
  metric?: number;
  flags: string[];
  scope?: string;
}

export interface SandboxSpec {
  stack: Stack;
  nics: SandboxNic[];
  /** Shell commands run in the router namespace (addresses, dnsmasq). */
  router: string;
  files: GuestFile[];
}

/** A running sandbox: observe its state, then stop it (always: it kills every process inside). */
export interface Sandbox {
  observe(): Promise<RawState>;
  stop(): Promise<void>;
  /** The sandbox's log (daemons, ifup, dnsmasq), for failure messages. */
  log(): Promise<string>;
}

const SCRIPT = join(REPO_ROOT, 'test/netns/sandbox.sh');

async function workDir(spec: SandboxSpec): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rejviz-netns-'));
  await writeFile(join(dir, 'nics'), spec.nics.map((n) => `${n.name} ${n.mac} ${n.routerMac}\n`).join(''));
  await writeFile(join(dir, 'router'), spec.router);
  await writeFile(join(dir, 'log'), '');
  for (const f of spec.files) {
    const path = join(dir, 'root', f.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, f.content, { mode: f.mode });
  }
  return dir;
}

/** Starts a sandbox; rejects (after cleaning up) when its set-up fails. */
export async function startSandbox(spec: SandboxSpec): Promise<Sandbox> {
  const dir = await workDir(spec);
  const child = spawn('unshare', ['-m', '-n', '-u', '-p', '-f', '--mount-proc', 'bash', SCRIPT, dir, spec.stack], {
    stdio: ['pipe', 'pipe', 'inherit'],
    // A plain environment: the test's own must not reach the hooks. HOME is the sandbox's empty
    // /run: bash reads ~/.bashrc when its stdin is a socket, as node's pipes are.
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', HOME: '/run' },
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`sandbox ended early (exit ${await exited}):\n${await readFile(join(dir, 'log'), 'utf8')}`);
    return value;
  };
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      child.stdin.end('stop\n');
      let last = '';
      try {
        for (;;) last = await next();
      } catch {
        // end of output: the sandbox has exited
      }
      await exited;
      await rm(dir, { recursive: true, force: true });
      // PID 1 of the namespace has exited, so the kernel has killed whatever was left; the
      // sandbox still reports what it had to kill, and must have found nothing.
      if (last !== 'STOPPED 0') throw new Error(`sandbox did not stop cleanly: '${last}'`);
    })());
  try {
    const first = await next();
    if (first !== 'READY') throw new Error(`sandbox set-up failed: ${first}\n${await readFile(join(dir, 'log'), 'utf8')}`);
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return {
    async observe() {
      child.stdin.write('observe\n');
      const line = await next();
      if (!line.startsWith('STATE ')) throw new Error(`unexpected sandbox output: ${line}`);
      return JSON.parse(line.slice('STATE '.length)) as RawState;
    },
    stop,
    log: () => readFile(join(dir, 'log'), 'utf8').catch(() => '(log gone)'),
  };
}
