// Whether this host's KVM really works, decided once and recorded, so that every rejviz command
// (and every test) uses TCG where KVM is missing or broken. On some nested/PVM hosts /dev/kvm
// exists but qemu aborts at vCPU set-up ("kvm_buf_set_msrs: Assertion ... failed"): only running
// qemu tells. This is product behaviour: users on KVM-less hosts need the same fallback.
import { mkdir, readFile, rename, writeFile, access, constants } from 'node:fs/promises';
import { homedir, release } from 'node:os';
import { dirname, join } from 'node:path';
import type { Runner } from './exec.js';

export interface HostFacts {
  kvm: boolean;
  /** Why KVM was judged usable or not, in words. */
  reason: string;
  /** libvirt domain type to use: 'kvm' or 'qemu' (TCG). */
  virtType: 'kvm' | 'qemu';
  /** LIBGUESTFS_BACKEND_SETTINGS value the libguestfs tools need ('force_tcg' without KVM). */
  libguestfsBackendSettings: string | null;
  kernel: string;
  qemu: string;
  checkedAt: string;
}

/** Where host facts are recorded: $REJVIZ_STATE_DIR, /var/lib/rejviz for root, else XDG state. */
export function hostFactsPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.REJVIZ_STATE_DIR) return join(env.REJVIZ_STATE_DIR, 'host.json');
  if (process.getuid?.() === 0) return '/var/lib/rejviz/host.json';
  const state = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(state, 'rejviz', 'host.json');
}

const QEMU = 'qemu-system-x86_64';
// How long qemu must stay up under KVM to count as working. A broken KVM aborts within
// milliseconds; firmware then idles, so staying alive this long means the vCPU runs.
const PROBE_ALIVE_MS = 2500;

/** Runs qemu under KVM briefly and decides whether KVM works here. */
export async function probeHostFacts(runner: Runner): Promise<HostFacts> {
  const kernel = release();
  const version = await runner.run(QEMU, ['--version'], { readOnly: true, allowFailure: true, installHint: 'apt-get install qemu-system-x86' });
  const qemu = version.stdout.split('\n')[0]?.trim() ?? '';
  const base = { kernel, qemu, checkedAt: new Date().toISOString() };
  try {
    await access('/dev/kvm', constants.R_OK | constants.W_OK);
  } catch {
    return tcg(base, '/dev/kvm is missing or not accessible');
  }
  // -cpu host is what libguestfs and libvirt's host-passthrough use; the broken hosts fail on it.
  const res = await runner.run(
    QEMU,
    ['-accel', 'kvm', '-cpu', 'host', '-machine', 'q35', '-m', '64', '-display', 'none', '-nodefaults', '-no-user-config'],
    { readOnly: true, allowFailure: true, timeoutMs: PROBE_ALIVE_MS },
  );
  if (res.exitCode === 124) {
    return { ...base, kvm: true, reason: `qemu ran under KVM for ${PROBE_ALIVE_MS} ms`, virtType: 'kvm', libguestfsBackendSettings: null };
  }
  const why = res.stderr.trim().split('\n').filter(Boolean).pop() ?? `exit code ${res.exitCode}`;
  return tcg(base, `qemu under KVM failed: ${why}`);
}

function tcg(base: Pick<HostFacts, 'kernel' | 'qemu' | 'checkedAt'>, reason: string): HostFacts {
  return { ...base, kvm: false, reason, virtType: 'qemu', libguestfsBackendSettings: 'force_tcg' };
}

/** Reads recorded host facts; probes and records them when missing or made on another kernel. */
export async function loadHostFacts(runner: Runner, env: NodeJS.ProcessEnv = process.env, reprobe = false): Promise<HostFacts> {
  const path = hostFactsPath(env);
  if (!reprobe) {
    try {
      const facts = JSON.parse(await readFile(path, 'utf8')) as HostFacts;
      if (facts.kernel === release()) return facts;
    } catch {
      // missing or unreadable: probe below
    }
  }
  const facts = await probeHostFacts(runner);
  await saveHostFacts(path, facts).catch(() => undefined); // unwritable state dir: still usable
  return facts;
}

async function saveHostFacts(path: string, facts: HostFacts): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(facts, null, 2)}\n`);
  await rename(tmp, path);
}

/** Environment the libguestfs tools need on this host; the user's own settings win. */
export function guestfsEnv(facts: HostFacts, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = { LIBGUESTFS_BACKEND: env.LIBGUESTFS_BACKEND ?? 'direct' };
  const settings = env.LIBGUESTFS_BACKEND_SETTINGS ?? facts.libguestfsBackendSettings;
  if (settings) out.LIBGUESTFS_BACKEND_SETTINGS = settings;
  return out;
}
