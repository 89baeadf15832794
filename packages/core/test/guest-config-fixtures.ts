// Guest files kept as folders under test/fixtures/guest-config: each case folder holds the files at
// their guest paths (a top-level seed/ folder stands for a NoCloud seed, `seed:/…`).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cidrs } from '@rejviz/test-support';
import type { GuestAddress, GuestConfigFile, GuestNicConfig } from '../src/guest-config/index.js';

const ROOT = fileURLToPath(new URL('../../test/fixtures/guest-config/', import.meta.url));

function walk(dir: string, rel: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = `${dir}/${name}`;
    return statSync(path).isDirectory() ? walk(path, `${rel}/${name}`) : [`${rel}/${name}`];
  });
}

/** The case folders under fixtures/guest-config/<parts…>. */
export function fixtureCases(...parts: string[]): string[] {
  return readdirSync(`${ROOT}${parts.join('/')}`).sort();
}

/** The guest files of one fixture folder; `mode` is given to every file (git keeps no modes). */
export function fixtureFiles(parts: string[], mode?: number): GuestConfigFile[] {
  const dir = `${ROOT}${parts.join('/')}`;
  return walk(dir, '').map((rel) => ({
    path: rel.startsWith('/seed/') ? `seed:${rel.slice('/seed'.length)}` : rel,
    content: readFileSync(`${dir}${rel}`, 'utf8'),
    ...(mode === undefined ? {} : { mode }),
  }));
}

/** A config with every field at its empty value, for deepEqual expectations. */
export function nicConfig(fields: Partial<GuestNicConfig> & Pick<GuestNicConfig, 'format' | 'file'>): GuestNicConfig {
  return {
    mac: null, name: null, nameIsGlob: false, bootproto: null, addresses: [], gateway: null, gateway6: null,
    dns: [], mtu: null, notes: [], ...fields,
  };
}

/** Addresses as a guest config holds them, from "ADDRESS/PREFIX" texts (a bare address has no prefix). */
export function addrs(...texts: string[]): GuestAddress[] {
  return texts.map((text) => (text.includes('/') ? cidrs(text)[0]! : { address: text, prefix: null }));
}
