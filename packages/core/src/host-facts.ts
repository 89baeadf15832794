// Whether this host's KVM really works, decided once and recorded, so that every rejviz command
// (and every test) uses TCG where KVM is missing or broken. On some nested/PVM hosts /dev/kvm
// exists but qemu aborts at vCPU set-up ("kvm_buf_set_msrs: Assertion ... failed"), on others
// the firmware runs and the kernel hangs: only booting a kernel under qemu tells. This is product behaviour: users on KVM-less hosts need the same fallback.
import { access, constants, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
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
// How long a Linux kernel may take under KVM to reach its end (a panic: there is no root file
// system). Under a working KVM it takes a second or two; TCG needs about 18 s on our machines.
const PROBE_BOOT_MS = 20_000;
// What the kernel prints when it gives up on its root file system: it ran to the end.
const BOOTED = /Kernel panic|VFS: Unable to mount root/;

/** The newest kernel in /boot: what libguestfs's appliance boots too (linux-image-amd64). */
async function bootKernel(dir = '/boot'): Promise<string | null> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith('vmlinuz-')).sort(compareVersions);
  const newest = names.at(-1);
  return newest ? join(dir, newest) : null;
}

function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * Boots a Linux kernel under KVM (no disk, no initrd: it panics at once when it looks for its root)
 * and decides whether KVM works here. Staying alive is not enough: on some nested hosts qemu runs
 * the firmware under KVM but the kernel hangs right after "Probing EDD", so only a kernel that
 * reaches its end proves the vCPU works. On others qemu aborts at vCPU set-up.
 */
export async function probeHostFacts(runner: Runner, paths: { kvm?: string; kernels?: string } = {}): Promise<HostFacts> {
  const kvmDevice = paths.kvm ?? '/dev/kvm';
  const kernelDir = paths.kernels ?? '/boot';
  const kernel = release();
  const version = await runner.run(QEMU, ['--version'], { readOnly: true, allowFailure: true, installHint: 'apt-get install qemu-system-x86' });
  const qemu = version.stdout.split('\n')[0]?.trim() ?? '';
  const base = { kernel, qemu, checkedAt: new Date().toISOString() };
  try {
    await access(kvmDevice, constants.R_OK | constants.W_OK);
  } catch {
    return tcg(base, `${kvmDevice} is missing or not accessible`);
  }
  const image = await bootKernel(kernelDir);
  if (!image) return tcg(base, `no kernel in ${kernelDir} to try KVM with (libguestfs needs one too: apt-get install linux-image-amd64)`);
  // -cpu host is what libguestfs and libvirt's host-passthrough use; the broken hosts fail on it.
  const res = await runner.run(
    QEMU,
    ['-accel', 'kvm', '-cpu', 'host', '-m', '256', '-display', 'none', '-nodefaults', '-no-user-config', '-no-reboot', '-serial', 'stdio',
      '-kernel', image, '-append', 'console=ttyS0 panic=-1'],
    { readOnly: true, allowFailure: true, timeoutMs: PROBE_BOOT_MS },
  );
  if (res.exitCode === 0 && BOOTED.test(res.stdout)) {
    return { ...base, kvm: true, reason: `a Linux kernel booted under KVM in ${Math.round(res.durationMs)} ms`, virtType: 'kvm', libguestfsBackendSettings: null };
  }
  if (res.exitCode === 124) {
    const last = res.stdout.trim().split('\n').filter(Boolean).pop()?.trim();
    return tcg(base, `a Linux kernel under KVM did not finish booting in ${PROBE_BOOT_MS / 1000} s${last ? ` (last output: ${last.slice(0, 80)})` : ''}`);
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
