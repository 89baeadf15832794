// The lab file's playbooks: and lab-wide plugins:. playbooks: resolves into plugin-ansible's
// lab-wide section as absolute paths, relative to the lab file's directory (stdin: the current
// directory), each checked to be a file; a bad one, or the playbooks named twice, is one line
// naming the key, the value and the fix. The plan lists them, and says whether they would run.
import test, { type ExecutionContext } from 'ava';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabFileError, loadLab, planLab, type LabPlan } from '../src/index.js';
import { planText } from '../src/print.js';

const LAB = (more: string) => `name: web
templates: { t: { base: debian-12 } }
machines:
  - { name: db, template: t }
${more}`;

async function labDir(t: ExecutionContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rjv-lab-playbooks-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'pb'));
  await writeFile(join(dir, 'pb', 'site.yml'), '- hosts: all\n  tasks: []\n');
  await writeFile(join(dir, 'db.yml'), '- hosts: db\n  tasks: []\n');
  return dir;
}

test("playbooks: relative to the lab file's directory (stdin: the cwd), in order, into plugins.ansible with its other keys", async (t) => {
  const dir = await labDir(t);
  const text = LAB('playbooks: [pb/site.yml, ./db.yml]\nplugins: { ansible: { etcHosts: { host: true } }, other: { x: 1 } }\n');
  const lab = await loadLab({ file: 'rejviz.yaml', text, path: join(dir, 'rejviz.yaml'), cwd: '/' });
  t.deepEqual(lab.plugins, { ansible: { etcHosts: { host: true }, playbooks: [join(dir, 'pb', 'site.yml'), join(dir, 'db.yml')] }, other: { x: 1 } });
  const fromStdin = await loadLab({ file: '(stdin)', text, path: '-', cwd: dir });
  t.deepEqual(fromStdin.plugins.ansible!.playbooks, [join(dir, 'pb', 'site.yml'), join(dir, 'db.yml')]);
  t.deepEqual((await loadLab({ file: 'rejviz.yaml', text: LAB('') })).plugins, {}, 'none: no sections');
});

test('a playbook that is not a file, or playbooks named twice, is an error at its key; checkFiles: false lets a name lookup pass', async (t) => {
  const dir = await labDir(t);
  const load = (more: string, checkFiles?: boolean) => loadLab({ file: 'rejviz.yaml', text: LAB(more), path: join(dir, 'rejviz.yaml'), ...(checkFiles !== undefined && { checkFiles }) });
  const missing = await t.throwsAsync(load('playbooks:\n  - pb/site.yml\n  - pb/gone.yml\n'), { instanceOf: LabFileError });
  t.is(missing!.message, `rejviz.yaml:7:5: playbooks[1]: 'pb/gone.yml' does not exist (${join(dir, 'pb', 'gone.yml')}); give the path of a playbook file, relative to ${dir}`);
  t.is(missing!.exitCode, 2);
  const directory = await t.throwsAsync(load('playbooks: [pb]\n'), { instanceOf: LabFileError });
  t.is(directory!.message, `rejviz.yaml:5:13: playbooks[0]: 'pb' is not a file (${join(dir, 'pb')}); give the path of a playbook file, relative to ${dir}`);
  const twice = await t.throwsAsync(load('playbooks: [pb/site.yml]\nplugins:\n  ansible:\n    playbooks: [/srv/site.yml]\n'), { instanceOf: LabFileError });
  t.is(twice!.message, 'rejviz.yaml:8:16: plugins.ansible.playbooks: the playbooks are named here and in the top-level playbooks:; name them once, in playbooks: (paths relative to the lab file)');
  const empty = await t.throwsAsync(load("playbooks: ['']\n"), { instanceOf: LabFileError });
  t.is(empty!.message, "rejviz.yaml:5:13: playbooks[0]: '' is not valid; expected a playbook file's path");
  const notMap = await t.throwsAsync(load('plugins: { ansible: [a] }\n'), { instanceOf: LabFileError });
  t.is(notMap!.message, 'rejviz.yaml:5:21: plugins.ansible: a list is not valid; expected a map of option keys to values');
  t.deepEqual((await load('playbooks: [pb/gone.yml]\n', false)).plugins.ansible!.playbooks, [join(dir, 'pb', 'gone.yml')]);
});

test('the plan lists the playbooks: to run once machines are created, or not run when none is', async (t) => {
  const dir = await labDir(t);
  const lab = await loadLab({ file: 'rejviz.yaml', text: LAB('playbooks: [pb/site.yml]\n'), path: join(dir, 'rejviz.yaml') });
  const input = { allocation: [{ name: 'db', nics: [] }], domains: [], templateDigests: new Map([['t', 'd']]), cachedTemplates: new Set(['d']) };
  const plan = planLab(lab, input);
  const site = join(dir, 'pb', 'site.yml');
  t.deepEqual(plan.playbooks, [site]);
  t.is(planText(plan), `lab web: 1 change(s) planned\n  template t: keep (built before with the same content)\n  web_db: create (new)\n  playbooks to run once the machines are created: ${site}\n`);
  t.is(planText(plan, true), `lab web: 1 change(s) made\n  template t: keep (built before with the same content)\n  web_db: create (new)\n  playbooks ran: ${site}\n`);
  const kept: LabPlan = { ...plan, changes: 0, machines: plan.machines.map((m) => ({ ...m, action: 'keep', reasons: ['as the file says'] })) };
  t.is(planText(kept), `lab web is up as the file says: nothing to do\n  playbooks not run (no machine is created; rejviz-up provision runs them): ${site}\n`);
  t.false('playbooks' in planLab({ ...lab, plugins: {} }, input), 'no playbooks: no key (plans of labs without them stay as they were)');
});
