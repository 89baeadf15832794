import test from 'ava';
import { missingPrerequisites, onPath } from '../src/index.js';

test('onPath finds programs on PATH and only those', (t) => {
  t.true(onPath('sh'));
  t.false(onPath('rejviz-surely-missing-tool'));
});

test('each missing prerequisite is named with why, and how to install a tool when known', (t) => {
  t.deepEqual(missingPrerequisites([{ tool: 'sh', probe: ['-c', 'exit 0'] }, { check: () => true, what: 'a check' }]), []);
  t.deepEqual(missingPrerequisites([
    { tool: 'sh', probe: ['-c', 'exit 3'], install: 'apt-get install dash' },
    { tool: 'rejviz-surely-missing-tool' },
    { path: '/nonexistent/rejviz', what: 'a fixture' },
    { check: () => false, what: 'a check' },
  ]), [
    'sh (sh -c exit 3 failed; apt-get install dash)',
    'rejviz-surely-missing-tool (not on PATH)',
    'a fixture (/nonexistent/rejviz missing)',
    'a check',
  ]);
});
