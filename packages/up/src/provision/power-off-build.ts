// The build VM's end: a clean power-off from inside (the playbooks' writes reach the disk), then a
// bounded wait until libvirt no longer has the transient domain. A VM that does not go in time is
// stopped hard by the caller's cleanup and the build fails: an image cut off mid-write is not
// made a template.
import { ToolError, virshConnectArgs, type LibvirtConnection, type Runner } from '@rejviz/core';
import { domainState, sshArgv, type SshTarget } from '@rejviz/plugin-ssh';

export interface PowerOff {
  template: string;
  target: SshTarget;
  domain: string;
  connection: LibvirtConnection;
  runner: Runner;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

// Debian's shutdown under TCG takes about 5 s (docs: HOST timings); this leaves room for a busy host.
const DEFAULT_TIMEOUT_MS = 180_000;

/** Powers the build VM off and waits until its domain is gone (or shut off). */
export async function powerOffBuild(request: PowerOff): Promise<void> {
  const { runner, domain } = request;
  const sleep = request.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = request.now ?? (() => performance.now());
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const argv = sshArgv(request.target, ['systemctl poweroff || poweroff'], { batch: true, connectTimeoutSeconds: 10 });
  // ssh may end with 255 when the guest closes the connection on its way down: the wait below tells.
  const asked = await runner.run(argv.file, argv.args, { allowFailure: true, timeoutMs: 60_000 });
  const deadline = now() + timeoutMs;
  const connect = virshConnectArgs(request.connection);
  for (;;) {
    const state = await domainState(runner, connect, domain);
    if (state.stopped) return;
    if (now() >= deadline) {
      throw new ToolError('ssh', asked.command, 124,
        `template ${request.template}: its build VM ${domain} did not power off within ${Math.round(timeoutMs / 1000)} s (${state.text}); it is stopped hard and the image is not made a template`);
    }
    await sleep(1000);
  }
}
