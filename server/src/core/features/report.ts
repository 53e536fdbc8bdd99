/**
 * The report of checked sheets as one self-contained HTML page (`fact-notes
 * report`, and the editor's "Fact Notes: Open Report"): for an editor who
 * never opens VS Code. Pure: it takes checks, source texts and provenance
 * and returns a string; nothing is read or written here.
 *
 * The page needs nothing from elsewhere: inline CSS only, no script, no font,
 * no image, and a Content-Security-Policy that allows only inline styles.
 * Every text of a sheet or an article is untrusted and escaped.
 */
import * as path from 'node:path';
import type { CitationCheck, SheetCheck } from '../check/results';
import { factExtent, type Fact } from '../model';
import type { SourceText } from '../sources/sources';
import type { Provenance } from '../sources/provenance';
import type { DiagnosticCode, FactDiagnostic, Span } from '../types';
import { disagreementsOf, type Disagreement } from './disagreements';

/** One checked sheet, and how to read what it cites. */
export interface ReportSheet {
  readonly check: SheetCheck;
  /** The sheet's name on the page: its path relative to the folder of the run, with `/`. */
  readonly name: string;
  /** A cited source's text. */
  readonly source: (realPath: string) => SourceText | undefined;
  /** Where a cited source came from, from the `sources.yaml` beside it. */
  readonly provenance?: (realPath: string) => Provenance | undefined;
}

export interface ReportOptions {
  /** The page's title when it reports several sheets (default "Fact Notes report"). */
  readonly title?: string;
  /** A line under the summary, such as when and where the report was made. */
  readonly generated?: string;
}

/** What a fact is, for its badge: the worst of what its diagnostics say. */
export type FactStatus = 'verified' | 'broken' | 'unsupported' | 'warning' | 'ignored';

export interface ReportCounts {
  sheets: number;
  facts: number;
  verified: number;
  broken: number;
  unsupported: number;
  warning: number;
  singleSource: number;
  ignored: number;
}

/** A fact with what the check says of it. */
interface FactReport {
  readonly fact: Fact;
  readonly status: FactStatus;
  readonly diagnostics: readonly FactDiagnostic[];
  readonly ignored: readonly { readonly diagnostic: FactDiagnostic; readonly reason: string }[];
  readonly citations: readonly CitationCheck[];
  readonly singleSource: boolean;
}

const UNSUPPORTED: DiagnosticCode = 'claim-unsupported';
const SINGLE_SOURCE: DiagnosticCode = 'single-source';

function within(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Each fact of a check with its diagnostics (those whose range is inside the fact) and its status. */
function factReports(check: SheetCheck): FactReport[] {
  return check.sheet.facts.map((fact) => {
    const whole = factExtent(fact);
    const diagnostics = check.diagnostics.filter((d) => within(whole, d.span));
    const ignored = (check.ignored ?? []).filter((i) => within(whole, i.diagnostic.span));
    const citations = check.citations.filter((c) => c.fact === fact);
    let status: FactStatus;
    if (diagnostics.some((d) => d.severity === 'error')) status = 'broken';
    else if (diagnostics.some((d) => d.code === UNSUPPORTED)) status = 'unsupported';
    else if (diagnostics.some((d) => d.severity === 'warning')) status = 'warning';
    else if (ignored.length > 0) status = 'ignored';
    else status = 'verified';
    return { fact, status, diagnostics, ignored, citations, singleSource: diagnostics.some((d) => d.code === SINGLE_SOURCE) };
  });
}

/** The diagnostics of a sheet that are about no fact (YAML, the sheet's own keys). */
function sheetDiagnostics(check: SheetCheck): FactDiagnostic[] {
  return check.diagnostics.filter((d) => !check.sheet.facts.some((f) => within(factExtent(f), d.span)));
}

/** The numbers at the top of the report, of every sheet together. */
export function reportCounts(sheets: readonly ReportSheet[]): ReportCounts {
  const c: ReportCounts = { sheets: sheets.length, facts: 0, verified: 0, broken: 0, unsupported: 0, warning: 0, singleSource: 0, ignored: 0 };
  for (const s of sheets) addCounts(c, factReports(s.check));
  return c;
}

function addCounts(c: ReportCounts, facts: readonly FactReport[]): void {
  for (const f of facts) {
    c.facts++;
    if (f.status === 'verified') c.verified++;
    else if (f.status === 'broken') c.broken++;
    else if (f.status === 'warning') c.warning++;
    // Unsupported is counted whatever else is wrong; so are a single source and what was silenced.
    if (f.diagnostics.some((d) => d.code === UNSUPPORTED)) c.unsupported++;
    if (f.singleSource) c.singleSource++;
    if (f.ignored.length > 0) c.ignored++;
  }
}

// ------------------------------------------------------------------ text

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** An id for an element, from any text: letters, digits and dashes. */
function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'x';
}

/** A short line is shown whole; a longer one, the sentence around the quote. */
const WHOLE_LINE = 280;
/** A sentence longer than this is cut around the quote. */
const CONTEXT = 200;

/** A word before a period that does not end a sentence: an initial ("U.S.", "J.") or a title ("Mr."). */
const ABBREVIATION = /(?:(?:^|[\s("“])(?:[A-Z]\.)*[A-Z]|(?:^|\s)(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Lt|Prof|No|vs|etc))$/;

/** Whether a sentence ends at `text[i]` (a `.`, `!` or `?`), and where it ends then (after closing quotes). */
function sentenceEnd(text: string, i: number, limit: number): number | undefined {
  if (!'.!?'.includes(text[i])) return undefined;
  let j = i + 1;
  while (j < limit && '"\'”’»)]'.includes(text[j])) j++;
  if (j < limit && !/\s/.test(text[j])) return undefined;
  if (text[i] === '.' && ABBREVIATION.test(text.slice(Math.max(0, i - 12), i))) return undefined;
  return j;
}

/** The part of a source around a match: the text before, the match, the text after (whitespace flattened). */
export interface Excerpt {
  readonly before: string;
  readonly marked: string;
  readonly after: string;
}

/**
 * The sentence of `text` around `match`, within `line` (the cited lines):
 * the whole line when it is short; otherwise from the end of the sentence
 * before the match to the end of the one the match ends in, cut to about
 * {@link CONTEXT} characters on either side.
 */
export function sentenceAround(text: string, line: Span, match: Span): Excerpt {
  let start = line.start;
  let end = line.end;
  if (end - start > WHOLE_LINE) {
    for (let i = match.start - 1; i >= line.start; i--) {
      const e = sentenceEnd(text, i, line.end);
      if (e !== undefined && e <= match.start) {
        start = e;
        break;
      }
    }
    for (let i = Math.max(match.start, match.end - 1); i < line.end; i++) {
      const e = sentenceEnd(text, i, line.end);
      if (e !== undefined) {
        end = e;
        break;
      }
    }
  }
  let before = text.slice(start, match.start);
  let after = text.slice(match.end, end);
  if (before.length > CONTEXT) before = '…' + before.slice(before.length - CONTEXT).replace(/^\S*\s/, '');
  if (after.length > CONTEXT) after = after.slice(0, CONTEXT).replace(/\s\S*$/, '') + '…';
  return { before: flat(before).trimStart(), marked: flat(text.slice(match.start, match.end)), after: flat(after).trimEnd() };
}

/** The cited lines when there is no match to mark: whole when short, else their beginning. */
function linesExcerpt(text: string, line: Span): string {
  const t = flat(text.slice(line.start, line.end)).trim();
  return t.length > WHOLE_LINE ? `${t.slice(0, WHOLE_LINE).replace(/\s\S*$/, '')}…` : t;
}

// ------------------------------------------------------------------ page

const CSP = "default-src 'none'; style-src 'unsafe-inline'";

/*
 * Colours: every pair of text and background has a contrast of at least
 * 4.5:1 (most above 7:1); a badge says its status in words, the colour only
 * repeats it.
 */
const STYLE = `
:root { color-scheme: light; }
html, body { background: #ffffff; color: #1b1b1b; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 .25rem; }
h2 { font-size: 1.45rem; margin: 2.25rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid #c8ccd2; }
h3 { font-size: 1.15rem; margin: 0 0 .35rem; }
h4 { font-size: 1rem; margin: 0 0 .35rem; }
a { color: #0a4fa8; }
a:focus-visible { outline: 3px solid #0a4fa8; outline-offset: 2px; }
.meta { color: #4a4f57; margin: 0 0 1rem; }
code, .file { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
.summary { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; margin: 1rem 0; }
.summary li { border: 1px solid #c8ccd2; border-radius: 6px; padding: .15rem .6rem; background: #f6f7f9; }
.summary strong { font-size: 1.1rem; margin-right: .2rem; }
.contents ol { padding-left: 1.25rem; }
article.fact { border: 1px solid #c8ccd2; border-left: 6px solid #6b7280; border-radius: 6px; padding: .75rem 1rem; margin: 0 0 1rem; background: #ffffff; }
article.fact.verified { border-left-color: #17803d; }
article.fact.broken { border-left-color: #b3261e; }
article.fact.unsupported, article.fact.warning { border-left-color: #a15c00; }
article.fact.ignored { border-left-color: #6b7280; }
.fact-id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-weight: normal; font-size: .85em; color: #4a4f57; }
.claim { font-size: 1.05rem; margin: .1rem 0 .5rem; }
.badges { margin: 0 0 .5rem; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: .35rem; }
.badge { display: inline-block; border: 1px solid currentColor; border-radius: 4px; padding: 0 .45rem; font-size: .85rem; font-weight: 600; }
.badge.verified { color: #0d5c2a; background: #e7f5ec; }
.badge.broken { color: #8a1c15; background: #fdecea; }
.badge.unsupported, .badge.warning { color: #6e3f00; background: #fff3e0; }
.badge.single-source { color: #1d3f73; background: #e8eefb; }
.badge.ignored { color: #3d4249; background: #eef0f2; }
.problem { margin: .25rem 0; color: #3d1a17; }
.note { color: #3d4249; font-style: italic; margin: .25rem 0 .5rem; }
.tags { color: #4a4f57; font-size: .9rem; margin: 0 0 .5rem; }
ol.citations { list-style: none; padding: 0; margin: .5rem 0 0; }
ol.citations > li { border-top: 1px solid #e1e4e8; padding: .5rem 0 .25rem; }
.where { font-size: .9rem; color: #3d4249; margin: 0 0 .25rem; }
blockquote { margin: .25rem 0 .25rem; padding: .25rem .75rem; border-left: 3px solid #c8ccd2; background: #f6f7f9; }
mark { background: #ffe27a; color: #111111; padding: 0 .1em; border-radius: 2px; font-weight: 600; }
.quoted { margin: .25rem 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; table-layout: fixed; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid #c8ccd2; padding: .5rem .6rem; vertical-align: top; text-align: left; }
thead th { background: #eef0f2; }
.sources li { margin: 0 0 .5rem; }
.muted { color: #4a4f57; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  article.fact, table, blockquote { break-inside: avoid; }
  .contents { display: none; }
  a { color: #000000; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; }
  mark { background: #ffe27a; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .badge { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;

const BADGE_TEXT: Record<FactStatus, string> = {
  verified: 'Verified',
  broken: 'Broken',
  unsupported: 'Unsupported',
  warning: 'Warning',
  ignored: 'Ignored',
};

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** The report as one HTML page: a summary, then each sheet (one section per sheet, with a contents list when there are several). */
export function renderReport(sheets: readonly ReportSheet[], options: ReportOptions = {}): string {
  return buildReport(sheets, options).html;
}

/** The page and the numbers at its top, worked out together (the command line prints the numbers). */
export function buildReport(sheets: readonly ReportSheet[], options: ReportOptions = {}): { readonly html: string; readonly counts: ReportCounts } {
  const one = sheets.length === 1;
  const title = one ? sheetTitle(sheets[0]) : (options.title ?? 'Fact Notes report');
  const perSheet = sheets.map((s) => ({ sheet: s, facts: factReports(s.check) }));
  const total: ReportCounts = { sheets: sheets.length, facts: 0, verified: 0, broken: 0, unsupported: 0, warning: 0, singleSource: 0, ignored: 0 };
  for (const s of perSheet) addCounts(total, s.facts);
  const out: string[] = [];
  out.push(
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Fact Notes">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
  );
  out.push(`<p class="meta">${one ? `Fact sheet <span class="file">${escapeHtml(sheets[0].name)}</span>` : `${plural(sheets.length, 'fact sheet')}`}${options.generated ? ` · ${escapeHtml(options.generated)}` : ''}</p>`);
  out.push(summaryList(total, 'Summary'));
  out.push('</header>');
  if (!one && sheets.length > 0) {
    out.push('<nav class="contents" aria-labelledby="contents"><h2 id="contents">Contents</h2><ol>');
    perSheet.forEach(({ sheet, facts }, i) => {
      const c = countsOf(facts);
      out.push(`<li><a href="#${sheetAnchor(i, sheet)}">${escapeHtml(sheetTitle(sheet))}</a> <span class="muted">(<span class="file">${escapeHtml(sheet.name)}</span>: ${plural(c.facts, 'fact')}, ${c.verified} verified, ${c.broken} broken)</span></li>`);
    });
    out.push('</ol></nav>');
  }
  if (sheets.length === 0) out.push('<p>No fact sheets were found.</p>');
  perSheet.forEach(({ sheet, facts }, i) => out.push(sheetSection(sheet, facts, i, one)));
  out.push('</main>', '</body>', '</html>', '');
  return { html: out.join('\n'), counts: total };
}

function countsOf(facts: readonly FactReport[]): ReportCounts {
  const c: ReportCounts = { sheets: 1, facts: 0, verified: 0, broken: 0, unsupported: 0, warning: 0, singleSource: 0, ignored: 0 };
  addCounts(c, facts);
  return c;
}

function summaryList(c: ReportCounts, label: string): string {
  const items: [number, string][] = [
    [c.facts, c.facts === 1 ? 'fact' : 'facts'],
    [c.verified, 'verified'],
    [c.broken, 'broken'],
    [c.unsupported, 'unsupported'],
  ];
  if (c.warning > 0) items.push([c.warning, c.warning === 1 ? 'with a warning' : 'with warnings']);
  items.push([c.singleSource, 'single source'], [c.ignored, 'ignored']);
  return `<ul class="summary" aria-label="${escapeHtml(label)}">${items.map(([n, w]) => `<li><strong>${n}</strong> ${w}</li>`).join('')}</ul>`;
}

function sheetTitle(s: ReportSheet): string {
  return s.check.sheet.title?.value.trim() || path.posix.basename(s.name);
}

function sheetAnchor(i: number, s: ReportSheet): string {
  return `sheet-${i + 1}-${slug(path.posix.basename(s.name).replace(/\.facts\.ya?ml$/, ''))}`;
}

function factAnchor(prefix: string, f: Fact): string {
  return `${prefix}-fact-${f.index + 1}${f.id ? `-${slug(f.id.value)}` : ''}`;
}

/** One sheet: its summary (when there are several), problems of the sheet, facts, disagreements, sources. */
function sheetSection(sheet: ReportSheet, facts: readonly FactReport[], i: number, one: boolean): string {
  // One sheet: its title is the page's h1, its parts h2, facts h3. Several: each sheet h2, parts h3, facts h4.
  const h = (level: number) => `h${one ? level : level + 1}`;
  const anchor = sheetAnchor(i, sheet);
  const out: string[] = [`<section class="sheet" id="${anchor}" aria-labelledby="${anchor}-title">`];
  if (!one) {
    out.push(`<h2 id="${anchor}-title">${escapeHtml(sheetTitle(sheet))}</h2>`);
    out.push(`<p class="meta">Fact sheet <span class="file">${escapeHtml(sheet.name)}</span></p>`);
    out.push(summaryList(countsOf(facts), `Summary of ${sheetTitle(sheet)}`));
  } else {
    out.push(`<h2 id="${anchor}-title">Facts</h2>`);
  }
  const general = sheetDiagnostics(sheet.check);
  if (general.length > 0) {
    out.push(`<div class="sheet-problems" role="note"><${h(3)}>Problems of the sheet</${h(3)}><ul>`);
    for (const d of general) out.push(`<li>${badge(d.severity === 'error' ? 'broken' : 'warning', `${d.severity === 'error' ? 'Broken' : 'Warning'}: ${d.code}`)} ${escapeHtml(d.message)}</li>`);
    out.push('</ul></div>');
  }
  if (!one) out.push(`<${h(2)}>Facts</${h(2)}>`);
  if (facts.length === 0) out.push('<p>This sheet has no facts.</p>');
  for (const f of facts) out.push(factArticle(sheet, f, anchor, h(3)));
  const disagreements = disagreementsOf(sheet.check);
  if (disagreements.length > 0) out.push(disagreementSection(sheet, disagreements, anchor, h(2), h(3)));
  out.push(sourcesSection(sheet, facts, h(2)));
  out.push('</section>');
  return out.join('\n');
}

function badge(kind: string, text: string): string {
  return `<span class="badge ${kind}">${escapeHtml(text)}</span>`;
}

function factArticle(sheet: ReportSheet, f: FactReport, prefix: string, h: string): string {
  const { fact } = f;
  const id = factAnchor(prefix, fact);
  const claim = fact.claim?.value.trim();
  const out: string[] = [`<article class="fact ${f.status}" id="${id}" aria-labelledby="${id}-h">`];
  out.push(
    `<${h} id="${id}-h">${fact.id ? `<span class="fact-id">${escapeHtml(fact.id.value)}</span> ` : `<span class="fact-id">Fact ${fact.index + 1}</span> `}— ${claim ? escapeHtml(flat(claim)) : '<em>(no claim)</em>'}</${h}>`,
  );
  const badges: string[] = [];
  const firstError = f.diagnostics.find((d) => d.severity === 'error');
  const unsupported = f.diagnostics.find((d) => d.code === UNSUPPORTED);
  const warning = f.diagnostics.find((d) => d.severity === 'warning' && d.code !== UNSUPPORTED);
  if (f.status === 'verified') badges.push(badge('verified', BADGE_TEXT.verified));
  if (firstError) badges.push(badge('broken', `Broken: ${firstError.code}`));
  if (unsupported) badges.push(badge('unsupported', BADGE_TEXT.unsupported));
  if (warning && f.status === 'warning') badges.push(badge('warning', `Warning: ${warning.code}`));
  if (f.singleSource) badges.push(badge('single-source', 'Single source'));
  for (const i of f.ignored) badges.push(badge('ignored', `Ignored: ${i.diagnostic.code} — ${flat(i.reason).trim()}`));
  out.push(`<ul class="badges" aria-label="Status">${badges.map((b) => `<li>${b}</li>`).join('')}</ul>`);
  // Every problem of the fact itself in words; a citation's problem is shown with the citation.
  const citationSpans = f.citations.map((c) => c.citation.span);
  for (const d of f.diagnostics) {
    if (citationSpans.some((s) => within(s, d.span))) continue;
    out.push(`<p class="problem"><strong>${escapeHtml(problemLabel(d))}:</strong> ${escapeHtml(d.message)}</p>`);
  }
  if (fact.note) out.push(`<p class="note">Note: ${escapeHtml(flat(fact.note.value).trim())}</p>`);
  if (fact.tags.length > 0) out.push(`<p class="tags">Tags: ${fact.tags.map((t) => escapeHtml(t.value)).join(', ')}</p>`);
  if (f.citations.length > 0) {
    out.push(`<ol class="citations" aria-label="Citations">`);
    for (const c of f.citations) out.push(`<li>${citationBlock(sheet, f, c)}</li>`);
    out.push('</ol>');
  }
  out.push('</article>');
  return out.join('\n');
}

function problemLabel(d: FactDiagnostic): string {
  if (d.code === UNSUPPORTED) return 'Unsupported';
  if (d.code === SINGLE_SOURCE) return 'Single source';
  return `${d.severity === 'error' ? 'Broken' : d.severity === 'warning' ? 'Warning' : 'Note'}: ${d.code}`;
}

/** The name of a cited source: its title from `sources.yaml`, else its file name. */
function sourceLabel(sheet: ReportSheet, c: CitationCheck): { readonly title?: string; readonly file: string } {
  const file = c.sourcePath ? path.relative(sheet.check.sourcesDir, c.sourcePath).split(path.sep).join('/') : (c.citation.file?.value ?? '?');
  const title = c.sourcePath ? sheet.provenance?.(c.sourcePath)?.title?.trim() : undefined;
  return { title: title || undefined, file };
}

function linesLabel(first: number, last: number): string {
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}

function citationWord(c: CitationCheck): string {
  if (c.status === 'verified') return c.citation.quote ? 'Quote verified' : 'Line exists';
  if (c.status === 'unchecked') return 'Not checked (incomplete citation)';
  return c.status;
}

/** Marked excerpt HTML. */
function excerptHtml(e: Excerpt): string {
  return `${escapeHtml(e.before)}<mark>${escapeHtml(e.marked)}</mark>${escapeHtml(e.after)}`;
}

function citationBlock(sheet: ReportSheet, f: FactReport, c: CitationCheck): string {
  const out: string[] = [];
  const label = sourceLabel(sheet, c);
  const cited = c.lines ?? (c.citation.line ? { first: c.citation.line.first, last: c.citation.line.last } : undefined);
  const ok = c.status === 'verified';
  const problem = f.diagnostics.find((d) => within(c.citation.span, d.span));
  const silenced = f.ignored.find((i) => within(c.citation.span, i.diagnostic.span));
  const state = ok ? '✓ ' : silenced && !problem ? '' : '✗ ';
  out.push(
    `<p class="where">${label.title ? `<cite>${escapeHtml(label.title)}</cite> · ` : ''}<span class="file">${escapeHtml(label.file)}</span>${cited ? `, ${linesLabel(cited.first, cited.last)}` : ''} — ${state}${escapeHtml(silenced && !problem ? `${citationWord(c)} (ignored)` : citationWord(c))}</p>`,
  );
  const source = c.sourcePath ? sheet.source(c.sourcePath) : undefined;
  if (source && c.lines && c.match) {
    const span = source.lineSpan(c.lines.first, c.lines.last);
    if (within(span, c.match.span)) out.push(`<blockquote>${excerptHtml(sentenceAround(source.text, span, c.match.span))}</blockquote>`);
  } else if (source && c.lines && !c.citation.quote) {
    out.push(`<blockquote>${escapeHtml(linesExcerpt(source.text, source.lineSpan(c.lines.first, c.lines.last)))}</blockquote>`);
  }
  if (problem) out.push(`<p class="problem"><strong>${escapeHtml(problemLabel(problem))}:</strong> ${escapeHtml(problem.message)}</p>`);
  if (!ok && c.citation.quote && !c.match) out.push(`<p class="quoted">The sheet quotes: “${escapeHtml(flat(c.citation.quote.value).trim())}”</p>`);
  if (!ok && source && c.movedTo) {
    const span = source.lineSpan(c.movedTo.first, c.movedTo.last);
    out.push(`<p class="where">Found on ${linesLabel(c.movedTo.first, c.movedTo.last)}:</p><blockquote>${excerptHtml(sentenceAround(source.text, span, c.movedTo.span))}</blockquote>`);
  }
  return out.join('\n');
}

// --------------------------------------------------------- disagreements

function disagreementSection(sheet: ReportSheet, list: readonly Disagreement[], prefix: string, h: string, h2: string): string {
  const out: string[] = [`<section class="disagreements" aria-labelledby="${prefix}-disagreements">`, `<${h} id="${prefix}-disagreements">Where the sources disagree</${h}>`];
  out.push('<p class="muted">Two facts that share a tag, whose quotes give different values of the same kind of number (a duration, a date, a day of the week, an amount of money, a percentage).</p>');
  const name = (f: Fact) => (f.id ? f.id.value : `fact ${f.index + 1}`);
  for (const d of list) {
    const [a, b] = d.facts;
    const said = (values: readonly string[]) => values.map((v) => `“${v}”`).join(', ');
    out.push(`<${h2}>${escapeHtml(d.kindLabel)}: ${escapeHtml(said(a.values))} against ${escapeHtml(said(b.values))}</${h2}>`);
    out.push('<table>');
    out.push(`<caption>${escapeHtml(`${name(a.fact)} against ${name(b.fact)}, both tagged “${d.tag}”`)}</caption>`);
    out.push(
      `<thead><tr><th scope="col"><a href="#${factAnchor(prefix, a.fact)}">${escapeHtml(name(a.fact))}</a></th><th scope="col"><a href="#${factAnchor(prefix, b.fact)}">${escapeHtml(name(b.fact))}</a></th></tr></thead>`,
    );
    out.push('<tbody>');
    out.push(`<tr><td>${escapeHtml(flat(a.fact.claim?.value ?? '').trim())}</td><td>${escapeHtml(flat(b.fact.claim?.value ?? '').trim())}</td></tr>`);
    out.push(`<tr><td>${sideHtml(sheet, a.citations)}</td><td>${sideHtml(sheet, b.citations)}</td></tr>`);
    out.push('</tbody></table>');
  }
  out.push('</section>');
  return out.join('\n');
}

function sideHtml(sheet: ReportSheet, citations: readonly CitationCheck[]): string {
  return citations
    .map((c) => {
      const label = sourceLabel(sheet, c);
      const source = c.sourcePath ? sheet.source(c.sourcePath) : undefined;
      const quote =
        source && c.lines && c.match ? `<blockquote>${excerptHtml(sentenceAround(source.text, source.lineSpan(c.lines.first, c.lines.last), c.match.span))}</blockquote>` : '';
      return `<p class="where">${label.title ? `<cite>${escapeHtml(label.title)}</cite> · ` : ''}<span class="file">${escapeHtml(label.file)}</span>${c.lines ? `, ${linesLabel(c.lines.first, c.lines.last)}` : ''}</p>${quote}`;
    })
    .join('\n');
}

// --------------------------------------------------------------- sources

function sourcesSection(sheet: ReportSheet, facts: readonly FactReport[], h: string): string {
  const bySource = new Map<string, { file: string; facts: Set<Fact> }>();
  const missing = new Map<string, Set<Fact>>();
  for (const f of facts) {
    for (const c of f.citations) {
      if (c.sourcePath) {
        let entry = bySource.get(c.sourcePath);
        if (!entry) bySource.set(c.sourcePath, (entry = { file: sourceLabel(sheet, c).file, facts: new Set() }));
        entry.facts.add(f.fact);
      } else if (c.citation.file) {
        const name = c.citation.file.value;
        if (!missing.has(name)) missing.set(name, new Set());
        missing.get(name)!.add(f.fact);
      }
    }
  }
  const out: string[] = [`<section class="sources"><${h}>Sources</${h}>`];
  if (bySource.size === 0 && missing.size === 0) {
    out.push('<p>No source is cited.</p></section>');
    return out.join('\n');
  }
  out.push('<ul>');
  const sorted = [...bySource.entries()].sort((x, y) => x[1].file.localeCompare(y[1].file));
  for (const [real, { file, facts: citing }] of sorted) {
    const p = sheet.provenance?.(real);
    const parts: string[] = [];
    parts.push(p?.title ? `<cite>${escapeHtml(p.title)}</cite>` : `<span class="file">${escapeHtml(file)}</span>`);
    const by = [p?.outlet, p?.author].filter((x): x is string => !!x?.trim()).map(escapeHtml).join(', ');
    if (by) parts.push(by);
    if (p?.published) parts.push(`published <time>${escapeHtml(p.published)}</time>`);
    if (p?.url) parts.push(/^https?:\/\/[^\s<>"']+$/i.test(p.url) ? `<a href="${escapeHtml(p.url)}">${escapeHtml(p.url)}</a>` : escapeHtml(p.url));
    if (p?.title) parts.push(`<span class="file">${escapeHtml(file)}</span>`);
    out.push(`<li>${parts.join(' · ')} — cited by ${plural(citing.size, 'fact')}</li>`);
  }
  for (const [name, citing] of missing) out.push(`<li><span class="file">${escapeHtml(name)}</span> — <strong>not found</strong>; cited by ${plural(citing.size, 'fact')}</li>`);
  out.push('</ul></section>');
  return out.join('\n');
}
