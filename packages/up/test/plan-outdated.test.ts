// A machine whose template has only a new base since it was made (a new revision in the
// virt-builder repository, a republished cloud image) is kept as it is, on the template image it
// was made from, and the plan says so; --replace-outdated (replaceOutdated) replaces it. A change
// the user made to the profile (packages, the image's key or URL, a checksum pin) still replaces
// it, and records written before templateProfile existed plan as they did. Pure planning: nothing
// here touches libvirt or a network.
import test from 'ava';
import { libvirtConnection, type Services } from '@rejviz/core';
import { loadLab, planLab, sameConfig, templateDigest, templateProfileDigest, type MachineConfig, type PlanInput } from '../src/index.js';
import { ensureTemplates } from '../src/create/ensure-templates.js';
import type { TemplateImageInfo } from '../src/images/known-image.js';
import { applyImageOptions } from '../src/images/lab-image-options.js';
import { planText } from '../src/print.js';

const labText = (template: string, count = 2, memory = '1G') => `name: old
templates:
  debian: ${template}
defaults: { template: debian, memory: ${memory} }
machines:
  - { name: web, count: ${count} }
`;
const load = (text: string) => loadLab({ file: 'rejviz.yaml', text, env: {} });
const VB = '{ base: debian-12, packages: [curl] }';

type Lab = Awaited<ReturnType<typeof load>>;

// The plan of `lab` against domains that were made from `made` (a plan of another file or base).
function planAgainst(lab: Lab, base: string, made: { lab: Lab; base: string; strip?: boolean }, more: Partial<PlanInput> = {}): ReturnType<typeof planLab> {
  const digests = (l: Lab, b: string) => new Map(l.templates.map((t) => [t.name, templateDigest(t, b)]));
  const allocation = (l: Lab) => l.machines.map((m) => ({ name: m.name, nics: [] }));
  const before = planLab(made.lab, { allocation: allocation(made.lab), domains: [], templateDigests: digests(made.lab, made.base), cachedTemplates: new Set() });
  const domains = before.machines.map((m) => {
    // A record written before templateProfile existed lacks it.
    const config = made.strip ? (({ templateProfile: _p, ...rest }) => rest)(m.config!) as MachineConfig : m.config!;
    return { name: m.domain, record: { lab: made.lab.name, machine: m.name, digest: '', config, created: null, groups: [] } };
  });
  return planLab(lab, { allocation: allocation(lab), domains, templateDigests: digests(lab, base), cachedTemplates: new Set(), ...more });
}

const actions = (plan: ReturnType<typeof planLab>) => [...plan.templates.map((t) => `template ${t.name}: ${t.action}`), ...plan.machines.map((m) => `${m.name}: ${m.action} (${m.reasons.join('; ')})`)];

test('a new revision of the base: the machines are kept as they are and the template is not built; the plan says so', async (t) => {
  const lab = await load(labText(VB));
  const plan = planAgainst(lab, 'sum:2', { lab, base: 'sum:1' });
  t.deepEqual(actions(plan), [
    'template debian: skip',
    'web-1: keep (template debian has a new base since it was made; kept as it is (--replace-outdated replaces it))',
    'web-2: keep (template debian has a new base since it was made; kept as it is (--replace-outdated replaces it))',
  ]);
  t.is(plan.changes, 0, 'nothing to do: no template build, no machine touched');
  t.true(plan.machines.every((m) => m.outdated === true));
  t.is(plan.machines[0]!.config!.templateDigest, templateDigest(lab.templates[0]!, 'sum:1'), "a kept machine's config is what it was made from");
  t.is(planText(plan), [
    'lab old is up as the file says: nothing to do',
    '  template debian: skip (no image with this content in the cache; no machine is made from it now)',
    '  old_web-1: keep (template debian has a new base since it was made; kept as it is (--replace-outdated replaces it))',
    '  old_web-2: keep (template debian has a new base since it was made; kept as it is (--replace-outdated replaces it))',
    '',
  ].join('\n'));
  // The same base: nothing outdated, nothing said beyond "nothing to do".
  const same = planAgainst(lab, 'sum:1', { lab, base: 'sum:1' }, { cachedTemplates: new Set([templateDigest(lab.templates[0]!, 'sum:1')]) });
  t.is(planText(same), 'lab old is up as the file says: nothing to do\n');
});

test('--replace-outdated replaces them, saying the template has a new base; the template is built', async (t) => {
  const lab = await load(labText(VB));
  const plan = planAgainst(lab, 'sum:2', { lab, base: 'sum:1' }, { replaceOutdated: true });
  t.deepEqual(actions(plan), ['template debian: build', 'web-1: replace (template debian has a new base)', 'web-2: replace (template debian has a new base)']);
  t.is(plan.changes, 3);
  t.falsy(plan.machines[0]!.outdated);
});

test('a machine added beside outdated ones is made from the new base, which is built for it; the others are kept', async (t) => {
  const made = await load(labText(VB, 1));
  const lab = await load(labText(VB, 2));
  const plan = planAgainst(lab, 'sum:2', { lab: made, base: 'sum:1' });
  t.deepEqual(actions(plan), ['template debian: build', 'web-1: keep (template debian has a new base since it was made; kept as it is (--replace-outdated replaces it))', 'web-2: create (new)']);
  t.is(plan.changes, 2);
});

test("a change the user made is no new base: an edited profile replaces, and so does another change beside a new base", async (t) => {
  const made = await load(labText(VB));
  const edited = await load(labText('{ base: debian-12, packages: [curl, git] }'));
  t.deepEqual(actions(planAgainst(edited, 'sum:2', { lab: made, base: 'sum:1' })), ['template debian: build', 'web-1: replace (template debian changed)', 'web-2: replace (template debian changed)']);
  t.deepEqual(actions(planAgainst(edited, 'sum:1', { lab: made, base: 'sum:1' })), ['template debian: build', 'web-1: replace (template debian changed)', 'web-2: replace (template debian changed)']);
  const otherBase = await load(labText('{ base: debian-11, packages: [curl] }'));
  t.deepEqual(actions(planAgainst(otherBase, 'sum:2', { lab: made, base: 'sum:1' })).slice(1, 2), ['web-1: replace (template debian changed)']);
  const moreMemory = await load(labText(VB, 2, '2G'));
  t.deepEqual(actions(planAgainst(moreMemory, 'sum:2', { lab: made, base: 'sum:1' })).slice(1, 2), ['web-1: replace (template debian has a new base; memory 1024M -> 2048M)']);
});

test('cloud images: a republished image keeps the machines; another key, URL or checksum pin is a change; the same bytes under another name are no change', async (t) => {
  const HEX1 = 'ab'.repeat(32);
  const HEX2 = 'cd'.repeat(32);
  const byKey = await load(labText('{ image: debian-12 }'));
  const byUrl = await load(labText('{ image: "https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2" }'));
  const pinned = await load(labText(`{ image: debian-12, checksum: "sha256:${HEX2}" }`));
  const keep = 'web-1: keep (template debian has a new base since it was made; kept as it is (--replace-outdated replaces it))';
  t.is(actions(planAgainst(byKey, `sha256:${HEX2}`, { lab: byKey, base: `sha256:${HEX1}` }))[1], keep, 'republished');
  t.is(actions(planAgainst(byUrl, `sha256:${HEX1}`, { lab: byKey, base: `sha256:${HEX1}` }))[1], 'web-1: keep (as the file says)', 'the same bytes by URL');
  t.is(actions(planAgainst(byUrl, `sha256:${HEX2}`, { lab: byKey, base: `sha256:${HEX1}` }))[1], 'web-1: replace (template debian changed)', 'another source, other bytes');
  t.is(actions(planAgainst(pinned, `sha256:${HEX2}`, { lab: byKey, base: `sha256:${HEX1}` }))[1], 'web-1: replace (template debian changed)', 'a new pin is asked for');
  // Pinning the digest the machines were made from keeps them, outdated or not.
  const pinnedOld = await load(labText(`{ image: debian-12, checksum: "sha256:${HEX1}" }`));
  t.is(actions(planAgainst(pinnedOld, `sha256:${HEX1}`, { lab: byKey, base: `sha256:${HEX1}` }))[1], 'web-1: keep (as the file says)');

  // A plan that has not pulled the image (nothing in the cache): whether it changed is not known.
  const unknown: TemplateImageInfo = { source: 'debian-12', url: byKey.templates[0]!.image!.spec.imageUrl, digest: null, known: 'after-pull', level: null };
  const plan = planAgainst(byKey, 'after-pull', { lab: byKey, base: `sha256:${HEX1}` }, { images: new Map([['debian', unknown]]) });
  t.deepEqual(actions(plan), ['template debian: skip', ...['web-1', 'web-2'].map((m) => `${m}: keep (template debian's image is known once it is pulled; kept either way (--replace-outdated replaces it if the image changed))`)]);
  t.true(plan.machines.every((m) => m.outdated === undefined));
  const replacing = planAgainst(byKey, 'after-pull', { lab: byKey, base: `sha256:${HEX1}` }, { images: new Map([['debian', unknown]]), replaceOutdated: true });
  t.is(actions(replacing)[1], "web-1: keep (template debian's image is known once it is pulled; replaced if it changed (--replace-outdated))");
});

test('records written before templateProfile existed: the same digest keeps them, a new base replaces them as before', async (t) => {
  const lab = await load(labText(VB));
  const kept = planAgainst(lab, 'sum:1', { lab, base: 'sum:1', strip: true }, { cachedTemplates: new Set([templateDigest(lab.templates[0]!, 'sum:1')]) });
  t.deepEqual(actions(kept), ['template debian: keep', 'web-1: keep (as the file says)', 'web-2: keep (as the file says)']);
  t.deepEqual(actions(planAgainst(lab, 'sum:2', { lab, base: 'sum:1', strip: true })), ['template debian: build', 'web-1: replace (template debian changed)', 'web-2: replace (template debian changed)']);
  const config = kept.machines[0]!.config!;
  t.true(sameConfig(config, { ...config, templateProfile: 'x' }), 'templateProfile is not compared');
  t.false(sameConfig(config, { ...config, templateDigest: 'x' }));
});

test('a kept machine whose record names its template otherwise is marked for a new record: an old record, the same image under another name', async (t) => {
  const lab = await load(labText(VB));
  const cached = { cachedTemplates: new Set([templateDigest(lab.templates[0]!, 'sum:1')]) };
  t.deepEqual(planAgainst(lab, 'sum:1', { lab, base: 'sum:1', strip: true }, cached).machines.map((m) => m.refresh), [true, true], 'a record without templateProfile');
  t.deepEqual(planAgainst(lab, 'sum:1', { lab, base: 'sum:1' }, cached).machines.map((m) => m.refresh), [undefined, undefined], 'a current record');
  const HEX = 'ab'.repeat(32);
  const byKey = await load(labText('{ image: debian-12 }'));
  const byUrl = await load(labText('{ image: "https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2" }'));
  const switched = planAgainst(byUrl, `sha256:${HEX}`, { lab: byKey, base: `sha256:${HEX}` });
  t.deepEqual(switched.machines.map((m) => [m.action, m.refresh]), [['keep', true], ['keep', true]]);
  t.is(switched.changes, 0, 'a new record is no change');
  t.is(switched.machines[0]!.config!.templateProfile, templateProfileDigest(byUrl.templates[0]!), 'the record to write names the template as the file does now');
});

test("one run's --checksum is not part of the profile; the lab file's checksum: is", async (t) => {
  const HEX = 'ab'.repeat(32);
  const plain = await load(labText('{ image: debian-12 }'));
  const flagged = applyImageOptions(plain, { checksum: `sha256:${HEX}` });
  t.deepEqual(flagged.templates[0]!.image!.checksum, { algorithm: 'sha256', hex: HEX });
  t.is(templateProfileDigest(flagged.templates[0]!), templateProfileDigest(plain.templates[0]!));
  const pinned = await load(labText(`{ image: debian-12, checksum: "sha256:${HEX}" }`));
  t.not(templateProfileDigest(pinned.templates[0]!), templateProfileDigest(plain.templates[0]!));
  // The flag over the file's own pin: the file's pin stays the profile's.
  const over = applyImageOptions(pinned, { checksum: `sha256:${'cd'.repeat(32)}` });
  t.is(templateProfileDigest(over.templates[0]!), templateProfileDigest(pinned.templates[0]!));
  t.is(over.templates[0]!.image!.checksum!.hex, 'cd'.repeat(32));
});

test("a base whose repository cannot be read is not called new: the machines are kept, saying why, and the plan prints them", async (t) => {
  const lab = await load(labText(VB));
  for (const replaceOutdated of [false, true]) {
    const plan = planAgainst(lab, '', { lab, base: 'sum:1' }, { unknownBases: new Set(['debian']), replaceOutdated });
    t.deepEqual(actions(plan), ['template debian: skip', ...['web-1', 'web-2'].map((m) => `${m}: keep (template debian's base cannot be read from its repository now; kept as it is)`)]);
    t.true(plan.machines.every((m) => m.outdated === undefined));
    t.is(planText(plan).split('\n')[3], "  old_web-2: keep (template debian's base cannot be read from its repository now; kept as it is)");
  }
});

test('ensureTemplates builds nothing for a skipped template and gives no image for it', async (t) => {
  const lab = await load(labText(VB));
  const plan = planAgainst(lab, 'sum:2', { lab, base: 'sum:1' });
  t.is(plan.templates[0]!.action, 'skip');
  const asked: string[] = [];
  // Any tool run (a build's virt-builder, virsh) is recorded; the template index answers nothing.
  const runner = { run: async (tool: string, args: readonly string[]) => { asked.push([tool, ...args].join(' ')); throw new Error('no tools here'); } };
  const services = { runner, env: {}, cwd: '/', notice: () => undefined } as unknown as Services;
  const up = { lab, allocation: [], plan, managementPorts: {}, pulled: new Map() };
  const result = await ensureTemplates(up, { pool: 'p', poolPath: '/nonexistent', connection: libvirtConnection(null), buildArgs: [] }, services);
  t.deepEqual(result, { images: new Map(), built: [] });
  t.true(asked.every((a) => a.startsWith('virt-builder --list')), asked.join('\n'));
});
