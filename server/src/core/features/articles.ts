/**
 * The article side of the editor features (FORMAT.md section 6): in an
 * article (any file that is not a sheet), which lines are cited and by which
 * facts — a code lens above each cited line, a hover listing the claims —
 * and the report of an article that no citation resolves to
 * (`source-unused`). Pure computations over checked sheets that return LSP
 * types, as the sheet's own features in features.ts do.
 */
import * as path from 'node:path';
import { MarkupKind, type CodeLens, type Diagnostic, type Hover, type Location, type Position } from 'vscode-languageserver-types';
import type { ProvenanceProblem } from '../sources/provenance';
import { excerpt } from '../text';
import { EditorCode, type Severity } from '../types';
import { SHOW_CITATIONS_COMMAND } from '../../protocol';
import { citationLocation, cites, type CitationDigest, type SheetDigest } from './digest';
import { DIAGNOSTIC_SOURCE, escapeMarkdown, lspSeverity, type ToUri } from './features';

/** An article the editor asks about. */
export interface ArticleView {
  /** The URI the editor knows the article by. */
  readonly uri: string;
  /** Its real path, the one citations resolve to. */
  readonly path: string;
}

/** A citation of the article, with the lines it cites that the article has. */
interface Citing {
  readonly first: number;
  readonly last: number;
  /** Its place in the order Find All References lists citations in. */
  readonly order: number;
  /** Which fact it belongs to, across sheets. */
  readonly fact: string;
  readonly location: Location;
}

function factKey(sheet: SheetDigest, c: CitationDigest): string {
  return `${sheet.path}\n${c.fact}`;
}

/** Lines that can be cited in the article, as the citations were checked against it. */
function lineCountOf(sheet: SheetDigest, article: ArticleView): number {
  return sheet.source(article.path)?.lineCount ?? 0;
}

/**
 * A code lens above each line of the article that citations cite (the lines
 * of a range each get one; lines past the article's end none): "cited by N
 * facts", N the distinct facts, in every sheet, whose citations include the
 * line, the same citations Find All References lists for it. Its command
 * ({@link SHOW_CITATIONS_COMMAND}) lists them. One sweep over the citations
 * sorted by first line: the work is that of the citations and of the lenses
 * made, never of every line times every citation.
 */
export function codeLenses(sheets: Iterable<SheetDigest>, article: ArticleView, toUri: ToUri): CodeLens[] {
  const citing: Citing[] = [];
  let lineCount: number | undefined;
  for (const sheet of sheets) {
    for (const c of sheet.citations) {
      if (c.sourcePath !== article.path) continue;
      lineCount ??= lineCountOf(sheet, article);
      const first = Math.max(1, c.first);
      const last = Math.min(lineCount, c.last);
      if (first <= last) citing.push({ first, last, order: citing.length, fact: factKey(sheet, c), location: citationLocation(toUri(sheet.path), c) });
    }
  }
  const starts = [...citing].sort((a, b) => a.first - b.first || a.order - b.order);
  const lenses: CodeLens[] = [];
  // The citations of the current line, in their order.
  let active: Citing[] = [];
  let next = 0;
  let line = 0;
  while (next < starts.length || active.length > 0) {
    if (active.length === 0) line = Math.max(line, starts[next].first);
    for (; next < starts.length && starts[next].first <= line; next++) insertInOrder(active, starts[next]);
    lenses.push(lensAt(article.uri, line, active));
    line++;
    active = active.filter((x) => x.last >= line);
  }
  return lenses;
}

function insertInOrder(list: Citing[], item: Citing): void {
  let i = list.length;
  while (i > 0 && list[i - 1].order > item.order) i--;
  list.splice(i, 0, item);
}

function lensAt(uri: string, line: number, citing: readonly Citing[]): CodeLens {
  const facts = new Set(citing.map((x) => x.fact)).size;
  const position: Position = { line: line - 1, character: 0 };
  const locations = citing.map((x) => x.location);
  return {
    range: { start: position, end: position },
    command: { title: `cited by ${facts} ${facts === 1 ? 'fact' : 'facts'}`, command: SHOW_CITATIONS_COMMAND, arguments: [uri, position, locations] },
  };
}

/**
 * Hover on line `line` (1-based) of an article: each claim that cites it
 * (the citations Find All References lists), with its sheet (relative to the
 * sheet's workspace folder, `rootOf`) as a link to the citation and each
 * citation's status in words. Nothing on a line no citation cites.
 */
export function hover(sheets: Iterable<SheetDigest>, article: ArticleView, line: number, rootOf: (sheetPath: string) => string, toUri: ToUri): Hover | null {
  const rows = new Map<string, { readonly head: string; readonly statuses: string[] }>();
  let lineCount: number | undefined;
  for (const sheet of sheets) {
    for (const c of sheet.citations) {
      if (!cites(c, article.path, line)) continue;
      lineCount ??= lineCountOf(sheet, article);
      if (line > lineCount) return null;
      const key = factKey(sheet, c);
      let row = rows.get(key);
      if (!row) {
        const claim = sheet.facts[c.fact]?.claim;
        const shown = claim !== undefined ? excerpt(claim, 200) : `Fact ${c.fact + 1}`;
        const link = `${toUri(sheet.path)}#L${c.line + 1}`.replace(/\(/g, '%28').replace(/\)/g, '%29');
        row = { head: `**${escapeMarkdown(shown)}** — [${escapeMarkdown(sheetLabel(sheet.path, rootOf))}](${link})`, statuses: [] };
        rows.set(key, row);
      }
      // A problem's message is the sheet's own words: escaped.
      row.statuses.push(`${c.mark} ${c.mark === '✗' ? escapeMarkdown(c.status) : c.status}`);
    }
  }
  if (rows.size === 0) return null;
  const head = `**Cited by ${rows.size} ${rows.size === 1 ? 'fact' : 'facts'}** (line ${line})`;
  const list = [...rows.values()].map((r) => `- ${r.head}: ${r.statuses.join('; ')}`);
  return { contents: { kind: MarkupKind.Markdown, value: [head, list.join('\n')].join('\n\n') } };
}

function sheetLabel(sheetPath: string, rootOf: (sheetPath: string) => string): string {
  const relative = path.relative(rootOf(sheetPath), sheetPath);
  return (relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? path.basename(sheetPath) : relative).split(path.sep).join('/');
}

// ------------------------------------------------------------ source-unused

/** An article of a sources folder that no citation resolves to. */
export interface UnusedSource {
  /** The article's absolute path, in the sources folder as the sheet names it: where to report it. */
  readonly path: string;
  /** The sources folder, relative to the workspace folder (its name when it is the workspace folder). */
  readonly folder: string;
  /** The configured severity (`factNotes.severity.source-unused`). */
  readonly severity: Severity;
}

/** The one `source-unused` diagnostic of an article, at its start. */
export function unusedSourceDiagnostic(unused: UnusedSource): Diagnostic {
  const start: Position = { line: 0, character: 0 };
  return {
    range: { start, end: start },
    severity: lspSeverity(unused.severity),
    code: EditorCode.SourceUnused,
    source: DIAGNOSTIC_SOURCE,
    message: `No fact cites this article. Cite it from a sheet, or move it out of the sources folder "${unused.folder}".`,
  };
}

/** The problems of a `sources.yaml` as diagnostics of that file: warnings, since they leave every citation checked. */
export function provenanceDiagnostics(problems: readonly ProvenanceProblem[]): Diagnostic[] {
  return problems.map((p) => ({ range: p.range, severity: lspSeverity('warning'), code: 'invalid-structure', source: DIAGNOSTIC_SOURCE, message: p.message }));
}
