// UsageError is recognised across copies of core (a bundled bin and an external plugin each have
// one), and only UsageError itself, not its subclasses, looks at the shared mark.
import test from 'ava';
import { ToolError, ToolMissingError, UsageError } from '../src/errors.js';

/** What a UsageError from another copy of core looks like: another class with the same mark. */
function foreignUsageError(message: string): Error {
  const e = new Error(message);
  Object.defineProperty(e, Symbol.for('rejviz.UsageError'), { value: true });
  return e;
}

test('a UsageError from another copy of core is a UsageError', (t) => {
  t.true(foreignUsageError('bad') instanceof UsageError);
  t.false(foreignUsageError('bad') instanceof ToolMissingError);
});

test('plain errors and other kinds are not UsageErrors; subclasses are', (t) => {
  t.false(new Error('x') instanceof UsageError);
  t.false(new ToolError('virsh', 'virsh list', 1, '') instanceof UsageError);
  t.false((null as unknown) instanceof UsageError);
  t.true(new ToolMissingError('virsh', 'install libvirt-clients') instanceof UsageError);
  t.true(new ToolMissingError('virsh', 'install libvirt-clients') instanceof ToolMissingError);
  t.false(new UsageError('x') instanceof ToolMissingError);
});
