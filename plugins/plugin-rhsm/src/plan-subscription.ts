// The SUBSCRIPTION-stage tap of plugin-rhsm, loaded on first use: options -> checked request ->
// operations for the installed tool. Secrets go only into private temporary files whose paths
// are in the ops; under --dry-run nothing is written and the ops carry a placeholder path.
import { createSecretFile, toolInfo, type GuestPlan, type GuestTool, type Op, type PlanContext } from '@rejviz/core';
import { chooseMechanism, hasSmUnregister } from './choose-mechanism.js';
import { placeholderPath } from './private-files.js';
import { readRhsmOptions } from './read-options.js';
import { readPassword } from './read-secret.js';
import { renderRegisterScript } from './render-script.js';
import { attachSupported } from './rhel-major.js';
import type { RhsmAttach, RhsmAuth, RhsmAuthChoice } from './types.js';

export const NAME = 'plugin-rhsm';

/** Looks up the installed version of the tool that will run the operations. */
export type ToolVersion = (tool: GuestTool, ctx: PlanContext) => Promise<string>;

const installedVersion: ToolVersion = async (tool, ctx) => (await toolInfo(ctx.runner, tool, ctx.env)).version;

async function resolveAuth(choice: RhsmAuthChoice, env: NodeJS.ProcessEnv): Promise<RhsmAuth> {
  if (choice.kind === 'activation-key') return choice;
  return { kind: 'password', user: choice.user, org: choice.org, password: await readPassword(choice.source, env) };
}

/** The attach to do, or null with a notice when the guest is RHEL >= 10 (no attach there). */
async function attachFor(attach: RhsmAttach | null, plan: GuestPlan, ctx: PlanContext): Promise<RhsmAttach | null> {
  if (!attach) return null;
  const osinfo = plan.osinfo ?? (await ctx.guestOsinfo());
  if (attachSupported(osinfo)) return attach;
  const option = attach.kind === 'auto' ? '--rhsm-auto-attach' : `--rhsm-pool ${attach.id}`;
  ctx.warn(`${option} skipped: the guest is ${osinfo}, and RHEL >= 10 has no subscription-manager attach (Simple Content Access); registering only`);
  return null;
}

/** Hands one secret to the tool as a nameless private file (core's createSecretFile). */
async function secretFile(name: string, content: string, ctx: PlanContext): Promise<{ path: string; cleanup: string[] }> {
  if (ctx.runner.dryRun) return { path: placeholderPath(name), cleanup: [] };
  // Nothing to delete afterwards: the file has no name on disk, and the run closes it at its end.
  return { path: (await createSecretFile(name, content)).path, cleanup: [] };
}

async function registerOps(auth: RhsmAuth, attach: RhsmAttach | null, version: string, ctx: PlanContext): Promise<{ ops: Op[]; cleanup: string[] }> {
  if (auth.kind === 'password' && chooseMechanism(auth, attach, version) === 'sm-options') {
    // virt-customize reads the first line of the file on the host: only the path is in argv.
    const file = await secretFile('password', `${auth.password}\n`, ctx);
    const ops: Op[] = [
      { kind: 'sm-credentials', selector: `${auth.user}:file:${file.path}`, origin: NAME, placement: 'first' },
      { kind: 'sm-register', origin: NAME, placement: 'first' },
    ];
    if (attach) ops.push({ kind: 'sm-attach', selector: attach.kind === 'auto' ? 'auto' : `pool:${attach.id}`, origin: NAME, placement: 'first' });
    return { ops, cleanup: file.cleanup };
  }
  const file = await secretFile('register.sh', renderRegisterScript(auth, attach), ctx);
  // Registered before the user's own options run, so their --install finds the repositories.
  return { ops: [{ kind: 'run', script: file.path, origin: NAME, placement: 'first' }], cleanup: file.cleanup };
}

/** The SUBSCRIPTION-stage tap: --rhsm-* options to subscription-manager operations. */
export async function planSubscription(plan: GuestPlan, ctx: PlanContext, toolVersion: ToolVersion = installedVersion): Promise<GuestPlan> {
  const choice = readRhsmOptions(ctx.options, ctx.env, ctx.cwd);
  if (choice === null) return plan;
  if (choice.kind === 'unregister') {
    const version = await toolVersion(plan.tool, ctx);
    const op: Op = hasSmUnregister(version)
      ? { kind: 'sm-unregister', origin: NAME }
      : { kind: 'run-command', command: 'subscription-manager unregister', origin: NAME };
    // virt-sysprep runs customize operations last, after its rh-subscription-manager operation
    // has deleted /etc/pki/consumer: unregister would find no identity. That operation goes off.
    const disable = plan.tool === 'virt-sysprep' ? ['rh-subscription-manager'] : [];
    return { ...plan, ops: [...plan.ops, op], sysprepDisable: [...plan.sysprepDisable, ...disable] };
  }
  // Everything that can be wrong with the input is checked before anything is written.
  const auth = await resolveAuth(choice.auth, ctx.env);
  const attach = await attachFor(choice.attach, plan, ctx);
  const version = await toolVersion(plan.tool, ctx);
  const { ops, cleanup } = await registerOps(auth, attach, version, ctx);
  return { ...plan, ops: [...plan.ops, ...ops], cleanup: [...plan.cleanup, ...cleanup], secretsFrom: [...plan.secretsFrom, NAME] };
}
