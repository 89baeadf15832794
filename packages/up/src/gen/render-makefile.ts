// The Makefile rejviz-up gen writes: the lab brought up and taken away with virsh, qemu-img and
// genisoimage (or xorriso) alone, doing what upLab and destroyLab do (docs/up.md#a-makefile-for-the-lab-gen).
// A pure function of what was planned; every recipe is a plain shell line that `make -n` shows.
import { dirname } from 'node:path';
import { assert, quoteArg } from '@rejviz/core';
import type { GenMachine } from './plan-machine-files.js';

export interface MakefileModel {
  lab: string;
  /** The lab file, named in the header. */
  file: string;
  /** The connection it was planned on (null: libvirt's default): VIRSH_URI's default. */
  uri: string | null;
  pool: string;
  poolPath: string;
  /** The networks the lab creates, by libvirt name, with their XML file in DIR. */
  networks: { name: string; xmlFile: string }[];
  /** Each machine, with its files in DIR. */
  machines: (GenMachine & { xmlFile: string; seedFiles: string[] })[];
  /** The lab's state directory on this host (plugin-ssh's keys and known_hosts), removed by destroy; null: none. */
  stateDir?: string | null;
}

/** A word for a recipe: shell-quoted, with make's `$` doubled (a recipe is make's text first). */
export function makeWord(word: string): string {
  assert(!/[\n\r]/.test(word), `a Makefile word holds a line break: ${JSON.stringify(word)}`);
  return quoteArg(word).replace(/\$/g, '$$$$');
}

const VIRSH = '$(VIRSH)';

function networkUp(name: string, xmlFile: string): string[] {
  const n = makeWord(name);
  return [
    `\t${VIRSH} -q net-info ${n} >/dev/null 2>&1 || ${VIRSH} -q net-define ${makeWord(xmlFile)}`,
    `\t${VIRSH} -q net-info ${n} | grep -Eq '^Active:[[:space:]]+yes' || ${VIRSH} -q net-start ${n}`,
  ];
}

// As destroyLab: stopped if active, then undefined.
function networkDown(name: string): string {
  const n = makeWord(name);
  return `\tif ${VIRSH} -q net-info ${n} >/dev/null 2>&1; then ${VIRSH} -q net-destroy ${n} >/dev/null 2>&1 || true; ${VIRSH} -q net-undefine ${n}; fi`;
}

function machineUp(m: MakefileModel['machines'][number], model: MakefileModel): string[] {
  const path = (name: string) => makeWord(`${model.poolPath}/${name}`);
  const d = makeWord(m.domain);
  const [overlay, ...disks] = m.volumes;
  // Each volume as createMachine makes it with virsh vol-create-as: the overlay layered on the
  // template image (no copy), the extra disks empty; the seed as rejviz-install's seed volume.
  const make = [
    `qemu-img create -q -f qcow2 -b ${makeWord(m.base)} -F qcow2 ${path(overlay!.name)} ${overlay!.sizeMiB}M`,
    ...disks.map((v) => `qemu-img create -q -f ${v.format} ${path(v.name)} ${v.sizeMiB}M`),
    ...(m.seed ? [`$(MKISOFS) -quiet -o ${path(m.seed.volume)} -V cidata -J -R ${m.seedFiles.map(makeWord).join(' ')}`] : []),
    // libvirt learns of the new files (rejviz-up status, destroy and images see them as volumes).
    `${VIRSH} -q pool-refresh ${makeWord(model.pool)}`,
    `${VIRSH} -q define ${makeWord(m.xmlFile)}`,
  ];
  // The seed's user-data is in the lab's state directory (it holds secrets), which make destroy
  // removes: a machine made again after that needs a new gen. Checked first, before the networks.
  const secretSeed = m.seedFiles.filter((f) => f.startsWith('/'));
  const check = secretSeed.length > 0 ? [
    `seed-${m.machine}:`,
    ...secretSeed.map((f) => `\t@${VIRSH} -q dominfo ${d} >/dev/null 2>&1 || test -r ${makeWord(f)} || { echo 'make up-${m.machine}: the user-data of its seed is gone (make destroy removes it with the state of the lab); run rejviz-up gen again' >&2; exit 1; }`),
    '',
  ] : [];
  return [
    ...check,
    `up-${m.machine}:${check.length > 0 ? ` seed-${m.machine}` : ''}${model.networks.length > 0 ? ' networks' : ''}`,
    ...(m.seed ? [`\t@test -n '$(MKISOFS)' || { echo 'make up-${m.machine}: its seed needs genisoimage or xorriso (apt-get install genisoimage)' >&2; exit 1; }`] : []),
    // A machine defined already is left as it is (make up twice changes nothing); its files are
    // made afresh only with its domain (umask 077: the seed holds the user-data).
    `\t${VIRSH} -q dominfo ${d} >/dev/null 2>&1 || { umask 077 && \\`,
    ...make.map((line, i) => `\t  ${line}${i === make.length - 1 ? '; }' : ' && \\'}`),
    // The serial console's log goes into the lab's state directory, which make destroy removes;
    // virtlogd makes the file but not its directory, so start would fail without it.
    ...(m.consoleLog ? [`\t@umask 077 && mkdir -p ${makeWord(dirname(m.consoleLog))}`] : []),
    `\t${VIRSH} -q domstate ${d} | grep -qx running || ${VIRSH} -q start ${d}`,
  ];
}

// As removeDomain and destroyLab: stopped hard unless shut off, undefined with its managed save,
// snapshot and checkpoint metadata and NVRAM (again without the last two where the driver does not
// know them), then its volumes.
function machineDown(m: MakefileModel['machines'][number], model: MakefileModel): string[] {
  const d = makeWord(m.domain);
  const files = [...m.volumes.map((v) => v.name), ...(m.seed ? [m.seed.volume] : [])].map((name) => makeWord(`${model.poolPath}/${name}`));
  return [
    `destroy-${m.machine}:`,
    `\tif ${VIRSH} -q dominfo ${d} >/dev/null 2>&1; then \\`,
    `\t  ${VIRSH} -q domstate ${d} | grep -qx 'shut off' || ${VIRSH} -q destroy ${d} >/dev/null || true; \\`,
    `\t  ${VIRSH} -q undefine ${d} --managed-save --snapshots-metadata --checkpoints-metadata --nvram >/dev/null 2>&1 || \\`,
    `\t  ${VIRSH} -q undefine ${d} --managed-save --snapshots-metadata >/dev/null; \\`,
    '\tfi',
    `\trm -f ${files.join(' ')}`,
    `\t${VIRSH} -q pool-refresh ${makeWord(model.pool)}`,
  ];
}

/** The Makefile's text. */
export function renderMakefile(model: MakefileModel): string {
  const names = model.machines.map((m) => m.machine);
  const uri = (model.uri ?? '').replace(/\$/g, '$$$$').replace(/#/g, '\\#');
  const lines = [
    `# Lab ${model.lab}, written by rejviz-up gen from ${model.file.replace(/\n/g, ' ')} (docs/up.md).`,
    '# It brings the lab up and takes it away with virsh, qemu-img and genisoimage (or xorriso) alone:',
    '#   make up | make destroy | make status | make up-MACHINE | make destroy-MACHINE',
    '# Run it in this directory (make -C DIR ...): the files it reads are relative to it.',
    `# The disks are files in pool ${model.pool} (${model.poolPath}), made on this host, so the connection`,
    '# must be to this host. The seeds\' user-data holds secrets: it is in the lab\'s state directory',
    '# (mode 0600), and make destroy removes it with the rest of that directory.',
    '',
    '# The libvirt connection (empty: libvirt\'s default), as with rejviz-up -c URI.',
    `VIRSH_URI ?= ${uri}`,
    'export VIRSH_URI',
    'VIRSH = virsh $${VIRSH_URI:+--connect "$$VIRSH_URI"}',
    '# genisoimage, else xorriso as mkisofs: both take the options used below.',
    "MKISOFS := $(shell command -v genisoimage >/dev/null 2>&1 && echo genisoimage || { command -v xorriso >/dev/null 2>&1 && echo 'xorriso -as mkisofs'; })",
    `MACHINES = ${names.join(' ')}`,
    '',
    `.PHONY: up destroy status${model.networks.length > 0 ? ' networks' : ''} $(addprefix up-,$(MACHINES)) $(addprefix destroy-,$(MACHINES)) $(addprefix seed-,$(MACHINES))`,
    '',
    '# Every machine defined and running (the networks the lab creates first).',
    'up: $(addprefix up-,$(MACHINES))',
    '',
    '# Every machine and its disks and seed gone, then the networks the lab created.',
    'destroy: $(addprefix destroy-,$(MACHINES))',
    ...model.networks.map((n) => networkDown(n.name)),
    // As rejviz-up destroy: the lab's keys, known_hosts and inventory go with it.
    ...(model.stateDir ? [`\trm -rf -- ${makeWord(model.stateDir)}`] : []),
    '',
    "# The lab's domains and their states.",
    'status:',
    // Lab names are letters, digits and '-': safe inside the awk program.
    `\t@${VIRSH} list --all | awk 'NR <= 2 || index($$2, "${model.lab}_") == 1'`,
    '',
  ];
  if (model.networks.length > 0) {
    lines.push('# The networks the lab creates: isolated (no <ip>, no <forward>), as rejviz-up creates them.', 'networks:', ...model.networks.flatMap((n) => networkUp(n.name, n.xmlFile)), '');
  }
  for (const m of model.machines) {
    lines.push(`# ${m.machine}: domain ${m.domain}, overlay on ${m.base.split('/').pop()}${m.seed ? ', NoCloud seed' : ''}`);
    lines.push(...machineUp(m, model), '', ...machineDown(m, model), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
