// uuid5 against the cloud-init vectors listed in docs/network-formats.md#networkmanager-keyfile.

import test from 'ava';
import { REJVIZ_UUID_NAMESPACE, uuid5 } from '../src/index.js';

const CLOUD_INIT = 'a3924cb8-09e0-43e9-890b-77972a800108';

test('matches cloud-init uuid5 values for its namespace', (t) => {
  t.deepEqual(['eth0', 'eth1', 'eth99', 'iface0'].map((name) => uuid5(name, CLOUD_INIT)), [
    '1dd9a779-d327-56e1-8454-c65e2556c12c',
    '3c50eb47-7260-5a6d-801d-bd4f587d6b58',
    'b1b88000-1f03-5360-8377-1a2205efffb4',
    '8ddfba48-857c-5e86-ac09-1b43eae0bf70',
  ]);
});

test('defaults to the rejviz namespace, which differs from cloud-init', (t) => {
  t.is(uuid5('eth0'), uuid5('eth0', REJVIZ_UUID_NAMESPACE));
  t.not(uuid5('eth0'), uuid5('eth0', CLOUD_INIT));
  t.regex(uuid5('eth0'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
