// What a connection holds that planning a domain needs: the defined networks and domains, as
// their XML, read in two virsh processes (virsh runs several ';'-separated commands over one
// connection), so planning costs the same few tens of milliseconds however many domains exist.
import type { Runner } from './exec.js';
import { virshQuery, type LibvirtConnection } from './libvirt-connection.js';

export interface LibvirtState {
  networkNames: string[];
  domainNames: string[];
  /** `virsh net-dumpxml` of every network, in networkNames order. */
  networkXml: string[];
  /** `virsh dumpxml` of every domain except `excluded`, in domainNames order. */
  domainXml: string[];
}

const SEPARATOR = '@@rejviz-domains@@';

/** Quotes a word for virsh's own command-string parser (single quotes, as in a shell). */
export function virshWord(word: string): string {
  return /^[\w.:@+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function documents(text: string, root: 'network' | 'domain'): string[] {
  return [...text.matchAll(new RegExp(`<${root}[\\s>][\\s\\S]*?</${root}>`, 'g'))].map((m) => m[0]);
}

function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** Reads the networks and domains (but `excluded`'s XML) of a connection; a failed connection is a UsageError. */
export async function readLibvirtState(runner: Runner, connection: LibvirtConnection, excluded: string | null): Promise<LibvirtState> {
  // virsh's own echo separates the two lists (either may be empty).
  const names = await virshQuery(runner, connection, [`net-list --all --name; echo ${SEPARATOR}; list --all --name`]);
  const [netPart = '', domPart = ''] = names.stdout.split(SEPARATOR);
  const networkNames = lines(netPart);
  const domainNames = lines(domPart);
  const others = domainNames.filter((name) => name !== excluded);
  const commands = [...networkNames.map((n) => `net-dumpxml ${virshWord(n)}`), ...others.map((d) => `dumpxml ${virshWord(d)}`)];
  // A domain undefined meanwhile makes its dumpxml fail; virsh goes on with the rest.
  const xml = commands.length === 0 ? '' : (await virshQuery(runner, connection, [commands.join('; ')], { allowFailure: true })).stdout;
  return { networkNames, domainNames, networkXml: documents(xml, 'network'), domainXml: documents(xml, 'domain') };
}
