// meta-data goldens and instance ids.

import test from 'ava';
import { parse } from 'yaml';
import { UsageError } from '@rejviz/core';
import { newInstanceId, renderMetaData, validateInstanceId } from '../src/index.js';

test('meta-data: instance-id and local-hostname', (t) => {
  t.is(renderMetaData({ instanceId: 'iid-rejviz-0123456789abcdef', hostname: 'web-1' }), 'instance-id: iid-rejviz-0123456789abcdef\nlocal-hostname: web-1\n');
});

test('meta-data: an FQDN hostname', (t) => {
  t.is(renderMetaData({ instanceId: 'iid-x', hostname: 'web-1.example.com' }), 'instance-id: iid-x\nlocal-hostname: web-1.example.com\n');
});

test('meta-data with dsmode: local (--seed-local)', (t) => {
  t.is(renderMetaData({ instanceId: 'iid-x', hostname: 'web-1', dsmode: 'local' }), 'instance-id: iid-x\nlocal-hostname: web-1\ndsmode: local\n');
  t.deepEqual(parse(renderMetaData({ instanceId: 'iid-x', dsmode: 'local' }), { version: '1.1' }), { 'instance-id': 'iid-x', dsmode: 'local' });
});

test('meta-data without a hostname has the instance id only', (t) => {
  t.is(renderMetaData({ instanceId: 'iid-x' }), 'instance-id: iid-x\n');
  t.is(renderMetaData({ instanceId: 'iid-x', hostname: null }), 'instance-id: iid-x\n');
});

test('meta-data quotes values YAML 1.1 would read as booleans or numbers', (t) => {
  const text = renderMetaData({ instanceId: '12:30', hostname: 'yes' });
  t.is(text, 'instance-id: "12:30"\nlocal-hostname: "yes"\n');
  t.deepEqual(parse(text, { version: '1.1' }), { 'instance-id': '12:30', 'local-hostname': 'yes' });
});

test('meta-data refuses a bad hostname and a bad instance id', (t) => {
  t.throws(() => renderMetaData({ instanceId: 'iid-x', hostname: 'web_1' }), { instanceOf: UsageError, message: /^--hostname 'web_1': not a valid host name/ });
  t.throws(() => renderMetaData({ instanceId: 'iid x' }), {
    instanceOf: UsageError,
    message: "--instance-id 'iid x': not a usable instance id; use 1-128 printable characters without spaces, e.g. iid-web-1",
  });
  t.throws(() => validateInstanceId(''), { message: /^--instance-id '': not a usable instance id/ });
});

test('newInstanceId: iid-rejviz- and 16 hex digits from the injected source', (t) => {
  const id = newInstanceId((size) => Uint8Array.from({ length: size }, (_, i) => i * 17));
  t.is(id, 'iid-rejviz-0011223344556677');
});

test('newInstanceId: random by default, different each time', (t) => {
  const [a, b] = [newInstanceId(), newInstanceId()];
  t.regex(a, /^iid-rejviz-[0-9a-f]{16}$/);
  t.not(a, b);
});

test('newInstanceId: a short random source is a bug, not a usage error', (t) => {
  t.throws(() => newInstanceId(() => new Uint8Array(4)), { message: /^Assertion failed: random source returned 4 bytes/ });
});
