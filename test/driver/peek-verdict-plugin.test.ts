// The judgeGuest example of docs/hooks.md (fixtures/plugins/qemu-mac-verdict-plugin.mjs): a third
// party's verdicts reach rejviz-peek's report beside plugin-mac-match's, and the page's code is the
// file's.
import { createRunner, validatorFor } from '@rejviz/core';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { uniqueName } from '../support/domain.js';
import { REPO_ROOT } from '../support/env.js';
import { testNeeding, scratchDir } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';

const test = testNeeding([{ tool: 'virsh' }, { tool: 'virt-install' }, { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' }]);

test.before(holdTestDriver);
test.after.always(releaseTestDriver);

const PLUGIN = join(REPO_ROOT, 'fixtures/plugins/qemu-mac-verdict-plugin.mjs');

test('docs/hooks.md shows the example plugin as the file has it', (t) => {
  const doc = readFileSync(join(REPO_ROOT, 'docs/hooks.md'), 'utf8');
  const code = readFileSync(PLUGIN, 'utf8').split('\n').filter((l) => !l.startsWith('//')).join('\n').trim();
  t.true(doc.includes(code), 'the code block of the judgeGuest section is the fixture without its comments');
});

test.serial("a plugin's own verdicts join plugin-mac-match's in the report (--no-guest, test driver)", async (t) => {
  const dir = await scratchDir(t, 'rjv-verdict-');
  const disk = join(dir, 'disk.img');
  await writeFile(disk, '');
  const name = uniqueName('rjvt-verdict');
  const macs = ['52:54:00:12:34:99', '52:54:00:12:34:99'];
  await createRunner().run('virt-install', [
    '--connect', TEST_URI, '--name', name, '--memory', '128', '--import', '--disk', `path=${disk},format=raw`,
    ...macs.flatMap((m) => ['--network', `network=default,mac=${m},model=virtio`]),
    '--osinfo', 'centos7.0', '--graphics', 'none', '--noautoconsole', '--check', 'mac_in_use=off',
  ]);
  t.teardown(async () => void (await createRunner().run('virsh', ['-c', TEST_URI, 'undefine', name], { allowFailure: true })));
  const r = await rejviz('rejviz-peek', ['-c', TEST_URI, '--no-guest', name, '--json', '--plugin', PLUGIN]);
  t.is(r.exitCode, 1, r.stderr); // the duplicate MAC is plugin-mac-match's error
  const report = JSON.parse(r.stdout) as { verdicts: { level: string; kind: string }[] };
  // The taps run by stage: the example taps without one (stage 0), before plugin-mac-match's NETWORK stage.
  t.deepEqual(report.verdicts.map((v) => `${v.level}:${v.kind}`), ['warning:qemu-default-mac', 'warning:qemu-default-mac', 'error:duplicate-mac']);
  const schema = JSON.parse(await readFile(join(REPO_ROOT, 'packages/peek/schemas/peek-report.schema.json'), 'utf8')) as object;
  t.deepEqual((await validatorFor(schema))(report), [], 'a plugin kind is valid in the report schema');
});
