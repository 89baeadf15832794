// Comments point inside the repository (docs/architecture.md#comments-cite-what-a-reader-can-open):
// no comment or message in packages/, plugins/, test/, scripts/ or fixtures/ cites a document
// that lives outside it, every docs/ page and section they cite exists, and the links between
// the docs pages (and from README.md) lead somewhere.
import test from 'ava';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { docCitations, markdownSections, OUTSIDE_DOCUMENTS, readableTexts, type SourceText } from '../support/citations.js';
import { REPO_ROOT } from '../support/env.js';

const ROOTS = ['packages', 'plugins', 'test', 'scripts', 'fixtures'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', '.git']);
// This file's own examples (the last tests) are bad citations on purpose.
const SELF = 'test/unit/doc-citations.test.ts';

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

/** Every text file of the scanned trees, read once (images and other binaries are left out). */
const FILES = ROOTS.flatMap((root) => [...walk(join(REPO_ROOT, root))])
  .filter((path) => statSync(path).size < 1_000_000)
  .map((path) => ({ path: relative(REPO_ROOT, path), content: readFileSync(path, 'utf8') }))
  .filter((f) => f.path !== SELF && !f.content.includes('\u0000'));

const TEXTS = FILES.map((f) => ({ path: f.path, texts: readableTexts(f.path, f.content) }));

const pageCache = new Map<string, ReturnType<typeof markdownSections> | null>();
function page(path: string): ReturnType<typeof markdownSections> | null {
  if (!pageCache.has(path)) pageCache.set(path, existsSync(path) ? markdownSections(readFileSync(path, 'utf8')) : null);
  return pageCache.get(path) ?? null;
}

/** Where a text cites a document outside the repository: "FILE:LINE: NAME". */
function outsideCitations(path: string, texts: readonly SourceText[]): string[] {
  return texts.flatMap(({ text, line }) => [...text.matchAll(OUTSIDE_DOCUMENTS)].map((m) => {
    const at = line + (text.slice(0, m.index).match(/\n/g)?.length ?? 0);
    return `${path}:${at}: ${m[0]}`;
  }));
}

/** The docs/ citations of a text that lead nowhere: "FILE:LINE: docs/X.md#anchor (why)". */
function brokenCitations(path: string, texts: readonly SourceText[]): string[] {
  return texts.flatMap(({ text, line }) => docCitations(text).flatMap((c) => {
    const where = `${path}:${line}: docs/${c.page}${c.anchor !== undefined ? `#${c.anchor}` : ''}${c.heading !== undefined ? `, "${c.heading}"` : ''}`;
    const sections = page(join(REPO_ROOT, 'docs', c.page));
    if (sections === null) return [`${where} (no such page)`];
    if (c.anchor !== undefined && !sections.anchors.has(c.anchor)) return [`${where} (no such section)`];
    if (c.heading !== undefined && !sections.headings.some((h) => h.toLowerCase() === c.heading?.toLowerCase())) return [`${where} (no such section)`];
    return [];
  }));
}

test('the scanned trees hold the sources (the scan is not vacuous)', (t) => {
  const paths = new Set(FILES.map((f) => f.path));
  for (const expected of ['packages/core/src/errors.ts', 'plugins/plugin-nic/src/render-netplan.ts', 'scripts/host-setup', 'test/netns/sandbox.ts']) {
    t.true(paths.has(expected), expected);
  }
  const errors = TEXTS.find((f) => f.path === 'packages/core/src/errors.ts');
  t.true(errors?.texts.some((s) => s.text.includes('docs/errors.md')), 'comments of errors.ts read');
});

test('no comment or message cites a document that is not in the repository', (t) => {
  const found = TEXTS.flatMap((f) => outsideCitations(f.path, f.texts));
  t.deepEqual(found, [], `cite docs/ pages instead (docs/network-formats.md, docs/architecture.md):\n${found.join('\n')}`);
});

test('every docs/ page and section cited in a comment or message exists', (t) => {
  const cited = TEXTS.flatMap((f) => f.texts.flatMap((s) => docCitations(s.text)));
  t.true(cited.some((c) => c.anchor !== undefined), 'some citations name a section');
  const broken = TEXTS.flatMap((f) => brokenCitations(f.path, f.texts));
  t.deepEqual(broken, [], broken.join('\n'));
});

test('the checks find what they look for: comments and strings, not code', (t) => {
  const source = [
    '// See NETWORK-FORMATS §4 and docs/network-formats.md#netplan.',
    "const x = 'docs/nowhere.md'; /* docs/errors.md#no-such-section */",
    'const re = /STYLE\\.md/; // docs/errors.md, "Faults" and docs/errors.md, "Nothing"',
    'const path = new URL("../../docs/plugins.md", import.meta.url); // upstream owner/repo/docs/x.md',
    '// A citation that wraps: docs/errors.md, "Errors',
    '// as XML" and docs/errors.md, "Errors',
    '// as JSON".',
    '/**',
    ' * In a block: docs/network-formats.md#bad-nic-input and',
    ' * docs/network-formats.md#bad-nic-inputs.',
    ' */',
  ].join('\n');
  const texts = readableTexts('example.ts', source);
  t.deepEqual(outsideCitations('example.ts', texts), ['example.ts:1: NETWORK-FORMATS'], 'the regular expression is code, not a citation');
  t.deepEqual(brokenCitations('example.ts', texts).sort(), [
    'example.ts:2: docs/errors.md#no-such-section (no such section)',
    'example.ts:2: docs/nowhere.md (no such page)',
    'example.ts:3: docs/errors.md, "Nothing" (no such section)',
    'example.ts:5: docs/errors.md, "Errors as XML" (no such section)',
    'example.ts:8: docs/network-formats.md#bad-nic-inputs (no such section)',
  ]);
  t.deepEqual(outsideCitations('scripts/x', readableTexts('scripts/x', 'echo ok\n# as HOST.md section 6 says\n')), ['scripts/x:2: HOST.md']);
});

/** Relative Markdown links of a page that lead nowhere: "PAGE: TARGET (why)". */
function brokenLinks(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/^(```|~~~)[\s\S]*?^\1/gm, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].flatMap((m) => {
    const target = m[1] as string;
    if (/^[a-z]+:/.test(target)) return [];
    const [path = '', anchor] = target.split('#');
    const resolved = path === '' ? file : resolve(dirname(file), path);
    const where = `${relative(REPO_ROOT, file)}: ${target}`;
    if (!existsSync(resolved)) return [`${where} (no such file)`];
    if (anchor === undefined || !resolved.endsWith('.md')) return [];
    return page(resolved)?.anchors.has(anchor) ? [] : [`${where} (no such section)`];
  });
}

test('the links of docs/*.md and README.md lead to a file and section that exist', (t) => {
  const pages = [join(REPO_ROOT, 'README.md'), ...readdirSync(join(REPO_ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(REPO_ROOT, 'docs', f))];
  const broken = pages.flatMap(brokenLinks);
  t.deepEqual(broken, [], broken.join('\n'));
});
