// Tier 3: a lab machine that never becomes ready, through the rejviz-up bin on qemu:///system. The
// tiny template has neither sshd nor cloud-init nor a guest agent, and boots in seconds: with
// `management: true` and `plugins: { ssh: { timeout: 20 } }` rejviz-up waits 20 s for ssh, then
// fails with the deadline's exit code (124) and an error that holds the domain's state, real lines
// of its serial console (its log in the lab's state directory, written by virtlogd) and
// cloud-init's status ("unknown", each source saying why). The console stays usable (virsh
// console shows the login prompt). A second lab's machine, shut off while rejviz-up waits for it,
// ends the wait at once instead of at its 600 s timeout. destroy leaves nothing of either lab, its
// console logs included. rejviz-up runs in this host's network namespace (its ssh reaches the
// management NIC's port on 127.0.0.1); the template tools run under unshare -n.
import { createRunner } from '@rejviz/core';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { testNeeding } from '@rejviz/test-support';
import { ISOLATED_NETWORK, SYSTEM, uniqueName, virsh } from '../support/domain.js';
import { hasRepository } from '../support/env.js';
import { rejviz, rejvizHostNet } from '../support/rejviz.js';

const test = testNeeding([
  { tool: 'virt-builder' }, { tool: 'virt-install' }, { tool: 'unshare' }, { tool: 'virsh' }, { tool: 'ssh' }, { tool: 'script' },
  { check: hasRepository, what: 'fixture repository (fixtures/images/build)' },
]);

const LAB = uniqueName('rjvt-nr');
const STOP = uniqueName('rjvt-nrstop');
// A profile content of this file's own, so that this run builds (and removes) its template.
const MARK = uniqueName('mark');
const labFile = (name: string, timeout: number) => `name: ${name}
templates:
  tiny: { base: tiny-centos7, sysprep: false, network: false, runCommand: ["echo ${MARK} > /etc/rejviz-lab"] }
networks:
  iso: { existing: ${ISOLATED_NETWORK}, subnet: 198.51.100.0/24 }
defaults: { template: tiny, memory: 256M }
machines:
  - { name: t1, management: true, plugins: { ssh: { timeout: ${timeout} } }, nics: [{ network: iso }] }
`;

const names = async (...args: string[]) => (await virsh(...args)).split('\n').map((l) => l.trim()).filter(Boolean);
const inventory = async (lab: string) => ({
  domains: (await names('list', '--all', '--name')).filter((n) => n.startsWith(`${lab}_`)),
  volumes: (await names('vol-list', 'default')).slice(2).map((l) => l.split(/\s+/)[0]!).filter((n) => n.startsWith(`${lab}_`)),
});

let dir = '';
let template = '';
let STATE: Record<string, string> = {};
const labState = (lab: string) => join(dir, 'state', 'rejviz', 'labs', lab);
test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rjv-up-not-ready-'));
  STATE = { XDG_STATE_HOME: join(dir, 'state') };
  await writeFile(join(dir, 'lab.yaml'), labFile(LAB, 20));
  await writeFile(join(dir, 'stop.yaml'), labFile(STOP, 600));
});
test.after.always(async () => {
  for (const file of ['lab.yaml', 'stop.yaml']) await rejviz('rejviz-up', ['destroy', '-f', file, '-c', SYSTEM], { cwd: dir, env: STATE });
  if (template) await createRunner().run('virsh', ['-c', SYSTEM, 'vol-delete', '--pool', 'default', template], { allowFailure: true });
  await rm(dir, { recursive: true, force: true });
});

/** What `virsh console` shows after a carriage return (the guest's getty answers it with its prompt). */
async function consoleAnswer(domain: string): Promise<string> {
  const typescript = join(dir, `console-${domain}.txt`);
  // script gives virsh console the terminal it needs; Ctrl-] (\x1d) ends the session.
  await createRunner().run('sh', ['-c', `(sleep 2; printf '\\r'; sleep 3; printf '\\035') | timeout 30 script -qfc "virsh -c ${SYSTEM} console ${domain} --force" ${typescript} >/dev/null`], { allowFailure: true });
  return (await readFile(typescript, 'utf8').catch(() => '')).replace(/\r/g, '');
}

test.serial('a machine that never becomes ready: exit 124 after its 20 s, with its console tail and cloud-init status; the console stays usable; destroy removes the log', async (t) => {
  const plan = await rejviz('rejviz-up', ['plan', '-f', 'lab.yaml', '-c', SYSTEM, '--json'], { cwd: dir, env: STATE });
  t.is(plan.exitCode, 0, plan.stderr);
  template = `rejviz-template_tiny_${(JSON.parse(plan.stdout) as { templates: { digest: string }[] }).templates[0]!.digest.slice(0, 12)}.qcow2`;
  const up = await rejvizHostNet('rejviz-up', ['-f', 'lab.yaml', '-c', SYSTEM], { cwd: dir, env: STATE });
  const domain = `${LAB}_t1`;
  t.is(up.exitCode, 124, up.stderr);
  const log = join(labState(LAB), 'console', 't1.log');
  const err = up.stderr.replace(/\r/g, '');
  t.regex(err, /rejviz-up: error: ssh failed with exit code 124\n/);
  // About its 20 s: the wait stops when the next try would end past the deadline (19.x s), or
  // once a try that started before it ends (20-29 s).
  t.regex(err, /\| machine t1: not ready after (19|2\d)\.\d s: ssh never answered with the pinned host key \(\d+ attempts\)\n/);
  t.regex(err, new RegExp(`\\| domain ${domain}: running \\(booted\\)\\n`));
  t.true(err.includes(`| serial console, last `) && err.includes(` lines (${log}):\n`), err);
  // Real lines of the guest's console, as the log has them: the boot loader's first line at
  // least (under load the tiny guest may take longer than 20 s to reach its login prompt).
  t.regex(err, /\|   SYSLINUX \d/);
  const shown = err.split('\n').filter((l) => l.startsWith('  |   ')).map((l) => l.slice('  |   '.length));
  const written = (await readFile(log, 'utf8')).replace(/\r/g, '');
  t.true(shown.length > 0 && shown.every((l) => written.includes(l)), `every console line shown is in ${log}`);
  t.regex(err, /\| cloud-init status: unknown: ssh: it never let us in; guest agent: [^;\n]+; serial console: no cloud-init line in it\n/);
  t.false(/PRIVATE KEY|\x1b/.test(err), 'no key and no escape in the error');
  t.log(err.split('\n').filter((l) => l.startsWith('  |')).join('\n'));
  t.is((await stat(log)).mode & 0o777, 0o600, 'the log is private (virtlogd makes it 0600)');
  t.is((await stat(join(labState(LAB), 'console'))).mode & 0o777, 0o700);

  // The log does not take the console away: virsh console still reaches the guest's getty.
  t.is((await virsh('domstate', domain)).trim(), 'running');
  for (let i = 0; i < 360 && !/login:/.test(await readFile(log, 'utf8')); i++) await sleep(500);
  t.regex(await readFile(log, 'utf8'), /TINY-BOOT-COMPLETE/);
  t.regex(await consoleAnswer(domain), /login:/);

  const gone = await rejviz('rejviz-up', ['destroy', '-f', 'lab.yaml', '-c', SYSTEM], { cwd: dir, env: STATE });
  t.is(gone.exitCode, 0, gone.stderr);
  t.deepEqual(await inventory(LAB), { domains: [], volumes: [] });
  t.false(existsSync(labState(LAB)), 'the state directory, console log included, is gone');
});

test.serial('a machine shut off while rejviz-up waits for it: the wait ends at once, not at its 600 s timeout', async (t) => {
  const domain = `${STOP}_t1`;
  const started = performance.now();
  let ended = false;
  const running = rejvizHostNet('rejviz-up', ['-f', 'stop.yaml', '-c', SYSTEM], { cwd: dir, env: STATE }).finally(() => (ended = true));
  // Once the domain runs and its console shows the login prompt, it is stopped hard.
  const log = join(labState(STOP), 'console', 't1.log');
  for (let i = 0; i < 360 && !ended && !/login:/.test(await readFile(log, 'utf8').catch(() => '')); i++) await sleep(500);
  if (ended) return void t.fail(`rejviz-up ended before the machine was up:\n${(await running).stderr}`);
  await virsh('destroy', domain);
  const stoppedAt = performance.now();
  const up = await running;
  const after = (performance.now() - stoppedAt) / 1000;
  t.not(up.exitCode, 0, up.stderr);
  t.true(after < 30, `rejviz-up ended ${after.toFixed(1)} s after the domain stopped`);
  t.true((performance.now() - started) / 1000 < 300, 'well before its 600 s timeout');
  const err = up.stderr.replace(/\r/g, '');
  t.regex(err, new RegExp(`\\| machine t1: not ready after [\\d.]+ s: domain ${domain} is shut off \\(destroyed\\), so it cannot become ready; not waited for further\\n`));
  t.regex(err, /\|   TINY-BOOT-COMPLETE\n/, 'the console tail, as for a timeout');
  t.log(err.split('\n').filter((l) => l.startsWith('  |')).join('\n'));
  const gone = await rejviz('rejviz-up', ['destroy', '-f', 'stop.yaml', '-c', SYSTEM], { cwd: dir, env: STATE });
  t.is(gone.exitCode, 0, gone.stderr);
  t.deepEqual(await inventory(STOP), { domains: [], volumes: [] });
  t.false(existsSync(labState(STOP)));
});
