// MAC generation, with an injected random source to force re-draws (reading MACs is core's:
// packages/core/test/mac-address.test.ts).

import test from 'ava';
import { isQemuDefaultMac } from '@rejviz/core/nic';
import { assignMacs, generateMac, parseNicOption, type RandomSource } from '../src/index.js';

/** A random source that returns the given 3-byte draws in order, then fails the test. */
function scripted(...draws: number[][]): RandomSource & { calls: number } {
  const source = Object.assign(
    (size: number) => {
      const draw = draws[source.calls++];
      if (draw === undefined || size !== 3) throw new Error(`unexpected draw #${source.calls} of ${size} bytes`);
      return Uint8Array.from(draw);
    },
    { calls: 0 },
  );
  return source;
}

test('generateMac uses the 52:54:00 prefix and the drawn bytes', (t) => {
  t.is(generateMac(new Set(), scripted([0xab, 0xcd, 0xef])), '52:54:00:ab:cd:ef');
});

test('generateMac re-draws when the draw lands in 52:54:00:12:34:xx', (t) => {
  const random = scripted([0x12, 0x34, 0x56], [0x12, 0x34, 0x00], [0x12, 0x35, 0x00]);
  t.is(generateMac(new Set(), random), '52:54:00:12:35:00');
  t.is(random.calls, 3);
});

test('generateMac re-draws when the draw collides with a taken MAC', (t) => {
  const random = scripted([0xaa, 0xbb, 0xcc], [0xaa, 0xbb, 0xcd]);
  t.is(generateMac(new Set(['52:54:00:aa:bb:cc']), random), '52:54:00:aa:bb:cd');
  t.is(random.calls, 2);
});

test('generateMac gives up with an assertion when the source is broken', (t) => {
  const stuck: RandomSource = () => Uint8Array.from([0x12, 0x34, 0x56]);
  t.throws(() => generateMac(new Set(), stuck), { message: /^Assertion failed: random source produced 1000 unusable MACs/ });
});

test('generateMac with the default CSPRNG yields a well-formed, non-QEMU-default MAC', (t) => {
  const mac = generateMac(new Set());
  t.regex(mac, /^52:54:00(:[0-9a-f]{2}){3}$/);
  t.false(isQemuDefaultMac(mac));
});

test('assignMacs keeps given MACs and never generates one that another NIC uses or already got', (t) => {
  const nics = ['name=eth0', 'name=eth1,hwaddr=52:54:00:aa:bb:cc', 'name=eth2'].map((v) => parseNicOption(v).nic);
  // eth0 draws eth1's MAC first, then a QEMU default; eth2 draws eth0's new MAC first.
  const random = scripted([0xaa, 0xbb, 0xcc], [0x12, 0x34, 0x57], [0x01, 0x02, 0x03], [0x01, 0x02, 0x03], [0x04, 0x05, 0x06]);
  const planned = assignMacs(nics, random);
  t.deepEqual(
    planned.map((n) => [n.name, n.mac, n.macGenerated]),
    [
      ['eth0', '52:54:00:01:02:03', true],
      ['eth1', '52:54:00:aa:bb:cc', false],
      ['eth2', '52:54:00:04:05:06', true],
    ],
  );
  t.is(random.calls, 5);
});
