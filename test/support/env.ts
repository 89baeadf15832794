// Environment for tests that drive the real libvirt/libguestfs tools: the host's KVM/TCG decision
// (read through core, as the product does), and virt-builder pinned to the offline repository.
import { createRunner, guestfsEnv, loadHostFacts } from '@rejviz/core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository checkout (build/test/support -> ../../..). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The offline virt-builder repository built by fixtures/images/build. */
export function fixtureRepo(): string {
  if (process.env.REJVIZ_FIXTURE_REPO) return process.env.REJVIZ_FIXTURE_REPO;
  return execFileSync('bash', [join(REPO_ROOT, 'fixtures/images/build'), '--print-path'], { encoding: 'utf8' }).trim();
}

let runDir: string | undefined;
/**
 * A directory private to this test process (virt-builder cache, empty config dir), removed when
 * the process (an ava worker) exits: left behind, each held a virt-builder cache of tens of MiB,
 * and a few hundred runs had filled 9 GiB of /tmp.
 */
export function testRunDir(): string {
  if (runDir === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'rejviz-test-'));
    runDir = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return runDir;
}

/**
 * Variables every libguestfs tool in tests runs with. VIRT_BUILDER_DIRS and an empty
 * XDG_CONFIG_HOME keep virt-builder away from the system repos.d (libguestfs.org) so it only
 * sees our offline index; a private XDG_CACHE_HOME avoids stale cached templates.
 */
export async function toolEnv(): Promise<Record<string, string>> {
  const facts = await loadHostFacts(createRunner());
  const emptyConfig = join(testRunDir(), 'config');
  mkdirSync(emptyConfig, { recursive: true });
  return {
    ...guestfsEnv(facts),
    VIRT_BUILDER_DIRS: fixtureRepo(),
    XDG_CONFIG_HOME: emptyConfig,
    XDG_CACHE_HOME: join(testRunDir(), 'cache'),
  };
}

/** The libvirt domain type for this host ('qemu' = TCG where KVM does not work). */
export async function virtType(): Promise<'kvm' | 'qemu'> {
  return (await loadHostFacts(createRunner())).virtType;
}

/** True when the offline repository for this checkout has been built. */
export function hasRepository(): boolean {
  try {
    return existsSync(join(fixtureRepo(), '.complete'));
  } catch {
    return false;
  }
}
