// What shell completion offers for --nic and --nic-format is what the parser and the planner
// accept: every key and listed value parses, a value off the list is refused, and every format is
// one --nic-format plans and renderNics renders.
import test from 'ava';
import { NIC_OPTION_VALUES } from '../src/option-values.js';
import { splitNicOption } from '../src/nic-option.js';
import { FORMATS } from '../src/plan-network.js';
import { nicPlugin, parseNicOption, renderNics } from '../src/index.js';
import { DHCP_BESIDE_STATIC } from './nic-fixtures.js';

test('the completed options are the ones plugin-nic declares', (t) => {
  const declared = (nicPlugin().options ?? []).map((o) => o.name);
  for (const name of Object.keys(NIC_OPTION_VALUES)) t.true(declared.includes(name), name);
});

test('every --nic key offered is one the parser knows', (t) => {
  // splitNicOption judges the keys only; the values are the rules' business.
  for (const key of NIC_OPTION_VALUES['--nic'].keys) t.notThrows(() => splitNicOption(`${key}=x`), key);
  t.throws(() => splitNicOption('ipadr=10.0.0.5'), { message: /unknown key/ });
});

test('every value offered for a --nic key parses, and one off the list is refused', (t) => {
  const base: Record<string, string> = { bootproto: 'name=eth0', defroute: 'name=eth0,ipaddr=10.0.0.5/24,gateway=10.0.0.1', onlink: 'name=eth0,ipaddr=10.0.0.5/24,gateway=10.0.0.1' };
  for (const [key, values] of Object.entries(NIC_OPTION_VALUES['--nic'].keyValues)) {
    const nic = base[key];
    if (nic === undefined) return t.fail(`no base --nic for ${key}`);
    for (const value of values) t.notThrows(() => parseNicOption(`${nic},${key}=${value}${key === 'bootproto' && value === 'static' ? ',ipaddr=10.0.0.5/24' : ''}`), `${key}=${value}`);
    t.throws(() => parseNicOption(`${nic},${key}=maybe`), undefined, `${key}=maybe`);
  }
});

test('every --nic-format offered is auto or a format the planner accepts and renderNics renders', (t) => {
  const offered = NIC_OPTION_VALUES['--nic-format'].oneOf;
  t.is(offered[0], 'auto');
  // plan-network.ts keeps its own list for its messages: the two must not drift apart.
  t.deepEqual(offered.slice(1), [...FORMATS]);
  for (const format of FORMATS) t.true(renderNics(format, DHCP_BESIDE_STATIC).length > 0, format);
});
