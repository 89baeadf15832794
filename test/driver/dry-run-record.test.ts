// The bins' --dry-run --json output for a set of commands, compared with the recording in
// fixtures/dry-run/ (issue 12: reshaping the code under the commands must not change what they
// print). The recording was made before the reshaping and checked against it; since then only the
// NICs' form changed, on purpose (issue 12: the manifest NIC keeps its structure: addresses as
// {address, prefix}, onlink and defroute); commands and files did not. Temporary names,
// UUIDs and the run's directory are normalised; MACs are given, so nothing else is random.
// REJVIZ_RECORD_DRY_RUN=1 writes the recording anew (then review the diff before committing).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRunner } from '@rejviz/core';
import { hasRepository, REPO_ROOT } from '../support/env.js';
import { testNeeding, scratchDir, type Teardown } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';
import { writeTinyDisk } from '../support/test-manifest.js';

const test = testNeeding([
  { tool: 'virt-builder' }, { tool: 'virt-customize' }, { tool: 'virt-sysprep' }, { tool: 'virt-install' }, { tool: 'qemu-img' },
  { check: hasRepository, what: 'fixture repository (fixtures/images/build)' },
]);

const RECORD = process.env.REJVIZ_RECORD_DRY_RUN === '1';
const FIXTURES = join(REPO_ROOT, 'fixtures/dry-run');
const COMMANDS = readFileSync(join(FIXTURES, 'commands.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));

async function workDir(t: Teardown): Promise<string> {
  const dir = await scratchDir(t, 'rjv-dry-record-');
  await createRunner().run('qemu-img', ['create', '-q', '-f', 'qcow2', join(dir, 'disk.qcow2'), '16M']);
  await writeTinyDisk(join(dir, 'vm.img'));
  const nic = { name: 'eth0', mac: '52:54:00:aa:bb:01', bootproto: 'dhcp', addresses: [], gateway: null, gateway6: null, dns: [], mtu: null };
  await writeFile(join(dir, 'vm.json'), JSON.stringify({ image: join(dir, 'vm.img'), format: 'raw', template: 'tiny-centos7', osinfo: 'centos7.0', nicFormat: 'ifcfg', nics: [nic], command: 'virt-builder tiny-centos7' }));
  return dir;
}

function normalise(text: string, dir: string): string {
  return text
    .split(dir).join('<DIR>')
    .replace(/rejviz-[0-9a-f]{8}\.tmp/g, 'rejviz-XXXXXXXX.tmp')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<UUID>');
}

COMMANDS.forEach((line, i) => {
  test.serial(`unchanged: ${line}`, async (t) => {
    const dir = await workDir(t);
    const [bin, ...args] = line.split(' ');
    const res = await rejviz(bin!, args, { cwd: dir });
    const got = `exit ${res.exitCode}\n${normalise(res.stdout, dir)}`;
    const file = join(FIXTURES, `${i + 1}.txt`);
    if (RECORD) writeFileSync(file, got);
    t.true(existsSync(file), `no recording ${file}; run with REJVIZ_RECORD_DRY_RUN=1`);
    t.is(got, readFileSync(file, 'utf8'), res.stderr);
  });
});
