// Each lab machine's serial console is a pty (virsh console) logged to STATEDIR/console/MACHINE.log:
// the path, virt-install's --serial for it (quoted where virt-install would split it), the install
// request that carries it, and gen's Makefile making its directory before the domain starts.
import test from 'ava';
import { UsageError } from '@rejviz/core';
import { serialConsoleArgs } from '../src/create/machine-install-request.js';
import { renderMakefile, type MakefileModel } from '../src/gen/render-makefile.js';
import { consoleLogPath } from '../src/state/lab-paths.js';

test('the log is in the lab state directory, absolute (libvirt takes no relative path)', (t) => {
  t.is(consoleLogPath('/root/.local/state/rejviz/labs/web', 'db'), '/root/.local/state/rejviz/labs/web/console/db.log');
  t.true(consoleLogPath('state/rejviz/labs/web', 'db').startsWith('/'));
});

test('--serial pty,log.file=PATH; a path with commas is quoted, one with a double quote refused naming XDG_STATE_HOME', (t) => {
  t.deepEqual(serialConsoleArgs('/s/console/db.log'), ['--serial', 'pty,log.file=/s/console/db.log']);
  t.deepEqual(serialConsoleArgs('/a b,c/console/db.log'), ['--serial', 'pty,log.file="/a b,c/console/db.log"']);
  t.deepEqual(serialConsoleArgs(null), []);
  const error = t.throws(() => serialConsoleArgs('/a"b/console/db.log'), { instanceOf: UsageError });
  t.regex(error!.message, /^XDG_STATE_HOME: the console log \/a"b\/console\/db\.log has a double quote in its path, which virt-install's --serial cannot take; set XDG_STATE_HOME to a directory without one$/);
});

test("gen's Makefile makes the console log's directory (private) before it starts the domain, also for a domain defined already", (t) => {
  const model: MakefileModel = {
    lab: 'web', file: 'lab.yaml', uri: null, pool: 'default', poolPath: '/pool', networks: [],
    machines: [{
      machine: 'db', domain: 'web_db', base: '/pool/t.qcow2', xml: '', xmlFile: 'machines/db/domain.xml', seedFiles: [],
      volumes: [{ name: 'web_db.qcow2', format: 'qcow2', sizeMiB: 64 }], seed: null, consoleLog: '/home/a b/state/rejviz/labs/web/console/db.log',
    }],
  };
  const text = renderMakefile(model);
  t.true(text.includes([
    "\t@umask 077 && mkdir -p '/home/a b/state/rejviz/labs/web/console'",
    '\t$(VIRSH) -q domstate web_db | grep -qx running || $(VIRSH) -q start web_db',
  ].join('\n')), text);
  t.false(renderMakefile({ ...model, machines: [{ ...model.machines[0]!, consoleLog: null }] }).includes('mkdir'), 'no log, no directory');
});
