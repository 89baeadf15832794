// The shell completion scripts name the bins themselves (zsh's #compdef line, bash's complete -F,
// host-setup's install loop): each must name exactly the bins the workspaces declare.
import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/env.js';

const declared = ['packages', 'plugins'].flatMap((group) =>
  readdirSync(join(REPO_ROOT, group)).flatMap((name) => {
    const file = join(REPO_ROOT, group, name, 'package.json');
    if (!existsSync(file)) return [];
    return Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { bin?: Record<string, string> }).bin ?? {});
  })).sort();

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const names = (line: string | undefined) => (line ?? '').trim().split(/\s+/).sort();

test('the workspaces declare the five bins', (t) => {
  t.deepEqual(declared, ['rejviz-builder', 'rejviz-customize', 'rejviz-install', 'rejviz-peek', 'rejviz-sysprep', 'rejviz-up']);
});

test('bash: complete -F _rejviz names every declared bin', (t) => {
  t.deepEqual(names(/^complete -F _rejviz (.*)$/m.exec(read('packages/cli/completion/rejviz.bash'))?.[1]), declared);
});

test('zsh: #compdef names every declared bin', (t) => {
  t.deepEqual(names(/^#compdef (.*)$/m.exec(read('packages/cli/completion/_rejviz'))?.[1]), declared);
});

test('scripts/host-setup installs the bash completion under every declared bin', (t) => {
  t.deepEqual(names(/^for bin in (.*); do\n\s+cmp -s "\$completion_src\/rejviz\.bash"/m.exec(read('scripts/host-setup'))?.[1]), declared);
});
