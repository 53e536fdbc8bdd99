/** Output formats of `fact-notes check`: text, JSON and SARIF 2.1.0. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_CODES, DEFAULT_SEVERITY, escapeControls, LineIndex, type DiagnosticCode, type FactDiagnostic, type IgnoredDiagnostic, type RelatedPlace, type Severity, type Span } from '../core';
import { codeFrame, painter, PLAIN, type Paint, type TextLayout } from './terminal';

/** One checked sheet as the reporters need it. */
export interface SheetReport {
  /** Absolute path. */
  readonly path: string;
  readonly text: string;
  readonly citations: number;
  readonly diagnostics: readonly FactDiagnostic[];
  /** What the sheet's suppression comments silenced: never counted, listed with `--show-ignored`. */
  readonly ignored?: readonly IgnoredDiagnostic[];
}

export interface RunSummary {
  readonly sheets: readonly SheetReport[];
  readonly cwd: string;
  /** List what suppression comments silenced (`check --show-ignored`). */
  readonly showIgnored?: boolean;
}

interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

function toRange(lines: LineIndex, span: Span): LspRange {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return (rel === '' ? path.basename(file) : rel).split(path.sep).join('/');
}

export function counts(sheets: readonly SheetReport[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const s of sheets) for (const d of s.diagnostics) c[d.severity]++;
  return c;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The run without its hints (`single-source`), which the command line reports
 * only when asked (`--show-hints`): like the editor, which shows them as
 * dots and not in the Problems panel, and so that a CI job's annotations are
 * the problems.
 */
export function withoutHints(summary: RunSummary): RunSummary {
  return { ...summary, sheets: summary.sheets.map((s) => (s.diagnostics.some((d) => d.severity === 'hint') ? sheetReport(s, { citations: s.citations, diagnostics: s.diagnostics.filter((d) => d.severity !== 'hint'), ignored: s.ignored }) : s)) };
}

/**
 * A sheet's report: its text is the sheet's, read only when the report is
 * written (a sheet kept as its bytes is decoded then; a spread would read
 * it at once).
 */
export function sheetReport(sheet: { readonly path: string; readonly text: string }, r: Pick<SheetReport, 'citations' | 'diagnostics' | 'ignored'>): SheetReport {
  return {
    path: sheet.path,
    get text() {
      return sheet.text;
    },
    citations: r.citations,
    diagnostics: r.diagnostics,
    ...(r.ignored ? { ignored: r.ignored } : {}),
  };
}

const SEVERITY_PAINT: Record<Severity, Paint> = { error: 'red', warning: 'yellow', information: 'cyan', hint: 'cyan' };

/**
 * The text format: `FILE:LINE:COL: SEVERITY CODE: MESSAGE` for each
 * diagnostic, then a summary; in the terminal's layout, coloured and with a
 * code frame under each diagnostic (terminal.ts).
 */
export function formatText(summary: RunSummary, layout: TextLayout = PLAIN): string {
  return [...textPieces(summary, layout)].join('');
}

/** The text format in pieces, a line or a code frame each (see {@link formatText}). */
export function* textPieces({ sheets, cwd, showIgnored }: RunSummary, layout: TextLayout = PLAIN): Generator<string> {
  const paint = painter(layout);
  // One line per diagnostic, whatever a file name holds.
  const where = (sheet: SheetReport, lines: LineIndex, d: FactDiagnostic): string => {
    const p = lines.positionAt(d.span.start);
    return paint(`${escapeControls(displayPath(cwd, sheet.path))}:${p.line + 1}:${p.character + 1}`, 'bold');
  };
  const frame = (lines: LineIndex, d: FactDiagnostic, mark: Paint): string => {
    if (!layout.frames) return '';
    const { line, character } = lines.positionAt(d.span.start);
    const end = lines.positionAt(d.span.end);
    const to = end.line === line ? end.character : Infinity;
    return [...codeFrame(lines.lineText(line), line + 1, character, Math.max(character + 1, to), (t) => paint(t, mark, 'bold'), (t) => paint(t, 'gray')), ''].map((l) => l + '\n').join('');
  };
  for (const sheet of sheets) {
    if (sheet.diagnostics.length === 0) continue;
    const lines = new LineIndex(sheet.text);
    for (const d of sheet.diagnostics) {
      yield `${where(sheet, lines, d)}: ${paint(d.severity, SEVERITY_PAINT[d.severity], 'bold')} ${paint(d.code, 'dim')}: ${escapeControls(d.message)}\n`;
      yield frame(lines, d, SEVERITY_PAINT[d.severity]);
    }
  }
  // After every diagnostic, what the suppression comments silenced, and why.
  let ignored = 0;
  if (showIgnored) {
    for (const sheet of sheets) {
      if (!sheet.ignored || sheet.ignored.length === 0) continue;
      const lines = new LineIndex(sheet.text);
      for (const i of sheet.ignored) {
        ignored++;
        yield `${where(sheet, lines, i.diagnostic)}: ${paint('ignored', 'gray')} ${paint(i.diagnostic.code, 'dim')}: ${escapeControls(i.diagnostic.message)} (reason: ${escapeControls(i.reason)}, line ${i.line})\n`;
        yield frame(lines, i.diagnostic, 'gray');
      }
    }
  }
  const c = counts(sheets);
  const citations = sheets.reduce((n, s) => n + s.citations, 0);
  const others = c.information + c.hint > 0 ? `, ${plural(c.information + c.hint, 'note')}` : '';
  const silenced = showIgnored ? `, ${ignored} ignored` : '';
  const count = (n: number, word: string, color: Paint) => (n > 0 ? paint(plural(n, word), color, 'bold') : plural(n, word));
  yield `${count(c.error, 'error', 'red')}, ${count(c.warning, 'warning', 'yellow')}${others}${silenced} in ${plural(sheets.length, 'sheet')} (${plural(citations, 'citation')} checked).\n`;
}

function diagnosticJson(cwd: string, sheet: SheetReport, lines: LineIndex, d: FactDiagnostic) {
  return {
    file: displayPath(cwd, sheet.path),
    range: toRange(lines, d.span),
    severity: d.severity,
    code: d.code,
    message: d.message,
    fixes: d.fixes.map((f) => ({
      title: f.title,
      preferred: f.preferred,
      edits: f.edits.map((e) => ({ range: toRange(lines, e.span), newText: e.newText })),
      // An addition to FORMAT.md's shape: a fix that edits another file (a source's sources.yaml) names it.
      ...(f.elsewhere ? { file: displayPath(cwd, f.elsewhere.path), edits: f.elsewhere.edits.map((e) => ({ range: e.range, newText: e.newText })) } : {}),
    })),
    // An addition to FORMAT.md's shape, like LSP's relatedInformation: the candidate lines, the file a rename found.
    ...(d.related && d.related.length > 0 ? { related: d.related.map((r) => relatedJson(cwd, r)) } : {}),
  };
}

/** The JSON format in pieces, a diagnostic each (see {@link inPieces}). */
export function jsonPieces({ sheets, cwd, showIgnored }: RunSummary): Iterable<string> {
  function* diagnostics() {
    for (const sheet of sheets) {
      if (sheet.diagnostics.length === 0) continue;
      const lines = new LineIndex(sheet.text);
      for (const d of sheet.diagnostics) yield diagnosticJson(cwd, sheet, lines, d);
    }
  }
  // With --show-ignored only (an addition to FORMAT.md's shape): each silenced diagnostic, its
  // reason and the 1-based line of the comment that silenced it.
  function* ignored() {
    for (const sheet of sheets) {
      if (!sheet.ignored || sheet.ignored.length === 0) continue;
      const lines = new LineIndex(sheet.text);
      for (const i of sheet.ignored) yield { ...diagnosticJson(cwd, sheet, lines, i.diagnostic), reason: i.reason, commentLine: i.line };
    }
  }
  const citations = sheets.reduce((n, s) => n + s.citations, 0);
  const lists = new Map<string, Iterable<unknown>>([['diagnostics', diagnostics()], ...(showIgnored ? ([['ignored', ignored()]] as const) : [])]);
  return inPieces({ version: 1, sheets: sheets.length, citations, diagnostics: LIST, ...(showIgnored ? { ignored: LIST } : {}) }, lists);
}

/** Stands for an array given item by item to {@link inPieces}; no text, as NUL is in no path or message, serializes to it. */
const LIST = '\u0000list';

/**
 * `JSON.stringify(value, null, 2) + '\n'` in pieces, the same characters:
 * each property of `value` that is {@link LIST} is the array of `lists`
 * under its name, stringified an item at a time. A report of every
 * diagnostic of a large archive is then written as it is made, not held
 * whole with the objects it is made of.
 */
function* inPieces(value: object, lists: ReadonlyMap<string, Iterable<unknown>>): Generator<string> {
  const text = JSON.stringify(value, null, 2);
  const marker = JSON.stringify(LIST);
  let at = 0;
  for (const items of lists.values()) {
    const found = text.indexOf(marker, at);
    const lineStart = text.lastIndexOf('\n', found) + 1;
    const indent = ' '.repeat(text.slice(lineStart).search(/\S/) + 2);
    yield text.slice(at, found);
    let first = true;
    for (const item of items) {
      yield `${first ? '[' : ','}\n${indent}${JSON.stringify(item, null, 2).replaceAll('\n', `\n${indent}`)}`;
      first = false;
    }
    yield first ? '[]' : `\n${indent.slice(2)}]`;
    at = found + marker.length;
  }
  yield text.slice(at) + '\n';
}

function relatedJson(cwd: string, r: RelatedPlace): { file: string; range: LspRange; message: string } {
  return { file: displayPath(cwd, r.path), range: { start: r.start, end: r.end }, message: r.message };
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

const RULE_TEXT: Record<DiagnosticCode, string> = {
  'yaml-syntax': 'The fact sheet is not valid YAML.',
  'invalid-structure': 'A required key is missing or a value has the wrong type.',
  'unknown-key': 'A key the fact sheet format does not define.',
  'missing-citation': 'A fact cites no source.',
  'duplicate-id': 'Two facts share an id.',
  'source-not-found': 'The cited file does not exist.',
  'source-outside-root': 'The cited file is outside the root folder.',
  'source-unreadable': 'The cited file cannot be read as text.',
  'line-out-of-range': 'The cited line does not exist in the source.',
  'quote-moved': 'The quote is on other lines of the source.',
  'quote-mismatch': 'The quote differs from the source in spelling only.',
  'quote-altered': 'The source now says something else than the quote: a number, a negation, a name or a word changed.',
  'quote-not-found': 'The quote is not in the source.',
  'source-changed': 'The source no longer has the SHA-256 recorded when it was saved: its text was edited since.',
  'claim-unsupported': 'A number or date in the claim is not in the cited text, in any written form.',
  'single-source': 'Every citation of the fact points at one source.',
  'invalid-suppression': 'A fact-notes-ignore comment without a reason, or naming no known code: it silences nothing.',
};

/** SARIF 2.1.0 in pieces, a result each (see {@link inPieces}). */
export function sarifPieces({ sheets, cwd, showIgnored }: RunSummary, version: string): Iterable<string> {
  const regionOf = (r: LspRange) => ({ startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 });
  const region = (lines: LineIndex, span: Span) => regionOf(toRange(lines, span));
  function* results() {
    for (const sheet of sheets) {
      if (sheet.diagnostics.length === 0 && !(showIgnored && sheet.ignored && sheet.ignored.length > 0)) continue;
      const lines = new LineIndex(sheet.text);
      const artifactLocation = { uri: displayPath(cwd, sheet.path), uriBaseId: '%SRCROOT%' };
      // With --show-ignored, what the comments silenced too, as SARIF's suppressed results (kind inSource, the reason as justification).
      const all: [FactDiagnostic, IgnoredDiagnostic | undefined][] = sheet.diagnostics.map((d) => [d, undefined]);
      if (showIgnored) for (const i of sheet.ignored ?? []) all.push([i.diagnostic, i]);
      for (const [d, ignored] of all) {
        yield {
          ruleId: d.code,
          ruleIndex: ALL_CODES.indexOf(d.code),
          level: SARIF_LEVEL[d.severity],
          message: { text: d.message },
          locations: [{ physicalLocation: { artifactLocation, region: region(lines, d.span) } }],
          ...(d.related && d.related.length > 0
            ? {
                relatedLocations: d.related.map((r, id) => ({
                  id,
                  message: { text: r.message },
                  physicalLocation: {
                    artifactLocation: { uri: displayPath(cwd, r.path), uriBaseId: '%SRCROOT%' },
                    region: { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 },
                  },
                })),
              }
            : {}),
          fixes: d.fixes.map((f) => ({
            description: { text: f.title },
            artifactChanges: f.elsewhere
              ? [
                  {
                    artifactLocation: { uri: displayPath(cwd, f.elsewhere.path), uriBaseId: '%SRCROOT%' },
                    replacements: f.elsewhere.edits.map((e) => ({ deletedRegion: regionOf(e.range), insertedContent: { text: e.newText } })),
                  },
                ]
              : [
                  {
                    artifactLocation,
                    replacements: f.edits.map((e) => ({ deletedRegion: region(lines, e.span), insertedContent: { text: e.newText } })),
                  },
                ],
          })),
          ...(ignored
            ? {
                suppressions: [
                  {
                    kind: 'inSource',
                    justification: ignored.reason,
                    location: { physicalLocation: { artifactLocation, region: { startLine: ignored.line } } },
                  },
                ],
              }
            : {}),
        };
      }
    }
  }
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'fact-notes',
            version,
            rules: ALL_CODES.map((code) => ({
              id: code,
              shortDescription: { text: RULE_TEXT[code] },
              defaultConfiguration: { level: SARIF_LEVEL[DEFAULT_SEVERITY[code]] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        results: LIST,
      },
    ],
  };
  return inPieces(sarif, new Map([['results', results()]]));
}
