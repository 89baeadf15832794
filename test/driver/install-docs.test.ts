// The examples of docs/install.md run with --dry-run against libvirt's test driver, on a manifest
// whose NICs are those the page describes, so the page cannot drift from what the command accepts.
import { createRunner } from '@rejviz/core';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/env.js';
import { testNeeding } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';
import { manifestNic, manifestWith, removeManifestDirs } from '../support/test-manifest.js';

const test = testNeeding([{ tool: 'virsh' }, { tool: 'virt-install' }, { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' }]);

test.before(holdTestDriver);
test.after.always(releaseTestDriver);
test.after.always(removeManifestDirs);

// Read synchronously: ava needs every test declared before the file's first await.
const doc = readFileSync(join(REPO_ROOT, 'docs/install.md'), 'utf8');
const block = /<!-- examples:start -->\n```sh\n([\s\S]*?)```\n<!-- examples:end -->/.exec(doc)?.[1] ?? '';
const examples = block.split('\n').filter((l) => l.startsWith('rejviz-install '));

test('docs/install.md has examples', (t) => {
  t.true(examples.length >= 4);
});

for (const example of examples) {
  test.serial(`example runs: ${example}`, async (t) => {
    const nics = ['52:54:00:aa:bb:01', '52:54:00:aa:bb:02'].map((mac, i) => manifestNic(`eth${i}`, [], mac));
    const { dir } = await manifestWith(nics, 'rjv-idoc-');
    // The test driver only records the network the examples name; nothing starts on the host.
    const net = join(dir, 'net.xml');
    await writeFile(net, "<network><name>rejviz-isolated</name><bridge name='rjvdoc0'/></network>");
    await createRunner().run('virsh', ['-c', TEST_URI, 'net-define', net], { allowFailure: true });
    const args = example.split(' ').slice(1);
    // Other driver-tier files share the test driver's state: the network goes again at once.
    const res = await rejviz('rejviz-install', ['--connect', TEST_URI, ...args, ...(args.includes('--dry-run') ? [] : ['--dry-run'])], { cwd: dir })
      .finally(() => createRunner().run('virsh', ['-c', TEST_URI, 'net-undefine', 'rejviz-isolated'], { allowFailure: true }));
    t.is(res.exitCode, 0, res.stderr);
    const command = args.includes('--json') ? (JSON.parse(res.stdout) as { command: string }).command : /^ {2}(virt-install .*)$/m.exec(res.stdout)?.[1] ?? '';
    t.regex(command, /^virt-install --connect /);
    for (const nic of nics) t.true(command.includes(`mac=${nic.mac}`), `${command} gives ${nic.mac}`);
    // The MACs come in guest order.
    t.true(command.indexOf(nics[0]!.mac) < command.indexOf(nics[1]!.mac));
  });
}
