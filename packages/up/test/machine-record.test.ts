// The lab's record in a domain's metadata, and how status shows its age.
import test from 'ava';
import { age } from '../src/print.js';
import { machineMetadataXml, readMachineRecord, userDataDigest } from '../src/index.js';

test('status ages print the way ps and docker do', (t) => {
  t.deepEqual([null, 0, 119, 120, 7199, 7200, 172_799, 172_800].map(age), ['-', '0s', '119s', '2m', '119m', '2h', '47h', '2d']);
});

test("the record carries when the machine was made; an unreadable time reads as null", (t) => {
  const config = { template: 't' } as never;
  const xml = (inner: string) => `<domain><name>x</name><metadata>${inner}</metadata></domain>`;
  const written = machineMetadataXml('lab', 'm', config, new Date('2026-12-03T08:00:00Z'));
  t.is(readMachineRecord(xml(written))?.created, '2026-12-03T08:00:00.000Z');
  t.is(readMachineRecord(xml(written.replace(/created="[^"]*"/, 'created="soon"')))?.created, null);
  t.is(readMachineRecord(xml(written.replace(/ created="[^"]*"/, '')))?.created, null);
});

test('the record carries the groups the machine was made with, outside its config (a new group replaces nothing)', (t) => {
  const config = { template: 't' } as never;
  const xml = (inner: string) => `<domain><name>x</name><metadata>${inner}</metadata></domain>`;
  const written = machineMetadataXml('lab', 'm', config, new Date(), ['web', 'a"b<c']);
  const record = readMachineRecord(xml(written));
  t.deepEqual(record?.groups, ['web', 'a"b<c']);
  t.is(record?.digest, readMachineRecord(xml(machineMetadataXml('lab', 'm', config)))?.digest);
  t.deepEqual(readMachineRecord(xml(machineMetadataXml('lab', 'm', config)))?.groups, []);
  t.deepEqual(readMachineRecord(xml(written.replace(/groups="[^"]*"/, 'groups="[oops"')))?.groups, []);
});

test("userData is in the record only as a salted scrypt digest; a record from before (the object itself) reads as the same digest, so its machine is kept", (t) => {
  const xml = (inner: string) => `<domain><name>x</name><metadata>${inner}</metadata></domain>`;
  const userData = { password: 's3cret-canary', chpasswd: { expire: false } };
  const digest = userDataDigest('lab', 'm', userData);
  t.regex(digest, /^scrypt:[0-9a-f]{64}$/);
  t.is(userDataDigest('lab', 'm', { chpasswd: { expire: false }, password: 's3cret-canary' }), digest, 'key order does not matter');
  t.not(userDataDigest('lab', 'other', userData), digest, 'salted per machine: the same secret on two machines gives two digests');
  t.not(userDataDigest('lab', 'm', { ...userData, password: 's3cret-canarY' }), digest);
  t.is(userDataDigest('lab', 'm', {}), 'none');
  const written = machineMetadataXml('lab', 'm', { template: 't', userData: digest } as never);
  t.false(written.includes('s3cret-canary'));
  // What an older rejviz-up wrote: the userData object in the record's JSON.
  const legacy = written.replace(`&quot;userData&quot;:&quot;${digest}&quot;`, `&quot;userData&quot;:${JSON.stringify(userData).replace(/"/g, '&quot;')}`);
  t.true(legacy.includes('s3cret-canary'), 'the legacy record does hold the object');
  t.is(readMachineRecord(xml(legacy))?.config?.userData, digest);
  t.deepEqual(readMachineRecord(xml(legacy))?.config, readMachineRecord(xml(written))?.config);
});
