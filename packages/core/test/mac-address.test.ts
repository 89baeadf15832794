// The one MAC normaliser: its three readings (what users write, what guest files hold, what
// libvirt accepts) and the ranges QEMU and libvirt care about.
import test from 'ava';
import { isMulticastMac, isQemuDefaultMac, normaliseMac } from '../src/nic/index.js';

test('strict: lowercase, dashes become colons', (t) => {
  t.is(normaliseMac('52:54:00:AB:cd:EF'), '52:54:00:ab:cd:ef');
  t.is(normaliseMac('52-54-00-AB-CD-EF'), '52:54:00:ab:cd:ef');
});

test('strict refuses short, long, mixed-separator, one-digit, blank-padded and non-hex forms', (t) => {
  for (const bad of ['52:54:00:ab:cd', '52:54:00:ab:cd:ef:01', '52:54-00:ab:cd:ef', '5254.00ab.cdef', '52:54:00:ab:cd:eg', '2:54:00:ab:cd:ef', ' 52:54:00:ab:cd:ef', '']) {
    t.is(normaliseMac(bad), undefined, JSON.stringify(bad));
  }
});

test('guest: as strict, with the blanks around the value a guest file may keep ignored', (t) => {
  t.is(normaliseMac('  52:54:00:AA:00:01\t', 'guest'), '52:54:00:aa:00:01');
  t.is(normaliseMac('2:54:00:ab:cd:ef', 'guest'), undefined);
  t.is(normaliseMac('52:54:00:ab:cd', 'guest'), undefined);
});

test('libvirt: one-digit octets as virMacAddrParse takes them, padded to two', (t) => {
  t.is(normaliseMac('52:54:0:A:b:c', 'libvirt'), '52:54:00:0a:0b:0c');
  t.is(normaliseMac('52-54-00-aa-00-01', 'libvirt'), '52:54:00:aa:00:01');
  for (const bad of ['52:54:0:a:b', '52:54:0:a:b:c:d', '52:54-0:a:b:c', '052:54:00:aa:00:01', ' 52:54:00:aa:00:01']) {
    t.is(normaliseMac(bad, 'libvirt'), undefined, bad);
  }
  t.is(normaliseMac('52:54:0:a:b:c'), undefined, 'not what a user may write');
});

test('QEMU default range is exactly 52:54:00:12:34:xx', (t) => {
  t.true(isQemuDefaultMac('52:54:00:12:34:56'));
  t.false(isQemuDefaultMac('52:54:00:12:35:56'));
});

test('the group bit makes a MAC multicast (broadcast included)', (t) => {
  t.true(isMulticastMac('01:00:5e:00:00:01'));
  t.true(isMulticastMac('ff:ff:ff:ff:ff:ff'));
  t.false(isMulticastMac('52:54:00:aa:00:01'));
});
