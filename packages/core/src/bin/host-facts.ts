#!/usr/bin/env node
// rejviz-host-facts: prints (and with --probe, re-decides) whether KVM works on this host.
// Used by scripts/host-setup; `--env` prints shell exports for the libguestfs tools. Like the
// other scripts in src/bin it is run by its path, not declared as a package bin: a helper of this
// project's scripts has no place on a user's PATH (test/unit/packaging.test.ts).
import { createRunner } from '../exec.js';
import { guestfsEnv, hostFactsPath, loadHostFacts } from '../host-facts.js';
import { quoteArg } from '../shell-quote.js';

const args = process.argv.slice(2);
const unknown = args.filter((a) => !['--probe', '--env', '--json'].includes(a));
if (unknown.length > 0) {
  process.stderr.write(`rejviz-host-facts: unknown option '${unknown[0]}' (known: --probe, --env, --json)\n`);
  process.exit(2);
}
const facts = await loadHostFacts(createRunner(), process.env, args.includes('--probe'));
if (args.includes('--env')) {
  for (const [k, v] of Object.entries(guestfsEnv(facts))) process.stdout.write(`export ${k}=${quoteArg(v)}\n`);
} else if (args.includes('--json')) {
  process.stdout.write(`${JSON.stringify(facts, null, 2)}\n`);
} else {
  const mode = facts.kvm ? 'KVM' : 'TCG (domain type qemu, libguestfs force_tcg)';
  process.stdout.write(`${mode}: ${facts.reason}; recorded in ${hostFactsPath()}\n`);
}
