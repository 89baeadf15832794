import test from 'ava';
import { onPath } from '../support/prereq.js';

test('onPath finds programs on PATH and only those', (t) => {
  t.true(onPath('sh'));
  t.false(onPath('rejviz-surely-missing-tool'));
});
