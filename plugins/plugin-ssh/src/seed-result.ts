// What a machine's seed came to, read over ssh once it answers: a rejviz-up machine's NoCloud seed
// is applied either by cloud-init (its result.json, cloud-init-result.ts) or, on a template with
// rejviz's first-boot unit and a seed that asks only for what that does, by the unit before sshd
// started (FIRST_BOOT_RESULT). A unit that found the guest lacking (exit FIRST_BOOT_NOT_APPLICABLE)
// changed nothing and left the seed to cloud-init, so its result is cloud-init's then.
import { FIRST_BOOT_LOG, FIRST_BOOT_NOT_APPLICABLE, FIRST_BOOT_RESULT } from '@rejviz/core';
import { parseCloudInitResult, RESULT_JSON, type CloudInitResult } from './cloud-init-result.js';

export type SeedOutcome =
  | { by: 'cloud-init'; result: CloudInitResult }
  | { by: 'first-boot'; exitCode: number; log: string[] }
  /** Neither is done yet (seedStatusCommand only). */
  | { by: 'pending' };

const FIRST_BOOT = '@@rejviz first-boot';
const LOG = '@@rejviz log';
const CLOUD_INIT = '@@rejviz cloud-init';
const PENDING = '@@rejviz pending';

const firstBootDone = `{ [ -e ${FIRST_BOOT_RESULT} ] && ! grep -qx 'exit ${FIRST_BOOT_NOT_APPLICABLE}' ${FIRST_BOOT_RESULT}; }`;
const print = `if ${firstBootDone}; then echo '${FIRST_BOOT}'; cat ${FIRST_BOOT_RESULT}; echo '${LOG}'; tail -n 20 ${FIRST_BOOT_LOG} 2>/dev/null; else echo '${CLOUD_INIT}'; cat ${RESULT_JSON}; fi`;

/**
 * The first login's command: the seed's result if it is there already, else "pending" (exit 0
 * either way). rejviz's first boot is done before sshd starts, so its machines need no second
 * login (under TCG a login costs over a second).
 */
export function seedStatusCommand(): string {
  return `if [ -e ${RESULT_JSON} ] || ${firstBootDone}; then ${print}; else echo '${PENDING}'; fi`;
}

/**
 * The guest command that waits for either result, bounded in the guest too (a loop whose ssh
 * client is gone lives on in the guest: sshd does not stop a session's command when the
 * connection drops), so it ends itself by the deadline (exit 124, as a timeout reads here).
 */
export function waitForSeedCommand(ms: number): string {
  return `n=${Math.ceil(ms / 500)}; until [ -e ${RESULT_JSON} ] || ${firstBootDone}; do [ $n -gt 0 ] || exit 124; n=$((n-1)); sleep 0.5; done; ${print}`;
}

/** What waitForSeedCommand printed; a string saying why when it cannot be read. */
export function parseSeedOutcome(stdout: string): SeedOutcome | string {
  const lines = stdout.split('\n');
  const head = lines[0]?.trim();
  if (head === PENDING) return { by: 'pending' };
  if (head === CLOUD_INIT) {
    const parsed = parseCloudInitResult(lines.slice(1).join('\n'));
    return typeof parsed === 'string' ? parsed : { by: 'cloud-init', result: parsed };
  }
  if (head === FIRST_BOOT) {
    const at = lines.indexOf(LOG);
    const result = lines.slice(1, at < 0 ? undefined : at);
    const exit = result.map((l) => /^exit (\d+)$/.exec(l.trim())).find((m) => m !== null);
    if (!exit) return `${FIRST_BOOT_RESULT} has no exit line: ${JSON.stringify(result.join('\n').slice(0, 200))}`;
    return { by: 'first-boot', exitCode: Number(exit[1]), log: at < 0 ? [] : lines.slice(at + 1).filter((l) => l.trim() !== '') };
  }
  return `the wait for the seed's result printed ${JSON.stringify(stdout.slice(0, 200))}`;
}
