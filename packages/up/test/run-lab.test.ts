// rejviz-up run TEMPLATE: the options become a one-machine lab; each bad option is an error naming it.
import test from 'ava';
import { loadLab, runLabData, runLabFile, runLabName, asRunError } from '../src/index.js';

test('the lab name comes from the template unless --name gives it', (t) => {
  t.deepEqual(['debian-12', 'centos-stream-9', 'Fedora_41', '9front', 'x'.repeat(40)].map(runLabName), ['debian-12', 'centos-stream-9', 'fedora-41', 'vm-9front', 'x'.repeat(32)]);
});

test('options become a lab of one machine vm on existing networks, its template built without a network', (t) => {
  t.deepEqual(runLabData({ template: 'debian-12', name: 'web', nics: ['network=iso,address=198.51.100.7/24', 'other', 'network=iso,mac=52:54:00:00:00:07'], memory: '1G', vcpus: '2', size: '10G' }), {
    name: 'web',
    templates: { 'debian-12': { base: 'debian-12', network: false } },
    networks: { net1: { existing: 'iso' }, net2: { existing: 'other' } },
    machines: [{
      name: 'vm', template: 'debian-12', hostname: 'web', memory: '1G', vcpus: 2, disk: '10G',
      nics: [{ network: 'net1', address: '198.51.100.7/24' }, { network: 'net2', address: 'dhcp' }, { network: 'net1', address: 'dhcp', mac: '52:54:00:00:00:07' }],
    }],
  });
  t.deepEqual(runLabData({ template: 'tiny-centos7' }).networks, { net1: { existing: 'default' } }, "without --nic: one NIC on libvirt's default network");
});

test('the lab it stands for loads as a lab file does', async (t) => {
  const lab = await loadLab({ ...runLabFile({ template: 'debian-12', nics: ['network=iso,address=dhcp'] }), });
  t.is(lab.name, 'debian-12');
  t.deepEqual(lab.machines.map((m) => [m.name, m.template, m.nics.map((n) => n.address)]), [['vm', 'debian-12', [{ kind: 'dhcp' }]]]);
  t.false(lab.templates[0]!.buildNetwork);
});

const NIC_FIX = 'write --nic network=NET[,address=ADDRESS[/PREFIX]|dhcp][,mac=MAC][,gateway=ADDRESS], e.g. --nic network=default';
const refused: [Parameters<typeof runLabData>[0], string][] = [
  [{ template: 'debian 12' }, "TEMPLATE 'debian 12': is not a virt-builder template name; give one of virt-builder --list, e.g. rejviz-up run debian-12"],
  [{ template: 'debian-12', name: 'Web' }, "--name 'Web': is not a lab name: 1-32 of a-z, 0-9 and '-', starting with a letter; e.g. --name web"],
  [{ template: 'debian-12', memory: 'lots' }, "--memory 'lots': is not a size; give MiB or a size with a unit, e.g. --memory 1G"],
  [{ template: 'debian-12', vcpus: '0' }, "--vcpus '0': is not a number of CPUs; give a whole number from 1, e.g. --vcpus 2"],
  [{ template: 'debian-12', size: '-1G' }, "--size '-1G': is not a size; give MiB or a size with a unit, e.g. --size 10G"],
  [{ template: 'debian-12', nics: ['network=a', 'address=198.51.100.2'] }, `--nic #2 'address=198.51.100.2': no network=; ${NIC_FIX}`],
  [{ template: 'debian-12', nics: ['network=a,ipaddr=1.2.3.4'] }, `--nic #1 'network=a,ipaddr=1.2.3.4': 'ipaddr' is not a NIC setting here; ${NIC_FIX}`],
  [{ template: 'debian-12', nics: ['network=a,address=300.1.1.1'] }, `--nic #1 'network=a,address=300.1.1.1': address=300.1.1.1 is not an IP address; give ADDRESS or ADDRESS/PREFIX (or dhcp), e.g. address=198.51.100.10/24`],
  [{ template: 'debian-12', nics: ['network=a,network=b'] }, `--nic #1 'network=a,network=b': network= is given twice; ${NIC_FIX}`],
];

for (const [options, message] of refused) {
  test(`refused: ${message.split(':')[0]}`, (t) => {
    t.is(t.throws(() => runLabData(options))?.message, message);
  });
}

test("an error the lab's own checks find is said in terms of the option", async (t) => {
  // A MAC that is not unicast: the lab file's check finds it, at machines[0].nics[0].mac.
  const err = await loadLab({ ...runLabFile({ template: 'debian-12', nics: ['network=iso,mac=01:00:5e:00:00:01'] }), }).catch((e: unknown) => asRunError(e));
  t.regex((err as Error).message, /^--nic #1: .*01:00:5e:00:00:01/);
  t.notRegex((err as Error).message, /rejviz-up run:\d/);
});

test('--ssh gives the VM a management NIC and an ssh section; --ssh-key names the key (and implies --ssh)', async (t) => {
  t.like(runLabData({ template: 'debian-12', ssh: true }).machines[0], { management: true, plugins: { ssh: {} } });
  t.like(runLabData({ template: 'debian-12', sshKey: '/home/u/.ssh/id_ed25519' }).machines[0], { management: true, plugins: { ssh: { key: '/home/u/.ssh/id_ed25519' } } });
  const plain = runLabData({ template: 'debian-12' }).machines[0]!;
  t.false('management' in plain || 'plugins' in plain, 'without --ssh: no management NIC, no ssh');
  const lab = await loadLab(runLabFile({ template: 'debian-12', nics: ['network=iso'], ssh: true }));
  t.deepEqual([lab.machines[0]!.management, lab.machines[0]!.plugins], [true, { ssh: {} }]);
  t.is(t.throws(() => runLabData({ template: 'debian-12', sshKey: '' }))?.message, "--ssh-key '': is not a path; give the path of your private key (its .pub beside it), e.g. --ssh-key ~/.ssh/id_ed25519");
});
