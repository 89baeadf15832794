// templates.PROFILE.cloudInit.fastBoot: the lab file's key (schema, the one-line error), how it
// resolves along the extends chain (default on), the template's digest (on: plugin-cloud-init's
// fast-boot digest is part of it; off: the digest the profile had before fast boot existed).
// What the build applies is checked in plugins/plugin-cloud-init/test/fast-boot.test.ts.
import test from 'ava';
import { FAST_BOOT_DIGEST } from '@rejviz/plugin-cloud-init';
import { LabFileError, loadLab, templateDigest } from '../src/index.js';
import { digest } from '../src/plan/machine-config.js';

const labText = (templates: string) => `name: fb
templates:
${templates}
machines:
  - { name: m, template: web }
`;
const load = (templates: string) => loadLab({ file: 'rejviz.yaml', text: labText(templates) });
const web = async (templates: string) => (await load(templates)).templates.find((x) => x.name === 'web')!;

test('on by default, off with fastBoot: false, and the nearest profile of the chain decides', async (t) => {
  t.is((await web('  web: { base: debian-12 }')).cloudInitFastBoot, FAST_BOOT_DIGEST);
  t.is((await web('  web: { base: debian-12, cloudInit: { fastBoot: true } }')).cloudInitFastBoot, FAST_BOOT_DIGEST);
  t.false('cloudInitFastBoot' in (await web('  web: { base: debian-12, cloudInit: { fastBoot: false } }')));
  t.false('cloudInitFastBoot' in (await web('  base: { base: debian-12, cloudInit: { fastBoot: false } }\n  web: { extends: base }')), 'inherited');
  t.is((await web('  base: { base: debian-12, cloudInit: { fastBoot: false } }\n  web: { extends: base, cloudInit: { fastBoot: true } }')).cloudInitFastBoot, FAST_BOOT_DIGEST, 'the child wins');
  t.is((await web('  base: { base: debian-12, cloudInit: { fastBoot: false } }\n  web: { extends: base, cloudInit: {} }')).cloudInitFastBoot, undefined, 'an empty section says nothing');
});

test('the digest: off is the digest from before fast boot (old images stay valid for it), on is another', async (t) => {
  const off = await web('  web: { base: debian-12, packages: [curl], cloudInit: { fastBoot: false } }');
  const on = await web('  web: { base: debian-12, packages: [curl] }');
  const before = digest({ content: { base: 'debian-12', sizeMiB: null, packages: ['curl'], run: [], runCommand: [], firstbootCommand: [], sysprep: [], buildPlugins: {} }, baseRevision: 'r1' });
  t.is(templateDigest(off, 'r1'), before);
  t.not(templateDigest(on, 'r1'), templateDigest(off, 'r1'), 'a template built without it is not reused');
  t.not(templateDigest({ ...on, cloudInitFastBoot: 'another-version' }, 'r1'), templateDigest(on, 'r1'), 'a changed drop-in builds the template again');
});

const refused: [string, string, RegExp][] = [
  ['not a boolean', '  web: { base: debian-12, cloudInit: { fastBoot: "no" } }', /^rejviz\.yaml:3:\d+: templates\.web\.cloudInit\.fastBoot: 'no' is not valid; expected true or false: whether the template runs only the cloud-init modules a lab machine uses/],
  ['an unknown key', '  web: { base: debian-12, cloudInit: { fastboot: false } }', /^rejviz\.yaml:3:\d+: templates\.web\.cloudInit\.fastboot: unknown key 'fastboot'; did you mean 'fastBoot'\? the keys here are fastBoot$/],
  ['not a map', '  web: { base: debian-12, cloudInit: false }', /^rejviz\.yaml:3:\d+: templates\.web\.cloudInit: false is not valid; expected how the template's cloud-init is prepared for lab machines/],
];
for (const [what, templates, message] of refused) {
  test(`refused, exit 2, one line: ${what}`, async (t) => {
    const error = await t.throwsAsync(load(templates), { instanceOf: LabFileError });
    t.regex(error!.message, message);
    t.is(error!.exitCode, 2);
    t.false(error!.message.includes('\n'));
  });
}
