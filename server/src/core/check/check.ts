/**
 * Checking a parsed fact sheet against its sources: every citation is
 * resolved, loaded and matched, and every problem becomes a diagnostic with
 * its fixes (FORMAT.md sections 3-5).
 */
import * as path from 'node:path';
import { assembleSheet, lineNumbers, parseFacts, parseHead, parseSheet, parseWhole, renderLine, renderScalar, splitSheet } from '../parse';
import { anchorsOf, type Anchor } from './evidence';
import { compareWords, describeChanges } from '../match/difference';
import type { CitationCheck, SheetCheck } from './results';
import { changeFile, folderName, withRenames, type RenameCache } from './renames';
import { withChangedSources } from './changed';
import { withClaimChecks } from './claims';
import { suppress } from './suppress';
import { PROVENANCE_FILE } from '../sources/provenance';
import { findApproximate, findExact, locateQuote, prepareQuote, type Candidate, type LineRange, type QuoteLocation } from '../match/match';
import { forEachSpan, forEachValue, type Citation, type Fact, type ScalarValue } from '../model';
import { sourcesDirOf, type SourceStore, type SourceText } from '../sources/sources';
import { escapeControls, excerpt, loneCrAsLf, spanOnBoundaries } from '../text';
import {
  DEFAULT_SEVERITY,
  type CheckOptions,
  type DiagnosticCode,
  type EvidenceNeed,
  type FactDiagnostic,
  type RelatedPlace,
  type Fix,
  type Severity,
  type Span,
} from '../types';

/**
 * Every path whose change could change these citations' results: each cited
 * file as written (resolved against the sources folder, so a file that
 * appears counts), the real file it led to, and the `sources.yaml` beside it.
 */
export function dependenciesOf(citations: readonly CitationCheck[], sourcesDir: string): string[] {
  const deps = new Set<string>();
  const dirs = new Set<string>();
  // Each file name and source once: a sheet cites few files, many times.
  const named = new Set<string>();
  const sources = new Set<string>();
  for (const c of citations) {
    const file = c.citation.file?.value;
    if (file !== undefined && !named.has(file)) {
      named.add(file);
      deps.add(path.resolve(sourcesDir, file));
    }
    if (c.sourcePath && !sources.has(c.sourcePath)) {
      sources.add(c.sourcePath);
      deps.add(c.sourcePath);
      const dir = path.dirname(c.sourcePath);
      if (!dirs.has(dir)) {
        dirs.add(dir);
        deps.add(path.join(dir, PROVENANCE_FILE));
      }
    }
  }
  return [...deps];
}

/** Parses and checks a fact sheet. Never throws on bad input. */
export function checkSheet(sheetPath: string, text: string, store: SourceStore, options: CheckOptions): SheetCheck {
  return new SheetChecker(store, options, false).check(sheetPath, text);
}

/**
 * The anchors that a sheet's citations of `sources` give them (evidence for
 * other sheets' repairs, FORMAT.md 4.2): those its full check would give
 * ({@link anchorsOf}), from checking those citations alone. A shard of a
 * command-line run asks it of the sheets of the other shards.
 */
export function anchorsFor(sheetPath: string, text: string, store: SourceStore, options: CheckOptions, sources: ReadonlySet<string>): Map<string, Anchor[]> {
  const { sheet } = parseSheet(text, { path: sheetPath, reference: options.reference });
  const sourcesDir = sourcesDirOf(sheetPath, sheet);
  const checker = new CitationChecker(store, options, sourcesDir);
  const checks: CitationCheck[] = [];
  for (const fact of sheet.facts) {
    for (const c of fact.citations) {
      if (!c.file || !c.line || !c.quote) continue;
      const r = store.resolve(sourcesDir, c.file.value);
      if (r.kind === 'resolved' && sources.has(r.path)) checks.push(checker.check(fact, c));
    }
  }
  return anchorsOf(checks);
}

type ParsedFacts = ReturnType<typeof parseFacts>;

/** What one chunk (one fact, usually) of a sheet gave, at the offset it was computed at. */
interface ChunkResult {
  readonly base: number;
  readonly facts: readonly Fact[];
  readonly citations: readonly CitationCheck[];
  /** Parse and citation diagnostics of the chunk. */
  readonly diagnostics: readonly FactDiagnostic[];
  /** The store's clock when the chunk was checked. */
  readonly checkedAt: number;
  /** The sheet line the chunk started on, when a message names a line of the sheet (a syntax error's does): then it serves only there. */
  readonly firstLine?: number;
  /** The check that last used it. */
  round?: number;
  /** Every source path the chunk's citations looked at; worked out when first needed. */
  deps?: readonly string[];
  /** The chunk's text ({@link detached}) and its place in the last check, once kept. */
  key?: string;
  slot?: number;
}

/**
 * Checks one sheet again and again (as its text is edited), re-parsing and
 * re-checking only the facts whose text changed or whose sources changed.
 * Each fact's result is kept by its text; results of unchanged facts are
 * moved to their new offsets.
 *
 * They are moved in place (allocating every fact after an edit anew, on each
 * keystroke, would feed the garbage collector): a check's facts, citations
 * and diagnostics are valid until the next check by the same checker, and
 * no longer. {@link isCurrent} tells; `FactWorkspace` hands out only the
 * current check of each sheet.
 */
export class SheetChecker {
  /** Results by chunk text, for the sources folder they were checked against. */
  private readonly cache = new Map<string, ChunkResult>();
  /** The kept results of the last check, in text order. */
  private order: ChunkResult[] = [];
  /** Counts checks; each result remembers the last check that used it. */
  private round = 0;
  private cacheDir = '';
  /** The renames found for the last check's missing files. */
  private readonly renames: RenameCache = { at: -1, dir: '', answers: new WeakMap() };

  constructor(
    private readonly store: SourceStore,
    private readonly options: CheckOptions,
    /** Keep each fact's result for the next check (false for a checker used once). */
    private readonly keep = true,
  ) {}

  /** The last check made, the only one whose positions still hold. */
  private latest: SheetCheck | undefined;

  /** Whether `check` is this checker's last check (an earlier one's positions may have moved). */
  isCurrent(check: SheetCheck): boolean {
    return check === this.latest;
  }

  check(sheetPath: string, given: string): SheetCheck {
    this.latest = this.run(sheetPath, loneCrAsLf(given));
    return this.latest;
  }

  private run(sheetPath: string, text: string): SheetCheck {
    // With `reference: true` the sheet is parsed whole and every fact checked afresh.
    const layout = this.options.reference ? undefined : splitSheet(text);
    const head = layout && parseHead(text, layout.headEnd);
    if (!layout || !head) {
      this.cache.clear();
      this.order = [];
      const parsed = parseWhole(text, { reference: this.options.reference, path: sheetPath });
      const sourcesDir = sourcesDirOf(sheetPath, parsed.sheet);
      const checker = new CitationChecker(this.store, this.options, sourcesDir);
      this.readAhead(parsed.sheet.facts, sourcesDir);
      const citations = parsed.sheet.facts.flatMap((fact) => fact.citations.map((c) => checker.check(fact, c)));
      const diagnostics = [...parsed.diagnostics, ...citations.flatMap((c) => (c.diagnostic ? [c.diagnostic] : []))];
      const renamed = withRenames(citations, diagnostics, this.store, sourcesDir, { reference: this.options.reference });
      const placed = withClaimChecks(text, parsed.sheet.facts, citations, withChangedSources(citations, renamed, this.store), this.store);
      return finishCheck({ path: sheetPath, sheet: parsed.sheet, citations, sourcesDir }, placed, this.options, text);
    }
    const sourcesDir = sourcesDirOf(sheetPath, head.sheet);
    const checker = new CitationChecker(this.store, this.options, sourcesDir);
    if (sourcesDir !== this.cacheDir) {
      this.cache.clear();
      this.order = [];
      this.cacheDir = sourcesDir;
    }
    const round = ++this.round;
    // Kept results are moved in place and the other facts parsed; then the sources those
    // cite are read together where the store does that; then the parsed facts are checked.
    const parts: (ChunkResult | { readonly key: string; readonly span: Span; readonly parsed: ParsedFacts })[] = [];
    const parsedFacts: Fact[] = [];
    let count = 0;
    // Where the last check's chunks are up to: an edit changes a chunk or two, and the others are
    // found at the same place (or one further on) by comparing their text, without hashing it.
    let next = 0;
    const lineOf = lineNumbers(text);
    for (const span of layout.chunks) {
      let key = '';
      let kept: ChunkResult | undefined;
      if (this.keep) {
        // (A slice compared with === is compared natively; startsWith is slower, and a Map lookup hashes it.)
        key = text.slice(span.start, span.end);
        if (key === this.order[next]?.key) kept = this.order[next++];
        else if (key === this.order[next + 1]?.key) {
          kept = this.order[next + 1];
          next += 2;
        } else {
          kept = this.cache.get(key);
          next = kept?.slot !== undefined ? kept.slot + 1 : next + 1;
        }
      }
      // A result is moved in place, so it serves one chunk only (two facts can read the same).
      if (kept && kept.round !== round && this.fresh(kept) && (kept.firstLine === undefined || kept.firstLine === lineOf(span.start))) {
        const moved = moveChunk(kept, span.start, count);
        moved.round = round;
        parts.push(moved);
        count += moved.facts.length;
      } else {
        const parsed = parseFacts(text, span, count, { lineOf });
        parts.push({ key, span, parsed });
        parsedFacts.push(...parsed.facts);
        count += parsed.facts.length;
      }
    }
    this.readAhead(parsedFacts, sourcesDir);
    const facts: Fact[] = [];
    const citations: CitationCheck[] = [];
    const diagnostics: FactDiagnostic[] = [...head.diagnostics];
    const order: ChunkResult[] = [];
    for (const part of parts) {
      let result: ChunkResult;
      if ('parsed' in part) {
        result = this.checkChunk(checker, part.span, part.parsed, lineOf);
        result.round = round;
        if (this.keep) {
          result.key = detached(part.key);
          this.cache.set(result.key, detachStrings(result));
        }
      } else {
        result = part;
      }
      if (this.keep) {
        result.slot = order.length;
        order.push(result);
      }
      facts.push(...result.facts);
      citations.push(...result.citations);
      diagnostics.push(...result.diagnostics);
    }
    // Forget the facts that are gone (kept in place: no new map on each keystroke).
    for (const [key, result] of this.cache) if (result.round !== round) this.cache.delete(key);
    this.order = order;
    const withIds = assembleSheet(head.sheet, facts, diagnostics, text, sheetPath);
    const sheet = withIds.sheet;
    const renamed = withRenames(citations, withIds.diagnostics, this.store, sourcesDir, { kept: this.keep ? this.renames : undefined });
    const placed = withClaimChecks(text, sheet.facts, citations, withChangedSources(citations, renamed, this.store), this.store);
    return finishCheck({ path: sheetPath, sheet, citations, sourcesDir }, placed, this.options, text);
  }

  /** Reads the sources these facts cite ahead, together, where the store does that. */
  private readAhead(facts: readonly Fact[], sourcesDir: string): void {
    if (!this.store.readsAhead || facts.length === 0) return;
    const paths = new Set<string>();
    for (const fact of facts) {
      for (const c of fact.citations) {
        if (!c.file || !c.line) continue;
        const r = this.store.resolve(sourcesDir, c.file.value);
        if (r.kind === 'resolved') paths.add(r.path);
      }
    }
    this.store.readAhead(paths);
  }

  private fresh(result: ChunkResult): boolean {
    const now = this.store.now();
    if (now === result.checkedAt) return true;
    result.deps ??= dependenciesOf(result.citations, this.cacheDir);
    if (result.deps.some((p) => this.store.changedSince(p, result.checkedAt))) return false;
    // Still right as of now: the next check need not look at its sources again until one changes.
    (result as Mutable<ChunkResult>).checkedAt = now;
    return true;
  }

  private checkChunk(checker: CitationChecker, span: Span, parsed: ParsedFacts, lineOf: (offset: number) => number): ChunkResult {
    const checkedAt = this.store.now();
    const citations: CitationCheck[] = [];
    const diagnostics = parsed.diagnostics.slice();
    for (const fact of parsed.facts) {
      for (const c of fact.citations) {
        const result = checker.check(fact, c);
        citations.push(result);
        if (result.diagnostic) diagnostics.push(result.diagnostic);
      }
    }
    const firstLine = parsed.diagnostics.some((d) => d.code === 'yaml-syntax') ? lineOf(span.start) : undefined;
    return { base: span.start, facts: parsed.facts, citations, diagnostics, checkedAt, firstLine };
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A copy of a string that does not keep the string it was cut from alive. V8
 * makes a substring of 13 or more characters a view into its parent: a kept
 * fact whose key and values were views into the sheet's text as it was when
 * that fact was last edited would keep that whole text in memory, one such
 * text per edited fact (measured: about 330 KB more heap per keystroke in a
 * 1,000-fact sheet). Joining creates a rope; cutting it flattens the rope into
 * a new string, of which the result is a view.
 */
function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** The strings of a chunk result that is kept between checks, {@link detached}. */
function detachStrings(result: ChunkResult): ChunkResult {
  const value = (v: ScalarValue): void => {
    (v as Mutable<ScalarValue>).value = detached(v.value);
  };
  for (const fact of result.facts) forEachValue(fact, value);
  for (const d of result.diagnostics) {
    (d as Mutable<FactDiagnostic>).message = detached(d.message);
    if (d.needs) (d as Mutable<FactDiagnostic>).needs = { ...d.needs, confirmed: detached(d.needs.confirmed) };
    for (const f of d.fixes) {
      (f as Mutable<Fix>).title = detached(f.title);
      for (const e of f.edits) (e as Mutable<Fix['edits'][number]>).newText = detached(e.newText);
    }
  }
  return result;
}

/**
 * Moves a kept chunk result to its new offset and first fact index, in place:
 * an edit moves every fact after it, and allocating them all anew on each
 * keystroke would feed the garbage collector. The sheet check that held the
 * old offsets is stale by then (a newer check of the same sheet replaces it).
 * Spans may be shared within a chunk (a diagnostic on a quote uses the
 * quote's span; the parts of an escaped `FILE:LINE` use the citation's), so
 * each is moved once: the spans moved so far in the chunk are kept in a
 * short list (a dozen or so; cheaper to scan than a set is to fill).
 */
function moveChunk(result: ChunkResult, base: number, firstIndex: number): ChunkResult {
  const delta = base - result.base;
  if (delta === 0 && (result.facts.length === 0 || result.facts[0].index === firstIndex)) return result;
  movedSpans.length = 0;
  // No arrays made, one closure per chunk: this runs for every fact after an edit, on every keystroke.
  const move = (span: Span) => moveSpan(span, delta);
  for (let i = 0; i < result.facts.length; i++) {
    const fact = result.facts[i];
    (fact as Mutable<Fact>).index = firstIndex + i;
    if (delta !== 0) forEachSpan(fact, move);
  }
  if (delta !== 0) {
    for (const d of result.diagnostics) {
      moveSpan(d.span, delta);
      for (const f of d.fixes) for (const e of f.edits) moveSpan(e.span, delta);
    }
  }
  (result as Mutable<ChunkResult>).base = base;
  return result;
}

/** The spans {@link moveChunk} has moved in the chunk it is moving. */
const movedSpans: Span[] = [];

function moveSpan(span: Span | undefined, delta: number): void {
  if (span === undefined) return;
  for (let k = 0; k < movedSpans.length; k++) if (movedSpans[k] === span) return;
  movedSpans.push(span);
  const m = span as Mutable<Span>;
  m.start += delta;
  m.end += delta;
}

/**
 * A sheet's check with its diagnostics as shown: through the severity
 * settings first, then the sheet's suppression comments (`suppress.ts`).
 * In that order, what a comment silenced is listed with the severity it
 * would have been shown with, a code set to `off` is never listed as
 * silenced (it is off either way), and the comments' own problems
 * (`invalid-suppression`) take their severity setting too. A sheet without
 * such a comment costs one `indexOf`.
 */
function finishCheck(check: Omit<SheetCheck, 'diagnostics' | 'ignored'>, diagnostics: readonly FactDiagnostic[], options: CheckOptions, text: string): SheetCheck {
  const shown = applySeverities(diagnostics, options, text);
  const suppressed = suppress(text, check.sheet, shown);
  if (!suppressed) return { ...check, diagnostics: shown };
  const { kept, ignored, invalid } = suppressed;
  return {
    ...check,
    diagnostics: invalid.length > 0 ? applySeverities([...kept, ...invalid], options, text) : kept,
    ...(ignored.length > 0 ? { ignored } : {}),
  };
}

/**
 * Applies per-code severity settings, finishes each diagnostic for the
 * sheet's text (see {@link finished}) and sorts by position: every sheet's
 * diagnostics pass through here.
 */
export function applySeverities(diagnostics: readonly FactDiagnostic[], options: CheckOptions, text: string): FactDiagnostic[] {
  const out: FactDiagnostic[] = [];
  for (const d of diagnostics) {
    const setting = options.severity[d.code] ?? DEFAULT_SEVERITY[d.code];
    if (setting === 'off') continue;
    const shown = finished(text, d);
    out.push(setting === shown.severity ? shown : { ...shown, severity: setting as Severity });
  }
  return out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/**
 * A diagnostic as every reader can show it: its span on character
 * boundaries of the sheet's text (never inside a surrogate pair or a CRLF),
 * its message and fix titles on one line (a file name's line break escaped).
 */
function finished(text: string, d: FactDiagnostic): FactDiagnostic {
  const span = spanOnBoundaries(text, d.span);
  const message = escapeControls(d.message);
  const titled = d.fixes.some((f) => escapeControls(f.title) !== f.title);
  const confirmed = d.needs && escapeControls(d.needs.confirmed);
  if (span === d.span && message === d.message && !titled && confirmed === d.needs?.confirmed) return d;
  return {
    ...d,
    span,
    message,
    fixes: titled ? d.fixes.map((f) => ({ ...f, title: escapeControls(f.title) })) : d.fixes,
    ...(d.needs && confirmed !== undefined ? { needs: { ...d.needs, confirmed } } : {}),
  };
}

class CitationChecker {
  constructor(
    private readonly store: SourceStore,
    private readonly options: CheckOptions,
    private readonly sourcesDir: string,
  ) {}

  check(fact: Fact, citation: Citation): CitationCheck {
    const { file, line } = citation;
    if (!file || !line) return outcome(fact, citation, 'unchecked');
    const problem = (
      code: DiagnosticCode,
      span: Span,
      message: string,
      fixes: Fix[] = [],
      sourcePath?: string,
      lines?: LineRange,
      match?: Candidate,
      extra: Pick<FactDiagnostic, 'related' | 'needs'> = {},
      movedTo?: Candidate,
    ): CitationCheck => outcome(fact, citation, code, sourcePath, lines, match, { code, severity: DEFAULT_SEVERITY[code], span, message, fixes, ...extra }, movedTo);

    const resolution = this.store.resolve(this.sourcesDir, file.value);
    if (resolution.kind === 'outside-root') {
      return problem('source-outside-root', file.span, `"${file.value}" is outside the root folder: ${resolution.reason}. Nothing outside the root is read.`);
    }
    if (resolution.kind === 'not-found') {
      // Name distance alone suggests, never prefers; the file that holds the quote is found later (renames.ts).
      const dir = path.dirname(resolution.path);
      const name = path.basename(resolution.path);
      const prefix = file.value.includes('/') ? file.value.slice(0, file.value.lastIndexOf('/') + 1) : '';
      const near = this.store.nearestFiles(dir, name);
      const fixes: Fix[] = file.editable ? near.map((n) => changeFile(file, prefix + n.name, false)) : [];
      const hint = near.length > 0 ? `Did you mean ${near.map((n) => `"${prefix}${n.name}"`).join(' or ')}? ` : '';
      return problem('source-not-found', file.span, `${hint}There is no file "${file.value}" in "${folderName(this.store.root, dir)}".`, fixes);
    }
    const sourcePath = resolution.path;
    const loaded = this.store.load(sourcePath);
    if (loaded.kind === 'unreadable') {
      return problem('source-unreadable', file.span, `"${file.value}" cannot be read: ${loaded.reason}.`, [], sourcePath);
    }
    const source = loaded.source;
    const name = file.value;
    const quote = citation.quote ? prepareQuote(citation.quote.value, this.options) : undefined;

    if (line.first < 1 || line.last > source.lineCount || line.first > line.last) {
      const what =
        line.first > line.last
          ? `The range ${line.first}-${line.last} runs backwards.`
          : line.first < 1
            ? `Line ${line.first} does not exist: lines start at 1.`
            : `Line ${line.last} is past the end of "${name}", which has ${plural(source.lineCount, 'line')}.`;
      const candidates = quote ? findExact(source, quote, line.first, this.options).slice(0, 3) : [];
      const cited = { first: line.first, last: line.last };
      if (candidates.length > 0) {
        const fixes = candidates.map((c) => this.changeLine(citation, c, candidates.length === 1));
        const lead = candidates.length === 1 ? `Change line to ${rangeText(candidates[0])}: the quote is there. ` : `The quote is on ${linesPhrase(candidates)}, so which one is meant cannot be told. `;
        const moved = candidates.length === 1 ? candidates[0] : undefined;
        return problem('line-out-of-range', line.span, lead + what, fixes, sourcePath, undefined, undefined, { related: this.places(source, candidates, 'The quote is here.') }, moved);
      }
      // A quote copy-edited as well: a similar passage, approximately (4.1), repaired only with evidence (4.2).
      if (quote && citation.quote && line.first >= 1 && line.first <= line.last) {
        const located = findApproximate(source, quote, Math.min(line.first, source.lineCount), this.options.quoteTolerance);
        if (located.kind === 'elsewhere') return this.similarElsewhere(fact, 'line-out-of-range', line.span, what, citation, source, cited, located, sourcePath, undefined);
      }
      return problem('line-out-of-range', line.span, what, [], sourcePath);
    }

    const lines: LineRange = { first: line.first, last: line.last };
    if (!quote || !citation.quote) return outcome(fact, citation, 'verified', sourcePath, lines);

    const located = locateQuote(source, quote, lines, this.options.quoteTolerance, this.options);
    const where = `${rangeWord(lines).toLowerCase()} of "${name}"`;
    const says = (): string => {
      const cited = source.lineSpan(lines.first, lines.last);
      return `${rangeWord(lines)} says: "${excerpt(source.text.slice(cited.start, cited.end), EXCERPT)}"`;
    };
    switch (located.kind) {
      case 'exact':
        return outcome(fact, citation, 'verified', sourcePath, lines, located.match);
      case 'moved': {
        const shown = located.candidates.slice(0, 3);
        const single = located.candidates.length === 1;
        const fixes = shown.map((c) => this.changeLine(citation, c, single));
        const lead = single
          ? `Change line to ${rangeText(shown[0])}: the quote is there, not on ${where}.`
          : `The quote is in ${plural(located.candidates.length, 'place')} (${linesPhrase(shown)}${located.candidates.length > 3 ? ', …' : ''}), not on ${where}, so which one is meant cannot be told.`;
        const related = this.places(source, shown, 'The quote is here.');
        return problem('quote-moved', line.span, `${lead} ${says()}`, fixes, sourcePath, lines, undefined, { related }, single ? shown[0] : undefined);
      }
      case 'approximate': {
        const { match, ties } = located;
        const sourceWords = flatten(source.text.slice(match.span.start, match.span.end));
        const ambiguous = ties.length > 0;
        const comparison = compareWords(citation.quote.value, sourceWords);
        const places = [match, ...ties]
          .filter((c, i, all) => all.findIndex((o) => o.first === c.first && o.last === c.last) === i)
          .sort((a, b) => a.first - b.first);
        const related = ambiguous ? this.places(source, places, 'A passage that matches about as well.') : undefined;
        const tie = ambiguous ? ` It matches ${plural(ties.length + 1, 'passage')} there about equally well, on ${linesPhrase(places)}, so none is taken.` : '';
        if (!comparison.spellingLevel) {
          // The source says something else now (4.1): an error, and its repair is never preferred.
          const fixes: Fix[] = citation.quote.editable ? [replaceQuote(citation, sourceWords, false)] : [];
          return problem(
            'quote-altered',
            citation.quote.span,
            `Check the claim against ${where}: ${describeChanges(comparison.changes)}.${tie}`,
            fixes,
            sourcePath,
            lines,
            match,
            { related },
          );
        }
        const fixes: Fix[] = citation.quote.editable ? [replaceQuote(citation, sourceWords, !ambiguous)] : [];
        return problem(
          'quote-mismatch',
          citation.quote.span,
          `Replace the quote with the source's text, "${excerpt(sourceWords, EXCERPT)}": it differs from ${where} in spelling only (${plural(match.errors, 'edit')}).${tie}`,
          fixes,
          sourcePath,
          lines,
          match,
          { related },
        );
      }
      case 'elsewhere':
        return this.similarElsewhere(fact, 'quote-not-found', citation.quote.span, `The quote is not on ${where}. ${says()}.`, citation, source, lines, located, sourcePath, lines);
      case 'none': {
        // Past the approximate search's budget (see APPROXIMATE_BUDGET), the verdict says what was not done.
        const what =
          located.tooLong === 'lines'
            ? `The quote is not on ${where} as it is written, and ${lines.first === lines.last ? 'the line is' : 'the lines are'} too long to compare with the quote approximately.`
            : located.tooLong === 'source'
              ? `The quote is not on ${where}, not even approximately, and "${name}" is too long to search for the quote approximately elsewhere.`
              : `The quote is not in "${name}", not even approximately.`;
        return problem('quote-not-found', citation.quote.span, `${what} ${says()}.`, [], sourcePath, lines);
      }
    }
  }

  /**
   * A citation whose quote is found only approximately, on other lines than
   * it cites: a re-anchor is offered for each candidate, and preferred only
   * for a spelling-level match (4.1) that the evidence places where the
   * cited lines went (4.2), which is settled once every sheet checked
   * together is known.
   */
  private similarElsewhere(
    fact: Fact,
    code: 'quote-not-found' | 'line-out-of-range',
    span: Span,
    what: string,
    citation: Citation,
    source: SourceText,
    cited: LineRange,
    located: Extract<QuoteLocation, { kind: 'elsewhere' }>,
    sourcePath: string,
    lines: LineRange | undefined,
  ): CitationCheck {
    const quote = citation.quote!;
    const fixes = located.candidates.map((c) => this.reanchor(citation, source, c));
    const related = this.places(source, located.candidates, 'A similar passage.');
    const diagnostic = (message: string, needs?: EvidenceNeed): FactDiagnostic => ({ code, severity: DEFAULT_SEVERITY[code], span, message, fixes, related, needs });
    const result = (d: FactDiagnostic): CitationCheck => outcome(fact, citation, code, sourcePath, lines, undefined, d);
    if (located.ambiguous) {
      return result(diagnostic(`Similar passages are on ${linesPhrase(located.candidates)}, equally close, so none is taken. ${what}`));
    }
    const best = located.candidates[0];
    const bestWords = flatten(source.text.slice(best.span.start, best.span.end));
    const comparison = compareWords(quote.value, bestWords);
    const at = rangeWord(best).toLowerCase();
    if (!comparison.spellingLevel) {
      return result(diagnostic(`A similar passage is on ${at}, but ${describeChanges(comparison.changes)}. ${what}`));
    }
    const needs: EvidenceNeed | undefined =
      fixes[0].edits.length > 0
        ? { source: sourcePath, cited, candidate: { first: best.first, last: best.last }, fix: 0, confirmed: `Re-anchor to ${at}: the cited passage moved there, with changes in spelling only. ${what}` }
        : undefined;
    return result(diagnostic(`A similar passage is on ${at}, but nothing shows it is the one that was cited. ${what}`, needs));
  }

  /** Places in a source, for a diagnostic's related information. */
  private places(source: SourceText, candidates: readonly Candidate[], message: string): RelatedPlace[] {
    return candidates.map((c) => ({ path: source.path, start: source.lines.positionAt(c.span.start), end: source.lines.positionAt(c.span.end), message }));
  }

  private changeLine(citation: Citation, c: LineRange, preferred: boolean): Fix {
    const line = citation.line!;
    return {
      title: `Change line to ${rangeText(c)}`,
      edits: line.editable ? [{ span: line.span, newText: renderLine(c.first, c.last, line) }] : [],
      preferred: preferred && line.editable,
    };
  }

  private reanchor(citation: Citation, source: SourceText, c: Candidate): Fix {
    const line = citation.line!;
    const quote = citation.quote!;
    return {
      title: `Re-anchor to line ${rangeText(c)}`,
      edits:
        line.editable && quote.editable
          ? [
              { span: line.span, newText: renderLine(c.first, c.last, line) },
              { span: quote.span, newText: renderScalar(flatten(source.text.slice(c.span.start, c.span.end)), quote) },
            ]
          : [],
      preferred: false,
    };
  }
}

/** The longest excerpt of a source a message shows. */
const EXCERPT = 60;

function replaceQuote(citation: Citation, sourceWords: string, preferred: boolean): Fix {
  const quote = citation.quote!;
  return { title: "Replace quote with the source's text", edits: [{ span: quote.span, newText: renderScalar(sourceWords, quote) }], preferred };
}

/** A citation's result; always the same shape, which keeps the code that reads results fast. */
function outcome(
  fact: Fact,
  citation: Citation,
  status: CitationCheck['status'],
  sourcePath?: string,
  lines?: LineRange,
  match?: Candidate,
  diagnostic?: FactDiagnostic,
  movedTo?: Candidate,
): CitationCheck {
  return { fact, citation, status, sourcePath, lines, match, movedTo, diagnostic };
}

function flatten(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function rangeText(lines: LineRange): string {
  return lines.first === lines.last ? `${lines.first}` : `${lines.first}-${lines.last}`;
}

function rangeWord(lines: LineRange): string {
  return lines.first === lines.last ? `Line ${lines.first}` : `Lines ${lines.first}-${lines.last}`;
}

function linesPhrase(candidates: readonly LineRange[]): string {
  const names = candidates.map((c) => (c.first === c.last ? `${c.first}` : `${c.first}-${c.last}`));
  const word = candidates.length === 1 && candidates[0].first === candidates[0].last ? 'line' : 'lines';
  if (names.length === 1) return `${word} ${names[0]}`;
  return `lines ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
