// The precompiled manifest validator is what ajv makes of the schema today, and it judges like
// a freshly compiled one.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { imageManifestSchema, parseImageManifest } from '../src/manifest.js';
import { validatorFor } from '../src/schema.js';
import { standaloneValidatorSource } from '../src/standalone-validator.js';

test('src/generated/image-manifest-validate.ts is up to date (regenerate: node packages/core/dist/src/bin/gen-validators.js)', async (t) => {
  const committed = readFileSync(fileURLToPath(new URL('../../src/generated/image-manifest-validate.ts', import.meta.url)), 'utf8');
  t.is(committed, standaloneValidatorSource(imageManifestSchema()));
});

test('precompiled and freshly compiled validators give the same verdicts', async (t) => {
  const fresh = await validatorFor(imageManifestSchema());
  const good = { image: '/x.img', format: 'raw', template: 't', osinfo: null, nicFormat: null, nics: [], command: 'virt-builder t' };
  const bad = [
    { ...good, extra: 1 },
    { ...good, format: 'vmdk' },
    { ...good, nics: [{ name: 'eth0', mac: '52:54:00:aa:00:01', bootproto: 'dhcp', addresses: [{ address: '10.0.0.5' }], gateway: null, gateway6: null, dns: [], mtu: null }] },
    { ...good, nics: [{ name: 'eth0', mac: '52:54:00:aa:00:01', bootproto: 'dhcp', addresses: [], gateway: null, gateway6: null, dns: [], mtu: '1500', onlink: null, defroute: null }] },
    { ...good, image: '' },
  ];
  t.deepEqual(fresh(good), []);
  await t.notThrowsAsync(parseImageManifest(JSON.stringify(good), 'good'));
  for (const doc of bad) {
    const expected = fresh(doc);
    t.true(expected.length > 0);
    const err = await t.throwsAsync(parseImageManifest(JSON.stringify(doc), 'bad'));
    t.is(err!.message, `--manifest bad: ${expected[0]}; pass the output of rejviz-builder --json`);
  }
});
