/**
 * Editor features as pure computations over checked sheets: hover,
 * definition, references, completion, symbols, links and code actions.
 * They take core results and return LSP *types*; the server only routes.
 */
import * as path from 'node:path';
import {
  CodeAction,
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DocumentSymbol,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CompletionItem,
  type Diagnostic,
  type DocumentLink,
  type Hover,
  type Location,
  type Range,
  type SymbolInformation,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver-types';
import type { CitationCheck, SheetCheck } from '../check/results';
import { applyFixes } from '../edit/edits';
import { renderScalar } from '../parse';
import { isFactSheetPath, isSkippedFolder } from '../sources/discover';
import { preferredFixes, unparsable } from '../edit/fixes';
import { FACT_LEVEL_CODES, suppressible, suppressionComment } from '../check/suppress';
import { factExtent, type Fact } from '../model';
import type { SourceStore, SourceText } from '../sources/sources';
import type { Provenance } from '../sources/provenance';
import { excerpt, LineIndex } from '../text';
import type { FactDiagnostic, Fix, Severity, Span } from '../types';
import { EDIT_SUPPRESSION_REASON_COMMAND, FIX_ALL_KIND } from '../../protocol';
import { citationLocation, cites, statusWord, type SheetDigest } from './digest';

/** Maps a file path to the URI the editor knows it by. */
export type ToUri = (path: string) => string;

export const DIAGNOSTIC_SOURCE = 'fact-notes';

/** A checked sheet with its text's line index, as features need it. */
export interface SheetView {
  readonly uri: string;
  readonly check: SheetCheck;
  readonly lines: LineIndex;
  /** A cited source's text (read again if it was let go to save memory). */
  readonly source: (realPath: string) => SourceText | undefined;
  /** Where a cited source came from, from the `sources.yaml` beside it. */
  readonly provenance?: (realPath: string) => Provenance | undefined;
}

/** A source's provenance as a hover line: its title, outlet and date, and its URL as a link (web addresses only). */
export function provenanceLine(p: Provenance): string | undefined {
  const parts: string[] = [];
  if (p.title) parts.push(`*${escapeMarkdown(p.title)}*`);
  const by = [p.outlet, p.author].filter((x): x is string => !!x).map(escapeMarkdown).join(', ');
  if (by) parts.push(by);
  if (p.published) parts.push(escapeMarkdown(p.published));
  let line = parts.join(' — ');
  if (p.url) {
    const web = /^https?:\/\/[^\s()<>]+$/i.test(p.url);
    line += `${line ? ' · ' : ''}${web ? `[${escapeMarkdown(p.url)}](${p.url})` : escapeMarkdown(p.url)}`;
  }
  return line || undefined;
}

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function lspSeverity(severity: Severity): DiagnosticSeverity {
  return SEVERITY[severity];
}

/**
 * What a published diagnostic carries back to {@link codeActions}: which
 * check it is from, and its place in that check's diagnostics.
 */
interface DiagnosticData {
  readonly check: number;
  readonly index: number;
}

/** A number for each check published, to know a diagnostic from it (see {@link DiagnosticData}). */
const checkNumbers = new WeakMap<SheetCheck, number>();
let checksNumbered = 0;

function numberOf(check: SheetCheck): number {
  let n = checkNumbers.get(check);
  if (n === undefined) checkNumbers.set(check, (n = ++checksNumbered));
  return n;
}

export function toDiagnostics(view: SheetView, toUri: (p: string) => string): Diagnostic[] {
  const check = numberOf(view.check);
  return view.check.diagnostics.map((d, index) => {
    const data: DiagnosticData = { check, index };
    const diagnostic: Diagnostic = {
      range: toRange(view.lines, d.span),
      severity: SEVERITY[d.severity],
      code: d.code,
      source: DIAGNOSTIC_SOURCE,
      message: d.message,
      data,
    };
    if (d.related && d.related.length > 0) {
      diagnostic.relatedInformation = d.related.map((r) => ({ location: { uri: toUri(r.path), range: { start: r.start, end: r.end } }, message: r.message }));
    }
    return diagnostic;
  });
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/**
 * A citation's problem as the sheet reports it: with its severity setting,
 * and settled (renames found, evidence weighed), unlike the citation's own
 * first diagnostic. None when its code is turned off.
 */
export function shownDiagnostic(check: SheetCheck, c: CitationCheck): FactDiagnostic | undefined {
  const own = c.diagnostic;
  if (!own) return undefined;
  return check.diagnostics.find((d) => d.code === own.code && d.span.start === own.span.start && d.span.end === own.span.end);
}

/** The citation under an offset. */
export function citationAt(check: SheetCheck, offset: number): CitationCheck | undefined {
  return check.citations.find((c) => contains(c.citation.span, offset));
}

function factAt(check: SheetCheck, offset: number): Fact | undefined {
  return check.sheet.facts.find((f) => f.claim && contains(f.claim.span, offset));
}

// ---------------------------------------------------------------- hover

const STATUS_ICON = { verified: '✓', unchecked: '·' } as const;

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

function linesLabel(first: number, last: number): string {
  return first === last ? `line ${first}` : `lines ${first}-${last}`;
}

/** The cited lines as a quote block, with the matched quote in bold. */
function citedBlock(source: SourceText, first: number, last: number, match: Span | undefined): string {
  const span = source.lineSpan(first, last);
  const text = source.text;
  const parts =
    match && match.start >= span.start && match.end <= span.end
      ? [escapeMarkdown(text.slice(span.start, match.start)), `**${escapeMarkdown(text.slice(match.start, match.end).replace(/\s+/g, ' ').trim())}**`, escapeMarkdown(text.slice(match.end, span.end))]
      : [escapeMarkdown(text.slice(span.start, span.end))];
  return '> ' + parts.join('').replace(/\s*(\r\n|\r|\n)\s*/g, ' ').trim();
}

export function hover(view: SheetView, offset: number): Hover | null {
  const c = citationAt(view.check, offset);
  if (c) {
    const file = c.citation.file?.value ?? '?';
    const lines = c.lines ?? (c.citation.line ? { first: c.citation.line.first, last: c.citation.line.last } : undefined);
    const head = `**${escapeMarkdown(file)}**${lines ? `, ${linesLabel(lines.first, lines.last)}` : ''} — ${c.status === 'verified' ? '✓' : c.status === 'unchecked' ? '·' : '✗'} ${escapeMarkdown(statusWord(c))}`;
    const body: string[] = [head];
    const from = c.sourcePath ? view.provenance?.(c.sourcePath) : undefined;
    const provenance = from && provenanceLine(from);
    if (provenance) body.push(provenance);
    const source = c.sourcePath && c.lines ? view.source(c.sourcePath) : undefined;
    if (source && c.lines) body.push(citedBlock(source, c.lines.first, c.lines.last, c.match?.span));
    // Over the diagnostic's own range the editor shows its message already; the code is in the head.
    const problem = shownDiagnostic(view.check, c);
    if (problem && !contains(problem.span, offset)) body.push(escapeMarkdown(problem.message));
    return { contents: { kind: MarkupKind.Markdown, value: body.join('\n\n') }, range: toRange(view.lines, c.citation.span) };
  }
  const fact = factAt(view.check, offset);
  if (fact && fact.claim) {
    const rows = view.check.citations
      .filter((x) => x.fact === fact)
      .map((x) => {
        const icon = x.status === 'verified' ? STATUS_ICON.verified : x.status === 'unchecked' ? STATUS_ICON.unchecked : '✗';
        const where = `${x.citation.file?.value ?? '?'}${x.citation.line ? `:${x.citation.line.value}` : ''}`;
        const quote = x.citation.quote ? ` — “${escapeMarkdown(excerpt(x.citation.quote.value, 100))}”` : '';
        return `- ${icon} \`${where}\` ${escapeMarkdown(statusWord(x))}${quote}`;
      });
    // What the claim checks found (FORMAT.md section 5): one source only, numbers the sources do not state.
    const claimSpan = fact.claim.span;
    const notes = view.check.diagnostics
      .filter((d) => (d.code === 'single-source' || d.code === 'claim-unsupported') && d.span.start >= claimSpan.start && d.span.end <= claimSpan.end)
      .map((d) => `${d.code === 'single-source' ? 'Single source' : '⚠ Unsupported'}: ${escapeMarkdown(d.message)}`);
    const value = [`**${escapeMarkdown(excerpt(fact.claim.value, 200))}**`, rows.length > 0 ? rows.join('\n') : '_No citations._', ...notes].join('\n\n');
    return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(view.lines, fact.claim.span) };
  }
  return null;
}

// ------------------------------------------------------------ definition

export function definition(view: SheetView, offset: number, toUri: ToUri): Location | null {
  const c = citationAt(view.check, offset);
  const source = c?.sourcePath && c.status !== 'source-unreadable' ? view.source(c.sourcePath) : undefined;
  if (!c || !source) return null;
  const span = c.match?.span ?? (c.lines ? source.lineSpan(c.lines.first, c.lines.last) : { start: 0, end: 0 });
  return { uri: toUri(source.path), range: toRange(source.lines, span) };
}

// ------------------------------------------------------------ references

/** Every citation, in the given sheets, of `sourcePath` whose lines include `line` (1-based). */
export function references(sheets: Iterable<SheetDigest>, sourcePath: string, line: number, toUri: ToUri): Location[] {
  const out: Location[] = [];
  for (const sheet of sheets) {
    let uri: string | undefined;
    for (const c of sheet.citations) if (cites(c, sourcePath, line)) out.push(citationLocation((uri ??= toUri(sheet.path)), c));
  }
  return out;
}

/**
 * Find All References from where it was asked: on a citation of a sheet,
 * every citation of the same source lines; on a line of an article (any
 * other file), every citation of that line.
 */
export function referencesAt(sheets: Iterable<SheetDigest>, at: { readonly sheet: SheetView; readonly offset: number } | { readonly source: string; readonly line: number }, toUri: ToUri): Location[] {
  if ('source' in at) return references(sheets, at.source, at.line, toUri);
  const c = citationAt(at.sheet.check, at.offset);
  return c?.sourcePath && c.citation.line ? references(sheets, c.sourcePath, c.citation.line.first, toUri) : [];
}

// ------------------------------------------------------------ completion

const KEY_AT_CURSOR = /^(\s*(?:-\s+)?)(file|line|quote)(\s*:\s*)(.*)$/;
const MAX_LINE_ITEMS = 2000;

/**
 * Completion in a `file:`, `line:` or `quote:` value: file names under the
 * sources folder, line numbers with their text, the cited line's text.
 */
export function completion(view: SheetView, offset: number, store: SourceStore): CompletionItem[] {
  const pos = view.lines.positionAt(offset);
  const lineStart = view.lines.starts[pos.line];
  const before = view.lines.text.slice(lineStart, offset);
  const m = KEY_AT_CURSOR.exec(before);
  if (!m) return [];
  const key = m[2];
  const valueStart = lineStart + m[1].length + m[2].length + m[3].length;
  const replace: Range = { start: view.lines.positionAt(valueStart), end: view.lines.positionAt(view.lines.lineEnd(pos.line)) };
  // Right after the colon (completion is triggered by typing it), the value needs a space before it to stay a mapping.
  const lead = /\s$/.test(m[3]) ? '' : ' ';
  const edit = (value: string): LspTextEdit => ({ range: replace, newText: lead + value });
  if (key === 'file') return fileItems(store, view.check.sourcesDir, edit);
  // The citation this line belongs to: the last one starting before the cursor.
  const c = [...view.check.citations].reverse().find((x) => x.citation.span.start <= offset && !x.citation.compact);
  // A citation still being written (no `line` yet) is not checked: resolve its file here.
  const resolution = c && !c.sourcePath && c.citation.file ? store.resolve(view.check.sourcesDir, c.citation.file.value) : undefined;
  const sourcePath = c?.sourcePath ?? (resolution?.kind === 'resolved' ? resolution.path : undefined);
  if (!c || !sourcePath) return [];
  const loaded = store.load(sourcePath);
  if (loaded.kind !== 'loaded') return [];
  const source = loaded.source;
  if (key === 'line') {
    const items: CompletionItem[] = [];
    for (let n = 1; n <= source.lineCount && items.length < MAX_LINE_ITEMS; n++) {
      const text = source.lines.lineText(n - 1);
      if (text.trim() === '') continue;
      items.push({
        label: String(n),
        kind: CompletionItemKind.Value,
        labelDetails: { description: excerpt(text, 60) },
        detail: excerpt(text, 200),
        sortText: String(n).padStart(8, '0'),
        filterText: String(n),
        textEdit: edit(String(n)),
      });
    }
    return items;
  }
  const lines = c.citation.line;
  if (!lines || lines.first < 1 || lines.last > source.lineCount || lines.first > lines.last) return [];
  const span = source.lineSpan(lines.first, lines.last);
  const text = source.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  if (text === '') return [];
  return [
    {
      label: excerpt(text, 80),
      kind: CompletionItemKind.Text,
      detail: `${linesLabel(lines.first, lines.last)} of ${c.citation.file?.value ?? ''}`,
      documentation: text,
      filterText: text,
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: edit(renderScalar(text, { style: 'plain', inFlow: false })),
    },
  ];
}

/** Files under the sources folder, three folders deep, never outside the root (a folder link may lead out). */
function fileItems(store: SourceStore, dir: string, edit: (value: string) => LspTextEdit): CompletionItem[] {
  const items: CompletionItem[] = [];
  const walk = (folder: string, prefix: string, depth: number): void => {
    if (!store.isInsideRoot(folder)) return;
    for (const e of store.fs.readDirectory(folder)) {
      if (e.isDirectory) {
        if (depth < 3 && !isSkippedFolder(e.name)) walk(path.join(folder, e.name), `${prefix}${e.name}/`, depth + 1);
      } else if (!e.name.startsWith('.') && !isFactSheetPath(e.name) && items.length < 5000) {
        const name = prefix + e.name;
        items.push({ label: name, kind: CompletionItemKind.File, textEdit: edit(renderScalar(name, { style: 'plain', inFlow: false })) });
      }
    }
  };
  walk(dir, '', 0);
  return items;
}

// ---------------------------------------------------------------- symbols

/** A fact's name in symbol lists: its id, else the start of its claim, else its number. */
function factName(id: string | undefined, claim: string | undefined, index: number): string {
  return id ?? (claim !== undefined ? excerpt(claim, 60) : `Fact ${index + 1}`);
}

export function documentSymbols(view: SheetView): DocumentSymbol[] {
  // Each citation's source, found once (not searched for per citation: a sheet may have thousands).
  const sourceOf = new Map(view.check.citations.map((x) => [x.citation, x.sourcePath]));
  return view.check.sheet.facts.map((fact) => {
    const range = toRange(view.lines, { start: fact.marker.start, end: fact.span.end });
    const selection = toRange(view.lines, (fact.id ?? fact.claim)?.span ?? fact.marker);
    const children = fact.citations.map((c) => {
      const r = toRange(view.lines, c.span);
      const name = `${c.file?.value ?? '?'}:${c.line?.value ?? '?'}`;
      // The article's title and outlet from its sources.yaml, then the quote.
      const sourcePath = sourceOf.get(c);
      const from = sourcePath ? view.provenance?.(sourcePath) : undefined;
      const titled = from?.title ? [from.title, from.outlet].filter(Boolean).join(', ') : undefined;
      const detail = [titled, c.quote ? excerpt(c.quote.value, 60) : undefined].filter(Boolean).join(' · ');
      return DocumentSymbol.create(name, detail || undefined, SymbolKind.File, r, r);
    });
    return DocumentSymbol.create(factName(fact.id?.value, fact.claim?.value, fact.index), fact.id && fact.claim ? excerpt(fact.claim.value, 80) : undefined, SymbolKind.Object, range, selection, children);
  });
}

export function workspaceSymbols(sheets: Iterable<SheetDigest>, query: string, toUri: ToUri): SymbolInformation[] {
  const terms = query.toLowerCase().split(/\s+/).filter((t) => t.length > 0);
  const out: SymbolInformation[] = [];
  for (const sheet of sheets) {
    sheet.facts.forEach((fact, index) => {
      const haystack = `${fact.id ?? ''} ${fact.claim ?? ''}`.toLowerCase();
      if (!terms.every((t) => haystack.includes(t))) return;
      const name = fact.id !== undefined && fact.claim !== undefined ? `${fact.id} — ${excerpt(fact.claim, 80)}` : factName(fact.id, fact.claim, index);
      const range = { start: { line: fact.line, character: fact.character }, end: { line: fact.endLine, character: fact.endCharacter } };
      out.push({ name, kind: SymbolKind.Object, location: { uri: toUri(sheet.path), range }, containerName: path.basename(sheet.path) });
    });
  }
  // The cited articles by their titles (from their sources.yaml), once each.
  const articles = new Set<string>();
  for (const sheet of sheets) {
    for (const c of sheet.citations) {
      if (articles.has(c.sourcePath)) continue;
      articles.add(c.sourcePath);
      const from = sheet.provenance?.(c.sourcePath);
      if (!from?.title || !terms.every((t) => `${from.title} ${from.outlet ?? ''}`.toLowerCase().includes(t))) continue;
      const start = { line: 0, character: 0 };
      out.push({ name: from.title, kind: SymbolKind.File, location: { uri: toUri(c.sourcePath), range: { start, end: start } }, containerName: from.outlet ?? path.basename(c.sourcePath) });
    }
  }
  return out;
}

export function documentLinks(view: SheetView, toUri: ToUri): DocumentLink[] {
  const out: DocumentLink[] = [];
  for (const c of view.check.citations) {
    if (!c.sourcePath || !c.citation.file) continue;
    out.push({ range: toRange(view.lines, c.citation.file.span), target: toUri(c.sourcePath), tooltip: `Open ${path.basename(c.sourcePath)}` });
  }
  return out;
}

// ------------------------------------------------------------ code actions

function toEdits(view: SheetView, fix: Fix): LspTextEdit[] {
  return fix.edits.map((e) => ({ range: toRange(view.lines, e.span), newText: e.newText }));
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * The diagnostic of the sheet's current check that the editor sent back, as
 * it was published (the same code and range): by its data when it is from
 * the current check; else (published from an earlier check, of the same
 * text or not) the one with its code and range, if there is one.
 */
function sentBack(view: SheetView, sent: Diagnostic): FactDiagnostic | undefined {
  const data = sent.data as Partial<DiagnosticData> | undefined;
  const current = checkNumbers.get(view.check);
  if (data && current !== undefined && data.check === current && typeof data.index === 'number') {
    const d = view.check.diagnostics[data.index];
    if (d?.code === sent.code && sameRange(toRange(view.lines, d.span), sent.range)) return d;
  }
  return view.check.diagnostics.find((d) => d.code === sent.code && sameRange(toRange(view.lines, d.span), sent.range));
}

/** What the editor's client handles itself, as it said when it started. */
export interface ClientAbilities {
  /** It runs {@link EDIT_SUPPRESSION_REASON_COMMAND}. */
  readonly editsSuppressionReason?: boolean;
}

/**
 * "Ignore CODE here…" for a diagnostic inside a fact: an edit that inserts
 * a suppression comment (FORMAT.md section 5), with the reason to write, on
 * a line of its own above the first line of the fact (for a code about the
 * fact as a whole) or of the citation (for the others), indented as that
 * line is. Never preferred and never part of Fix All (it is no repair); a
 * client that can then selects the reason for the user to type over it.
 */
function ignoreAction(view: SheetView, d: FactDiagnostic, sent: Diagnostic, client: ClientAbilities): CodeAction | undefined {
  if (!suppressible(d.code)) return undefined;
  const within = (span: Span) => span.start <= d.span.start && d.span.end <= span.end;
  const fact = view.check.sheet.facts.find((f) => within(factExtent(f)));
  if (!fact) return undefined;
  const citation = FACT_LEVEL_CODES.has(d.code) ? undefined : fact.citations.find((c) => within(c.span));
  const line = view.lines.positionAt(citation?.span.start ?? fact.marker.start).line;
  const text = view.lines.text;
  const start = view.lines.starts[line];
  const end = view.lines.lineEnd(line);
  const indent = /^[ \t]*/.exec(text.slice(start, end))![0];
  const eol = text.startsWith('\r\n', end) ? '\r\n' : '\n';
  const at = { line, character: 0 };
  const action = CodeAction.create(`Ignore ${d.code} here…`, { changes: { [view.uri]: [{ range: { start: at, end: at }, newText: indent + suppressionComment(d.code) + eol }] } }, CodeActionKind.QuickFix);
  action.diagnostics = [sent];
  action.isPreferred = false;
  if (client.editsSuppressionReason) action.command = { title: 'Write the reason', command: EDIT_SUPPRESSION_REASON_COMMAND, arguments: [view.uri, line] };
  return action;
}

/**
 * Quick fixes for the diagnostics the editor sends back (see {@link sentBack}),
 * each diagnostic's repairs then "Ignore CODE here…", and the sheet's fix-all
 * action when asked for source actions.
 */
export function codeActions(view: SheetView, context: { diagnostics: Diagnostic[]; only?: string[] }, toUri: ToUri, client: ClientAbilities = {}): CodeAction[] {
  const wants = (kind: string) => !context.only || context.only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const editorDiagnostic of context.diagnostics) {
      if (editorDiagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const diagnostic = sentBack(view, editorDiagnostic);
      for (const fix of diagnostic?.fixes ?? []) {
        const changes: Record<string, LspTextEdit[]> = {};
        if (fix.edits.length > 0) changes[view.uri] = toEdits(view, fix);
        if (fix.elsewhere) changes[toUri(fix.elsewhere.path)] = fix.elsewhere.edits.map((e) => ({ range: e.range, newText: e.newText }));
        if (Object.keys(changes).length === 0) continue;
        const action = CodeAction.create(fix.title, { changes }, CodeActionKind.QuickFix);
        action.diagnostics = [editorDiagnostic];
        action.isPreferred = fix.preferred;
        actions.push(action);
      }
      const ignore = diagnostic && ignoreAction(view, diagnostic, editorDiagnostic, client);
      if (ignore) actions.push(ignore);
    }
  }
  if (context.only && wants(FIX_ALL_KIND)) {
    const all = fixAllEdits(view);
    if (all.length > 0) actions.push(CodeAction.create('Fix all citations in this sheet', { changes: { [view.uri]: all } }, FIX_ALL_KIND));
  }
  return actions;
}

/**
 * The edits of every preferred fix of a sheet that do not collide; none for
 * a sheet that is not valid YAML, which is left alone (FORMAT.md 7).
 */
export function fixAllEdits(view: SheetView): LspTextEdit[] {
  if (unparsable(view.check.diagnostics)) return [];
  const { applied } = applyFixes(view.lines.text, preferredFixes(view.check.diagnostics));
  return applied.flatMap((f) => toEdits(view, f));
}
