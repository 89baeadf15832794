// What the citation test reads: the comments and string texts of a source file, the docs/ pages
// they cite, and the sections of a Markdown page
// (docs/architecture.md#comments-cite-what-a-reader-can-open).
import ts from 'typescript';

/** Documents that exist only outside this repository; citing one sends the reader nowhere. */
export const OUTSIDE_DOCUMENTS = /NETWORK-FORMATS|\bSTYLE\.md|\bHOST\.md|\bCLOUD-IMAGES\.md|\bREFERENCE-SYSTEMS\.md|\/work\/shared\b/g;

const SCRIPT = /\.(?:[cm]?ts|[cm]?js)$/;

/** One piece of text a reader sees in a file (a comment, a string), with its line. */
export interface SourceText {
  text: string;
  line: number;
}

/**
 * The comments and string texts of a TypeScript or JavaScript file (through the TypeScript
 * parser: a `//` inside a string or a regular expression is no comment), or the whole text of
 * any other file (scripts, fixtures), where every mention counts.
 */
export function readableTexts(path: string, content: string): SourceText[] {
  if (!SCRIPT.test(path)) return [{ text: content, line: 1 }];
  const file = ts.createSourceFile(path, content, ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : undefined);
  const out: SourceText[] = [];
  const seen = new Set<number>();
  const lineOf = (pos: number) => file.getLineAndCharacterOfPosition(pos).line + 1;
  // Consecutive `//` lines are one comment, so a citation may wrap from one line to the next.
  let lastLineComment: { item: SourceText; line: number } | null = null;
  const comments = (ranges: readonly ts.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) {
      if (seen.has(r.pos)) continue;
      seen.add(r.pos);
      const text = content.slice(r.pos, r.end);
      const line = lineOf(r.pos);
      const single = r.kind === ts.SyntaxKind.SingleLineCommentTrivia;
      if (single && lastLineComment !== null && lastLineComment.line === line - 1 && out.at(-1) === lastLineComment.item) {
        lastLineComment.item.text += `\n${text}`;
        lastLineComment.line = line;
        continue;
      }
      const item = { text, line };
      out.push(item);
      lastLineComment = single ? { item, line } : null;
    }
  };
  // Every token, so that a comment before a closing brace or at the end of the file is seen too.
  const visit = (node: ts.Node) => {
    comments(ts.getLeadingCommentRanges(content, node.getFullStart()));
    comments(ts.getTrailingCommentRanges(content, node.getEnd()));
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) out.push({ text: node.text, line: lineOf(node.getStart(file)) });
    for (const child of node.getChildren(file)) visit(child);
  };
  visit(file);
  return out;
}

/** A docs/ page cited in a text, with the section it names (an #anchor or a quoted heading). */
export interface DocCitation {
  page: string;
  anchor?: string;
  heading?: string;
}

// `docs/<page>.md`, with `#anchor`, or with `, "Heading"` (or `, section "Heading"`) after it. A
// path that merely ends in docs/ (another project's `owner/repo/docs/…`, `../docs/…`) is not one.
const CITATION = /(?<![\w/.-])docs\/([\w.-]+\.md)(?:#([\w-]+)|,? (?:section )?"([^"\n]+)")?/g;

/** The docs/ pages a text cites; a citation may wrap onto the next line of a comment. */
export function docCitations(text: string): DocCitation[] {
  const joined = text.replace(/\n[ \t]*(?:\/\/|\*(?!\/))?[ \t]*/g, ' ');
  return [...joined.matchAll(CITATION)].map((m) => ({
    page: m[1] as string,
    ...(m[2] !== undefined && { anchor: m[2] }),
    ...(m[3] !== undefined && { heading: m[3] }),
  }));
}

/** The anchor GitHub gives a heading: lowercase, punctuation dropped, each space a hyphen. */
export function headingAnchor(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** The headings of a Markdown page (not the `#` lines of its code blocks), as written and as anchors. */
export function markdownSections(markdown: string): { headings: string[]; anchors: Set<string> } {
  const headings: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(```|~~~)/.exec(line)?.[1];
    if (marker !== undefined) fence = fence === null ? marker : fence === marker ? null : fence;
    const m = fence === null ? /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line) : null;
    if (m?.[1] !== undefined) headings.push(m[1].replace(/`/g, ''));
  }
  const anchors = new Set<string>();
  const count = new Map<string, number>();
  for (const heading of headings) {
    // GitHub numbers repeated headings: name, name-1, name-2 …
    const base = headingAnchor(heading);
    const n = count.get(base) ?? 0;
    anchors.add(n === 0 ? base : `${base}-${n}`);
    count.set(base, n + 1);
  }
  return { headings, anchors };
}
