// rejviz-up gen without libvirt: the Makefile for a small planned lab (its recipes, quoting and
// idempotence guards), the domain XML's disk arguments and lab record, DIR written whole or not
// at all (and refused when it holds something else), and the --makefile option's errors.
import test from 'ava';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@rejviz/core';
import { makefileOption } from '../src/gen/gen-cli.js';
import { diskArgsAsFiles, withLabRecord } from '../src/gen/print-domain-xml.js';
import { makeWord, renderMakefile, type MakefileModel } from '../src/gen/render-makefile.js';
import { checkGenDir, GEN_MARK, writeGenDir } from '../src/gen/write-gen-dir.js';
import { readUpArgs } from '../src/up-args.js';

const POOL_DIR = '/srv/lab pool';
const BASE = `${POOL_DIR}/rejviz-template_tiny_0123456789ab.qcow2`;
const seedFiles = (m: string) => ['meta-data', 'user-data', 'network-config'].map((f) => `machines/${m}/seed/${f}`);

// A lab "web" with a network it creates, a machine with an extra disk and a seed, and one without a seed.
const model: MakefileModel = {
  lab: 'web', file: 'lab.yaml', uri: 'qemu:///system', pool: 'lab-pool', poolPath: POOL_DIR,
  networks: [{ name: 'web_lab', xmlFile: 'networks/web_lab.xml' }],
  machines: [
    {
      machine: 'db', domain: 'web_db', base: BASE, xml: '', xmlFile: 'machines/db/domain.xml', seedFiles: seedFiles('db'),
      volumes: [{ name: 'web_db.qcow2', format: 'qcow2', sizeMiB: 2048 }, { name: 'web_db-disk1.img', format: 'raw', sizeMiB: 64 }],
      seed: { volume: 'web_db-cidata.iso', files: [] },
    },
    {
      machine: 'plain', domain: 'web_plain', base: BASE, xml: '', xmlFile: 'machines/plain/domain.xml', seedFiles: [],
      volumes: [{ name: 'web_plain.qcow2', format: 'qcow2', sizeMiB: 300 }], seed: null,
    },
  ],
};

test('the Makefile: networks first, overlays on the template, the seed ISO, define and start, each guarded', (t) => {
  const text = renderMakefile(model);
  t.true(text.includes('VIRSH_URI ?= qemu:///system\nexport VIRSH_URI\nVIRSH = virsh $${VIRSH_URI:+--connect "$$VIRSH_URI"}\n'));
  t.true(text.includes('MACHINES = db plain\n'));
  t.true(text.includes('up: $(addprefix up-,$(MACHINES))\n'));
  t.true(text.includes([
    'networks:',
    "\t$(VIRSH) -q net-info web_lab >/dev/null 2>&1 || $(VIRSH) -q net-define networks/web_lab.xml",
    "\t$(VIRSH) -q net-info web_lab | grep -Eq '^Active:[[:space:]]+yes' || $(VIRSH) -q net-start web_lab",
  ].join('\n')));
  t.true(text.includes([
    'up-db: networks',
    "\t@test -n '$(MKISOFS)' || { echo 'make up-db: its seed needs genisoimage or xorriso (apt-get install genisoimage)' >&2; exit 1; }",
    '\t$(VIRSH) -q dominfo web_db >/dev/null 2>&1 || { umask 077 && \\',
    `\t  qemu-img create -q -f qcow2 -b '${BASE}' -F qcow2 '${POOL_DIR}/web_db.qcow2' 2048M && \\`,
    `\t  qemu-img create -q -f raw '${POOL_DIR}/web_db-disk1.img' 64M && \\`,
    `\t  $(MKISOFS) -quiet -o '${POOL_DIR}/web_db-cidata.iso' -V cidata -J -R machines/db/seed/meta-data machines/db/seed/user-data machines/db/seed/network-config && \\`,
    '\t  $(VIRSH) -q pool-refresh lab-pool && \\',
    '\t  $(VIRSH) -q define machines/db/domain.xml; }',
    '\t$(VIRSH) -q domstate web_db | grep -qx running || $(VIRSH) -q start web_db',
  ].join('\n')), text);
  t.true(text.includes([
    'destroy-db:',
    '\tif $(VIRSH) -q dominfo web_db >/dev/null 2>&1; then \\',
    "\t  $(VIRSH) -q domstate web_db | grep -qx 'shut off' || $(VIRSH) -q destroy web_db >/dev/null || true; \\",
    '\t  $(VIRSH) -q undefine web_db --managed-save --snapshots-metadata --checkpoints-metadata --nvram >/dev/null 2>&1 || \\',
    '\t  $(VIRSH) -q undefine web_db --managed-save --snapshots-metadata >/dev/null; \\',
    '\tfi',
    `\trm -f '${POOL_DIR}/web_db.qcow2' '${POOL_DIR}/web_db-disk1.img' '${POOL_DIR}/web_db-cidata.iso'`,
    '\t$(VIRSH) -q pool-refresh lab-pool',
  ].join('\n')), text);
  // seed: false: no ISO writer needed, no seed made or removed.
  const plain = text.slice(text.indexOf('up-plain:'), text.indexOf('destroy-plain:'));
  t.false(plain.includes('MKISOFS'));
  t.true(text.includes(`\trm -f '${POOL_DIR}/web_plain.qcow2'\n`));
  t.true(text.includes('destroy: $(addprefix destroy-,$(MACHINES))\n\tif $(VIRSH) -q net-info web_lab >/dev/null 2>&1; then $(VIRSH) -q net-destroy web_lab >/dev/null 2>&1 || true; $(VIRSH) -q net-undefine web_lab; fi\n'));
  t.true(text.includes(`status:\n\t@$(VIRSH) list --all | awk 'NR <= 2 || index($$2, "web_") == 1'\n`));
  t.true(text.endsWith('\n') && !text.endsWith('\n\n'));
});

test('a lab without networks of its own has no networks target; the default connection is an empty VIRSH_URI', (t) => {
  const text = renderMakefile({ ...model, uri: null, networks: [] });
  t.true(text.includes('VIRSH_URI ?= \n'));
  t.false(/^networks:|net-define| networks$/m.test(text));
  t.true(text.includes('up-db:\n'));
});

test('makeWord: shell-quoted, with make\'s $ doubled; a line break is a bug', (t) => {
  t.is(makeWord('/var/lib/libvirt/images/web_db.qcow2'), '/var/lib/libvirt/images/web_db.qcow2');
  t.is(makeWord("/a b/it's $HOME"), "'/a b/it'\\''s $$HOME'");
  t.throws(() => makeWord('a\nb'), { message: /Assertion failed/ });
});

test('diskArgsAsFiles: the pool\'s vol= disks become the files they will be; other arguments stay', (t) => {
  const volumes = new Map([['web_db.qcow2', { format: 'qcow2' as const, sizeMiB: 2048 }], ['web_db-cidata.iso', { format: 'raw' as const, sizeMiB: 1 }]]);
  t.deepEqual(diskArgsAsFiles(['--name', 'web_db', '--disk', 'vol=lab-pool/web_db.qcow2,bus=virtio', '--disk', 'vol=lab-pool/web_db-cidata.iso,device=cdrom', '--disk', 'vol=other/x.qcow2', '--memory', '256'], 'lab-pool', POOL_DIR, volumes), [
    '--name', 'web_db',
    '--disk', `path=${POOL_DIR}/web_db.qcow2,format=qcow2,size=2,sparse=no,bus=virtio`,
    '--disk', `path=${POOL_DIR}/web_db-cidata.iso,format=raw,size=0.000977,sparse=no,device=cdrom`,
    '--disk', 'vol=other/x.qcow2', '--memory', '256',
  ]);
});

test('withLabRecord: the record goes inside <metadata>, which is made when virt-install printed none', (t) => {
  const record = '<rejviz-up:machine xmlns:rejviz-up="https://rejviz.invalid/xmlns/up/1" lab="web" name="db">{}</rejviz-up:machine>';
  const printed = '<domain type="qemu">\n  <name>web_db</name>\n  <uuid>u</uuid>\n  <metadata>\n    <libosinfo:libosinfo/>\n  </metadata>\n  <memory>1</memory>\n</domain>\n';
  t.is(withLabRecord(printed, record), `<domain type="qemu">\n  <name>web_db</name>\n  <uuid>u</uuid>\n  <metadata>\n    <libosinfo:libosinfo/>\n    ${record}\n  </metadata>\n  <memory>1</memory>\n</domain>\n`);
  t.is(withLabRecord('<domain>\n  <name>web_db</name>\n  <uuid>u</uuid>\n  <memory>1</memory>\n</domain>\n', record), `<domain>\n  <name>web_db</name>\n  <uuid>u</uuid>\n  <metadata>\n    ${record}\n  </metadata>\n  <memory>1</memory>\n</domain>\n`);
  t.throws(() => withLabRecord(withLabRecord(printed, record), record), { message: /Assertion failed/ });
});

const files = [{ path: 'Makefile', content: 'up:\n', mode: 0o644 }, { path: 'machines/db/seed/user-data', content: '#cloud-config\npassword: secret\n', mode: 0o600 }];

test('DIR: written whole (private, user-data 0600, the mark naming the lab); an earlier output of the lab is replaced', async (t) => {
  const parent = await mkdtemp(join(tmpdir(), 'rjv-gen-'));
  t.teardown(() => rm(parent, { recursive: true, force: true }));
  const dir = join(parent, 'new', 'lab-make');
  t.is(await checkGenDir(dir, 'web'), 'missing');
  await writeGenDir(dir, 'web', files);
  t.deepEqual((await readdir(dir)).sort(), [GEN_MARK, 'Makefile', 'machines']);
  t.is((await stat(dir)).mode & 0o777, 0o700);
  t.is((await stat(join(dir, 'machines/db/seed/user-data'))).mode & 0o777, 0o600);
  t.is(await readFile(join(dir, GEN_MARK), 'utf8'), 'lab web\n');
  t.is(await checkGenDir(dir, 'web'), 'earlier');
  await writeGenDir(dir, 'web', [{ path: 'Makefile', content: 'second\n', mode: 0o644 }]);
  t.is(await readFile(join(dir, 'Makefile'), 'utf8'), 'second\n');
  t.false((await readdir(dir)).includes('machines'), 'the earlier output is replaced, not merged');
  t.deepEqual((await readdir(join(parent, 'new'))), ['lab-make'], 'no temporary directory is left beside it');
  // An empty directory is taken.
  const empty = join(parent, 'empty');
  await mkdir(empty);
  t.is(await checkGenDir(empty, 'web'), 'empty');
  await writeGenDir(empty, 'web', files);
  t.true((await readdir(empty)).includes('Makefile'));
});

test('DIR: other files, another lab\'s output or a file are refused (exit 2), and a failed write leaves DIR as it was', async (t) => {
  const parent = await mkdtemp(join(tmpdir(), 'rjv-gen-'));
  t.teardown(() => rm(parent, { recursive: true, force: true }));
  const other = join(parent, 'other');
  await mkdir(other);
  await writeFile(join(other, 'notes.txt'), 'mine\n');
  const busy = await t.throwsAsync(checkGenDir(other, 'web'), { instanceOf: UsageError });
  t.regex(busy!.message, /^--makefile .*other: the directory holds other files \(notes\.txt\); give a new or empty directory/);
  const theirs = join(parent, 'theirs');
  await writeGenDir(theirs, 'db', files);
  t.regex((await t.throwsAsync(checkGenDir(theirs, 'web')))!.message, /it holds the Makefile of lab db; give another directory/);
  await t.throwsAsync(writeGenDir(theirs, 'web', files), { message: /lab db/ });
  t.is(await readFile(join(theirs, GEN_MARK), 'utf8'), 'lab db\n', 'untouched');
  const file = join(parent, 'file');
  await writeFile(file, '');
  t.regex((await t.throwsAsync(checkGenDir(file, 'web')))!.message, /not a directory/);
  // A write that fails half way (the same file twice) leaves no DIR and no temporary.
  const dir = join(parent, 'half');
  await t.throwsAsync(writeGenDir(dir, 'web', [...files, files[0]!]));
  t.deepEqual((await readdir(parent)).sort(), ['file', 'other', 'theirs']);
  t.deepEqual(await readdir(other), ['notes.txt']);
});

test('--makefile: gen needs it, other verbs refuse it, gen refuses --dry-run; gen is a verb', (t) => {
  t.is(makefileOption('out', 'gen', false), 'out');
  t.is(makefileOption(undefined, 'up', false), null);
  t.throws(() => makefileOption(undefined, 'gen', false), { instanceOf: UsageError, message: /^gen needs --makefile DIR/ });
  t.throws(() => makefileOption('out', 'up', false), { message: '--makefile out: only gen writes a Makefile; use rejviz-up gen --makefile out' });
  t.throws(() => makefileOption('out', 'gen', true), { message: /^gen --dry-run: gen changes nothing in libvirt/ });
  t.is(readUpArgs(['gen', '-f', 'lab.yaml']).verb, 'gen');
});

test("make destroy removes the lab's state directory (keys, known_hosts), as rejviz-up destroy does; quoted for the shell and make", (t) => {
  const text = renderMakefile({ ...model, stateDir: '/home/a b/.local/state/rejviz/labs/web$x' });
  t.true(text.includes("net-undefine web_lab; fi\n\trm -rf -- '/home/a b/.local/state/rejviz/labs/web$$x'\n"), text);
  t.false(renderMakefile(model).includes('rm -rf'));
});
