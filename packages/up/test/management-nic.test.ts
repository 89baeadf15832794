// The management NIC's pieces: qemu's arguments (restricted, forwarded from 127.0.0.1 only), its
// port read back from a domain's XML, and a free port chosen clear of taken and listening ones.
import test from 'ava';
import { createServer } from 'node:net';
import { freeManagementPort, managementCommandline, managementManifestNic } from '../src/create/management-nic.js';
import { managementPortInXml } from '../src/libvirt/management-port.js';

test('qemu gets a restricted user-mode NIC whose only forward is 127.0.0.1:PORT to the guest\'s port 22', (t) => {
  const line = managementCommandline('52:54:00:12:34:56', 20123);
  t.is(line, '-netdev user,id=rjvmgmt0,restrict=on,ipv6=off,hostfwd=tcp:127.0.0.1:20123-:22 -device virtio-net-pci,netdev=rjvmgmt0,mac=52:54:00:12:34:56,bus=pcie.0,addr=0x10');
  t.like(managementManifestNic('52:54:00:12:34:56'), { name: 'mgmt0', mac: '52:54:00:12:34:56', bootproto: 'static', addresses: [{ address: '10.0.2.15', prefix: 24 }], gateway: null });
});

test('the port is read back from the domain XML virt-install wrote (qemu:arg values), null without one', (t) => {
  const xml = `<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'><name>lab_a</name>
  <qemu:commandline><qemu:arg value='-netdev'/><qemu:arg value='user,id=rjvmgmt0,restrict=on,ipv6=off,hostfwd=tcp:127.0.0.1:20123-:22'/></qemu:commandline></domain>`;
  t.is(managementPortInXml(xml), 20123);
  t.is(managementPortInXml("<domain type='kvm'><name>b</name></domain>"), null);
});

test('a free port: not one another domain has, not one something listens on, and not the same twice in a run', async (t) => {
  const taken = new Set<number>();
  const first = await freeManagementPort(taken, 'lab_a');
  t.true(first >= 20000 && first < 30000);
  t.true(taken.has(first), 'the chosen port is counted as taken');
  // The same seed again: the next port, since the first is taken now.
  const second = await freeManagementPort(taken, 'lab_a');
  t.not(second, first);
  // A port something listens on is skipped.
  const server = createServer();
  const busy = first + 1000 < 30000 ? first + 1000 : first - 1000;
  await new Promise<void>((resolve) => server.listen(busy, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  const candidates = new Set<number>([...Array(10000).keys()].map((i) => 20000 + i).filter((p) => p !== busy));
  // Every other port taken: only the listened-on one is left, and it is not handed out.
  const skip = await freeManagementPort(candidates, 'lab_b').catch((e: Error) => e.message);
  t.regex(String(skip), /^no free port on 127\.0\.0\.1 in 20000-29999 for a management NIC$/, 'every port taken or listened on: a clear error');
});
