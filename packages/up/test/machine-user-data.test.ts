import test from 'ava';
import { parse } from 'yaml';
import { machineUserData } from '../src/create/machine-install-request.js';
import type { LabMachine } from '../src/lab-file/lab-types.js';

const machine = (userData: Record<string, unknown>) => ({ userData }) as unknown as LabMachine;

test("a machine's user-data: none without additions, #cloud-config with them", (t) => {
  t.is(machineUserData(machine({})), null);
  const text = machineUserData(machine({ runcmd: ['echo a'] }))!;
  t.true(text.startsWith('#cloud-config\n'));
  t.deepEqual(parse(text), { runcmd: ['echo a'] });
});

test('what machineSeed taps add merges in as the lab file merges userData (lists appended, maps by key); the machine is not changed', (t) => {
  const m = machine({ runcmd: ['echo a'], ssh: { emit_keys_to_console: false } });
  const text = machineUserData(m, { runcmd: ['echo b'], ssh: { other: 1 }, ssh_keys: { ed25519_private: 'KEY' } })!;
  t.deepEqual(parse(text), { runcmd: ['echo a', 'echo b'], ssh: { emit_keys_to_console: false, other: 1 }, ssh_keys: { ed25519_private: 'KEY' } });
  t.deepEqual(m.userData, { runcmd: ['echo a'], ssh: { emit_keys_to_console: false } }, 'the secret never reaches the machine (its recorded config)');
  t.deepEqual(parse(machineUserData(machine({}), { ssh_keys: { ed25519_private: 'KEY' } })!), { ssh_keys: { ed25519_private: 'KEY' } });
});
