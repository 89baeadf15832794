// A template's playbooks, run once on the image being built, between virt-builder and sysprep
// (docs/up.md#template-playbooks): in a private directory, a throwaway login key and host keys made
// on the host and pinned; a transient VM booted from the image with a NoCloud seed and only a
// restricted user-mode NIC forwarding ssh from 127.0.0.1; once ssh answers with the pinned key and
// cloud-init has finished, ansible-playbook for each playbook; then a clean power-off. However it
// ends, the VM, its seed volume and the keys are gone when this returns; sysprep then removes
// what the boot left in the image (template-sysprep-args.ts).
import { join } from 'node:path';
import { createPrivateDir, createServices, onCleanup, ToolError, virshConnectArgs, writePrivateFile, type LibvirtConnection, type Services } from '@rejviz/core';
import { install, undoOwnDomain } from '@rejviz/install';
import { domainState, ensureLabKeys, GuestNotReadyError, HOST_KEY_TYPES, knownHostsPath, readHostKeyTexts, waitReady, writeKnownHosts, type SshTarget } from '@rejviz/plugin-ssh';
import type { LabTemplate } from '../lab-file/lab-types.js';
import { freeManagementPort } from '../create/management-nic.js';
import { withPool } from '../libvirt/pool.js';
import { buildDomainInstall, buildDomainName } from './build-domain.js';
import { powerOffBuild } from './power-off-build.js';
import { provisionUserData } from './provision-user-data.js';
import { BUILD_USER, buildInventory, runPlaybooks } from './run-playbooks.js';
import type { Provisioned } from './template-sysprep-args.js';

export interface ProvisionJob {
  template: LabTemplate;
  digest: string;
  /** The image being built. */
  image: string;
  osinfo: string | null;
  pool: string;
  connection: LibvirtConnection;
  /** Ports on 127.0.0.1 that other domains' management NICs forward (the build's must differ). */
  takenPorts?: Set<number>;
}

// ensureLabKeys files host keys by machine name; the build VM is the one machine of its key dir.
const BUILD_MACHINE = 'build';

/** Runs the template's playbooks on `image`; returns what the sysprep that follows must remove. */
export async function provisionTemplate(job: ProvisionJob, s: Services): Promise<Provisioned> {
  const { template, connection } = job;
  const { runner } = s;
  const dir = await createPrivateDir('rejviz-provision-');
  try {
    const keys = await ensureLabKeys({ dir: dir.path, machines: [BUILD_MACHINE], runner });
    const hostKeys = keys.hostKeys[BUILD_MACHINE]!;
    const domain = buildDomainName(template.name, job.digest);
    const knownHostsFile = knownHostsPath(dir.path);
    await writeKnownHosts(knownHostsFile, [{ alias: domain, publicKeys: HOST_KEY_TYPES.map((type) => hostKeys[type].publicKey) }]);
    const userData = await writePrivateFile(dir.path, 'user-data', provisionUserData(keys.login.publicKey, await readHostKeyTexts(hostKeys)));
    const port = await freeManagementPort(job.takenPorts ?? new Set(), domain);

    s.notice(`template ${template.name}: booting ${domain} to run its playbooks (ssh on 127.0.0.1:${port})`);
    const { request, plugins } = buildDomainInstall({ domain, template, image: job.image, osinfo: job.osinfo, pool: job.pool, connection, userData }, port);
    const run = await install(request, await createServices({ env: s.env, cwd: s.cwd, notice: s.notice, plugins }));
    // install() kept the domain and its seed volume; from here they are this build's to remove.
    const seed = run.plan.seed;
    const seedVolume = seed ? onCleanup(`seed volume ${seed.pool}/${seed.volume}`, async () => {
      await withPool(seed.pool, () => runner.run('virsh', [...virshConnectArgs(connection), 'vol-delete', '--pool', seed.pool, seed.volume], { allowFailure: true, onStop: 'undo' }));
    }) : null;
    const vm = undoOwnDomain(runner, virshConnectArgs(connection), domain, run.uuid);
    try {
      const target: SshTarget = {
        name: domain, hostName: '127.0.0.1', port, user: BUILD_USER,
        identityFile: keys.login.privateKeyPath, knownHostsFile, hostKeyAlias: domain,
      };
      await waitBuildReady(template, target, connection, s);
      await runPlaybooks(template, await writePrivateFile(dir.path, 'inventory.yml', buildInventory({ template, domain, port, privateKeyFile: keys.login.privateKeyPath, knownHostsFile })), runner, s.cwd);
      await powerOffBuild({ template: template.name, target, domain, connection, runner });
    } finally {
      await vm.run();
      await seedVolume?.run();
    }
    return { loginKey: keys.login.publicKey, buildHostname: template.name };
  } finally {
    await dir.remove();
  }
}

// ssh with the pinned key, then cloud-init's result; a VM that stops (its transient domain is
// gone) ends the wait at once. The error says what a template with playbooks needs.
async function waitBuildReady(template: LabTemplate, target: SshTarget, connection: LibvirtConnection, s: Services): Promise<void> {
  const connect = virshConnectArgs(connection);
  try {
    const report = await waitReady({
      target, runner: s.runner, timeoutMs: template.provisionTimeoutSeconds * 1000,
      stopped: async () => {
        const state = await domainState(s.runner, connect, target.hostKeyAlias);
        return state.stopped ? `domain ${target.hostKeyAlias}: ${state.text}` : null;
      },
    });
    const at = (i: number) => `${((report.phases[i]?.afterMs ?? 0) / 1000).toFixed(1)} s`;
    s.notice(`template ${template.name}: ${target.hostKeyAlias} is ready: ssh answered with the pinned host key after ${at(0)}, cloud-init finished after ${at(1)}`);
  } catch (error) {
    if (!(error instanceof GuestNotReadyError)) throw error;
    throw new ToolError('ssh', error.command, error.exitCode, [
      `template ${template.name}: the VM its playbooks run in was not ready (${error.reason}); a template with playbooks needs cloud-init (NoCloud) and sshd in its image, and a slow host may need a longer plugins.ssh.timeout in the profile (now ${template.provisionTimeoutSeconds} s)`,
      error.message,
    ].join('\n'));
  }
}
