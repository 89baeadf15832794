// Tier 1 (driver): the installed zsh completion of the bins, in an interactive zsh on a
// pseudo-terminal (zsh's zpty module): each line gets one TAB, and the line that results is read
// back. Unique completions only, so the result is the inserted text (and whether a space follows).
import { createRunner } from '@rejviz/core';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasRepository, REPO_ROOT } from '../support/env.js';
import { uniqueName } from '../support/domain.js';
import { testNeeding } from '@rejviz/test-support';
import { ZSH_SITE_FUNCTIONS, zshComplete } from '../support/shell-complete.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';

const test = testNeeding([
  { tool: 'zsh' }, { tool: 'unshare' }, { tool: 'virsh' }, { tool: 'virt-builder' },
  { path: join(ZSH_SITE_FUNCTIONS, '_rejviz'), what: 'the installed zsh completion (scripts/host-setup)' },
  { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' },
  { check: hasRepository, what: 'fixture repository (fixtures/images/build)' },
]);

// Other runs on this host share the test driver's state: the lines type all of the name but its
// last character.
const DOMAIN = uniqueName('rjvt-zcomplete');
const TYPED = DOMAIN.slice(0, -1);
let dir = '';
test.before(async () => {
  await holdTestDriver();
  dir = await mkdtemp(join(tmpdir(), 'rjv-zcomplete-'));
  await writeFile(join(dir, 'domain.xml'), `<domain type='test'><name>${DOMAIN}</name><memory>131072</memory><os><type>hvm</type></os></domain>`);
  await createRunner().run('virsh', ['-c', TEST_URI, 'define', join(dir, 'domain.xml')]);
  await writeFile(join(dir, 'only-disk.qcow2'), '');
});
test.after.always(async () => {
  await createRunner().run('virsh', ['-c', TEST_URI, 'undefine', DOMAIN], { allowFailure: true });
  if (dir) await rm(dir, { recursive: true, force: true });
  releaseTestDriver();
});

test('the installed _rejviz is the one in this checkout (scripts/host-setup installs it)', async (t) => {
  t.is(await readFile(join(ZSH_SITE_FUNCTIONS, '_rejviz'), 'utf8'), await readFile(join(REPO_ROOT, 'packages/cli/completion/_rejviz'), 'utf8'));
});

test('one TAB in zsh completes options, values after =, --nic keys without a space, templates, domains and files', async (t) => {
  const cases: [string, string][] = [
    ['rejviz-builder --nic-f', 'rejviz-builder --nic-format '],
    ['rejviz-builder --nic-format=netp', 'rejviz-builder --nic-format=netplan '],
    ['rejviz-builder ti', 'rejviz-builder tiny-centos7 '],
    ['rejviz-builder tiny-centos7 --nic name=eth0,bootp', 'rejviz-builder tiny-centos7 --nic name=eth0,bootproto='],
    ['rejviz-customize -a x.img --nic name=eth0 --nic-format ke', 'rejviz-customize -a x.img --nic name=eth0 --nic-format keyfile '],
    [`rejviz-sysprep -c ${TEST_URI} -d ${TYPED}`, `rejviz-sysprep -c ${TEST_URI} -d ${DOMAIN} `],
    ['rejviz-install --mani', 'rejviz-install --manifest '],
    [`rejviz-peek -c ${TEST_URI} ${TYPED}`, `rejviz-peek -c ${TEST_URI} ${DOMAIN} `],
    ['rejviz-peek -a only-', 'rejviz-peek -a only-disk.qcow2 '],
  ];
  const got = await zshComplete(cases.map(([line]) => line), { cwd: dir });
  t.deepEqual(got, cases.map(([, want]) => want));
});
