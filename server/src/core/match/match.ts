/**
 * Finding a quote in a source (FORMAT.md section 4): exact or normalized
 * matches on the cited lines, elsewhere in the source, then approximate
 * matches within the tolerance by Myers' bit-parallel edit distance
 * (`approx-string-match`), never guessing between near-equal candidates.
 */
import { findableWithoutNormalizing, findNormalized, isNfc, normalizeText, quoteParts, type NormalizedText } from '../normalize';
import type { SourceText } from '../sources/sources';
import type { LineRange, Shortcuts, Span } from '../types';

type SearchFn = typeof import('approx-string-match', { with: { 'resolution-mode': 'import' } }).default;
// approx-string-match is an ES module; Node >= 20.19 loads it with require().
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
const approxSearch: SearchFn = (require('approx-string-match') as { default: SearchFn }).default;

export type { LineRange } from '../types';

/** A place in the source where the quote was found. */
export interface Candidate extends LineRange {
  /** The matched text, as offsets into the source text. */
  readonly span: Span;
  /** Edits between quote and source text; 0 for an exact or normalized match. */
  readonly errors: number;
}

export type QuoteLocation =
  /** Found, exactly or normalized, on the cited lines. */
  | { readonly kind: 'exact'; readonly match: Candidate }
  /** Found exactly or normalized only on other lines; nearest first. */
  | { readonly kind: 'moved'; readonly candidates: readonly Candidate[] }
  /** Found approximately on the cited lines; `ties` are as good as `match`. */
  | { readonly kind: 'approximate'; readonly match: Candidate; readonly ties: readonly Candidate[] }
  /** Found only approximately, on other lines; best first. */
  | { readonly kind: 'elsewhere'; readonly candidates: readonly Candidate[]; readonly ambiguous: boolean }
  /**
   * Not found. `tooLong` when the approximate search was not made, because
   * the quote times the text to search is over {@link APPROXIMATE_BUDGET}:
   * `lines` the cited lines (nothing else was searched either), `source` the
   * rest of the source.
   */
  | { readonly kind: 'none'; readonly tooLong?: 'lines' | 'source' };

/** A match in normalized text: `[start, end)` indexes and its edit count. */
interface Hit {
  readonly start: number;
  readonly end: number;
  readonly errors: number;
}

const MAX_CANDIDATES = 3;

/**
 * The most work one approximate search may take, as the quote's length
 * times the length of the text searched (both normalized; a quote counts
 * as at least {@link SHORTEST_COST} characters): tens of milliseconds of
 * bit-parallel search. A 1,000-character quote is compared with up to
 * 250,000 characters; a 250-character quote with 1 MB, a short quote with
 * 2.5 MB. Beyond it
 * the quote is reported not found, saying it was too long to compare: a
 * bound never makes a match, and exact and normalized matches are found
 * whatever the sizes.
 */
export const APPROXIMATE_BUDGET = 250_000_000;

/** A search costs about as much for a quote of up to 100 characters as for one of 100. */
const SHORTEST_COST = 100;

function withinBudget(parts: readonly string[], textLength: number): boolean {
  let length = 0;
  for (const part of parts) length += part.length;
  return Math.max(length, SHORTEST_COST) * textLength <= APPROXIMATE_BUDGET;
}

/** Two edit counts are "about equal" (the never-guess rule) within 10%. */
export function aboutEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 0.1 * Math.max(a, b);
}

/** A quote prepared for matching: normalized and split at elisions. */
export interface PreparedQuote {
  readonly normalized: string;
  readonly parts: readonly string[];
  /**
   * Forms of the quote that, found as they are in the source, are a
   * normalized match there: the normalized quote when it has no elision,
   * and the quote as written when only its typography differs from that.
   */
  readonly verbatim: readonly string[];
}

/** Printable ASCII words with single spaces between them: normalization leaves such a quote as it is. */
const PLAIN_QUOTE = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/** A quote made ready to be looked for; with `reference: true`, by normalizing it alone (it has no verbatim forms). */
export function prepareQuote(quote: string, options: Shortcuts = {}): PreparedQuote {
  const reference = options.reference === true;
  if (!reference && PLAIN_QUOTE.test(quote) && !quote.includes('...')) return { normalized: quote, parts: [quote], verbatim: [quote] };
  // (Telling the normalizer that the quote is NFC already lets it skip composing.)
  const nfc = !reference && isNfc(quote);
  const normalized = normalizeText(quote, nfc);
  const parts = normalized.includes('...') ? quoteParts(normalized) : normalized === '' ? [] : [normalized];
  const verbatim: string[] = [];
  if (!reference && parts.length === 1 && normalized === parts[0]) {
    verbatim.push(normalized);
    // As written: trimmed, single spaces between words, NFC, not starting with a mark; so it normalizes by folding alone.
    if (nfc && quote !== normalized && quote.length === normalized.length && !/^\p{M}|[^\S ]|  |^ | $/u.test(quote)) verbatim.push(quote);
  }
  return { normalized, parts, verbatim };
}

/**
 * Locates a quote. `lines` is the cited range, or undefined when the cited
 * lines do not exist (then only exact matches elsewhere are looked for).
 * With `reference: true`, the quote is looked for only in the normalized
 * text, never as written.
 */
export function locateQuote(source: SourceText, quote: PreparedQuote, lines: LineRange | undefined, tolerance: number, options: Shortcuts = {}): QuoteLocation {
  const { parts } = quote;
  if (parts.length === 0) return { kind: 'none' };
  if (lines && !options.reference) {
    // Most quotes are copied verbatim: a plain search of the cited lines finds them without
    // normalizing (in a source not decoded yet, only those lines are decoded, once for both).
    const cited = source.linesText(lines.first, lines.last);
    const found = verbatimMatch(source, quote, lines, cited) ?? matchAsNormalized(source, quote, lines, cited);
    if (found) return { kind: 'exact', match: found };
  }
  // Then the cited lines alone are normalized: most other quotes are found there.
  const cited = lines ? citedRegion(source, lines) : undefined;
  if (cited) {
    const hit = exactChain(cited.text, parts, 0, cited.text.length);
    if (hit) return { kind: 'exact', match: toCandidate(source, cited, hit) };
  }
  const span = lines ? lines.last - lines.first + 1 : 1;
  const near = lines?.first ?? 1;
  const moved = exactElsewhere(source, parts, span, options);
  if (moved.length > 0) return { kind: 'moved', candidates: nearestFirst(moved, near) };
  if (!cited) return { kind: 'none' };
  // Over the budget here, it is over it for the whole source too: nothing approximate is looked for.
  if (!withinBudget(parts, cited.text.length)) return { kind: 'none', tooLong: 'lines' };

  const approx = approximateIn(cited.text, parts, 0, cited.text.length, tolerance);
  if (approx.length > 0) {
    const [best, ...rest] = approx.map((h) => toCandidate(source, cited, widenToWords(cited.text, h)));
    return { kind: 'approximate', match: best, ties: rest.filter((c) => aboutEqual(c.errors, best.errors)) };
  }
  return findApproximate(source, quote, near, tolerance);
}

/**
 * Approximate matches of an unelided quote anywhere in the source (elided
 * quotes have no known extent): the best, or the candidates about as good
 * as it, nearest to `near` first, marked ambiguous.
 */
export function findApproximate(source: SourceText, quote: PreparedQuote, near: number, tolerance: number): QuoteLocation {
  const { parts } = quote;
  if (parts.length !== 1) return { kind: 'none' };
  const norm = source.normalized;
  if (!withinBudget(parts, norm.text.length)) return { kind: 'none', tooLong: 'source' };
  const hits = approximateHits(norm.text, parts[0], 0, norm.text.length, maxErrors(parts[0], tolerance));
  if (hits.length === 0) return { kind: 'none' };
  const candidates = hits.map((h) => toCandidate(source, norm, widenToWords(norm.text, h)));
  const best = candidates[0];
  const equal = candidates.filter((c) => aboutEqual(c.errors, best.errors));
  return {
    kind: 'elsewhere',
    candidates: equal.length > 1 ? nearestFirst(equal, near) : [best],
    ambiguous: equal.length > 1,
  };
}

/** Exact (normalized) matches of a quote anywhere in the source, nearest to `near` first. */
export function findExact(source: SourceText, quote: PreparedQuote, near: number, options: Shortcuts = {}): Candidate[] {
  return quote.parts.length === 0 ? [] : nearestFirst(exactElsewhere(source, quote.parts, 1, options), near);
}

function maxErrors(pattern: string, tolerance: number): number {
  return Math.floor(tolerance * pattern.length + 1e-9);
}

/**
 * The quote found as it is on the cited lines (whose text is `cited`), in one
 * of its verbatim forms (see {@link PreparedQuote}); then no normalizing is
 * needed.
 */
function verbatimMatch(source: SourceText, quote: PreparedQuote, lines: LineRange, cited: string): Candidate | undefined {
  if (quote.verbatim.length === 0) return undefined;
  // The leftmost of the forms found, as the normalized search would find it.
  let at = -1;
  let end = 0;
  for (const q of quote.verbatim) {
    const i = cited.indexOf(q);
    if (i >= 0 && (at < 0 || i < at)) {
      at = i;
      end = i + q.length;
    }
  }
  // A combining mark right after would compose with the quote's last character.
  if (at < 0 || composesWithPrevious(cited, end)) return undefined;
  return citedMatch(source, lines, cited, at, end);
}

/**
 * The quote on the cited lines (`cited`) found as it would be once they are
 * normalized, without normalizing them (see {@link findNormalized}): quotes
 * that cross a line end or differ only in typography. Undefined when that
 * cannot be told this way (the normalized search then decides).
 */
function matchAsNormalized(source: SourceText, quote: PreparedQuote, lines: LineRange, cited: string): Candidate | undefined {
  if (quote.parts.length !== 1 || !findableWithoutNormalizing(quote.parts[0])) return undefined;
  if (!isNfc(cited)) return undefined;
  const found = findNormalized(cited, quote.parts[0], 0, cited.length);
  if (!found || composesWithPrevious(cited, found.end)) return undefined;
  return citedMatch(source, lines, cited, found.start, found.end);
}

/**
 * A match at `[start, end)` of the cited lines' text (`cited`). Its lines are
 * the source's to tell ({@link SourceText.lineInCited}). Its span in the text
 * too, when the source can tell it without being decoded; else it is worked
 * out only if asked for (a command-line check never asks for the span of a
 * verified quote). A match made with its span holds no reference to the
 * source: a check's results do not keep every article's text alive.
 */
function citedMatch(source: SourceText, lines: LineRange, cited: string, start: number, end: number): Candidate {
  const one = lines.first === lines.last;
  const first = one ? lines.first : source.lineInCited(lines.first, cited, start);
  const last = one ? lines.first : source.lineInCited(lines.first, cited, end - 1);
  const span = source.spanInCited(lines.first, start, end);
  return span ? { first, last, span, errors: 0 } : new CitedMatch(source, lines.first, first, last, start, end);
}

class CitedMatch implements Candidate {
  readonly errors = 0;
  private spanValue: Span | undefined;

  constructor(
    private readonly source: SourceText,
    private readonly citedFirst: number,
    readonly first: number,
    readonly last: number,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get span(): Span {
    if (!this.spanValue) {
      const base = this.source.lineSpan(this.citedFirst, this.citedFirst).start;
      this.spanValue = { start: base + this.start, end: base + this.end };
    }
    return this.spanValue;
  }

  /** As a plain candidate. */
  toJSON(): Candidate {
    return { first: this.first, last: this.last, span: this.span, errors: this.errors };
  }
}

/** Whether the character at `i` is a combining mark (none is below U+0300). */
function composesWithPrevious(text: string, i: number): boolean {
  return i < text.length && text.charCodeAt(i) >= 0x300 && /\p{M}/u.test(text[i]);
}

/** The cited lines, normalized on their own (offsets still into the whole source). */
function citedRegion(source: SourceText, lines: LineRange): NormalizedText {
  return source.normalizedLines(lines.first, lines.last);
}

/** The parts of a quote in order within `[from, to)`, leftmost. */
function exactChain(hay: string, parts: readonly string[], from: number, to: number): Hit | undefined {
  let pos = from;
  let start = -1;
  for (const part of parts) {
    const i = hay.indexOf(part, pos);
    if (i < 0 || i + part.length > to) return undefined;
    if (start < 0) start = i;
    pos = i + part.length;
  }
  return { start, end: pos, errors: 0 };
}

/**
 * Every exact occurrence of the quote in the source. An elided quote's parts
 * must follow its first part within `span` lines, the cited range's size.
 */
function exactElsewhere(source: SourceText, parts: readonly string[], span: number, options: Shortcuts): Candidate[] {
  if (!options.reference && parts.length === 1 && findableWithoutNormalizing(parts[0]) && source.isNfc) {
    // Found in the source as it is, without normalizing it all.
    const found: Candidate[] = [];
    for (let f = findNormalized(source.text, parts[0], 0, source.text.length); f; f = findNormalized(source.text, parts[0], f.start + 1, source.text.length)) {
      found.push({ first: source.lineAt(f.start), last: source.lineAt(f.end - 1), span: f, errors: 0 });
    }
    return found;
  }
  const norm = source.normalized;
  const hay = norm.text;
  const found: Candidate[] = [];
  const chain = new Chain(hay, parts);
  for (let i = hay.indexOf(parts[0]); i >= 0; i = hay.indexOf(parts[0], i + 1)) {
    let hit: Hit | undefined = { start: i, end: i + parts[0].length, errors: 0 };
    if (parts.length > 1) {
      // The parts in order from here, leftmost; it lies within a window exactly when its end does.
      const whole = chain.from(i);
      if (!whole) break; // A part is nowhere after the one before it: no later start finds it either.
      const firstLine = source.lineAt(norm.startOf(i));
      const lastLine = Math.min(source.lineCount, firstLine + span - 1);
      hit = whole.end <= norm.indexAt(source.lineSpan(lastLine, lastLine).end) ? whole : undefined;
      // A paragraph re-wrapped over more lines than the citation cites: the window runs on to its end.
      const paragraphEnd = hit ? lastLine : endOfParagraph(source, lastLine);
      if (paragraphEnd > lastLine) hit = whole.end <= norm.indexAt(source.lineSpan(paragraphEnd, paragraphEnd).end) ? whole : undefined;
    }
    if (hit) found.push(toCandidate(source, norm, hit));
  }
  return found;
}

/**
 * The parts of an elided quote in order, leftmost, from starts that only
 * move forward: where each part was last found is kept, so that finding the
 * chain from every occurrence of the first part costs about one pass over
 * the text, not one per occurrence.
 */
class Chain {
  /** Per part after the first: where it was searched from, and where it was found (-1: nowhere). */
  private readonly searchedFrom: number[];
  private readonly foundAt: number[];

  constructor(
    private readonly hay: string,
    private readonly parts: readonly string[],
  ) {
    this.searchedFrom = parts.map(() => Infinity);
    this.foundAt = parts.map(() => -1);
  }

  /** The chain whose first part is at `start`; `start` never decreases from one call to the next. */
  from(start: number): Hit | undefined {
    let pos = start + this.parts[0].length;
    for (let k = 1; k < this.parts.length; k++) {
      // The leftmost place at or after `pos`: the one found before, if the search then began
      // no later and found it no earlier than `pos`.
      let at = this.foundAt[k];
      if (!(this.searchedFrom[k] <= pos && (at < 0 || at >= pos))) {
        at = this.hay.indexOf(this.parts[k], pos);
        this.searchedFrom[k] = pos;
        this.foundAt[k] = at;
      }
      if (at < 0) return undefined;
      pos = at + this.parts[k].length;
    }
    return { start, end: pos, errors: 0 };
  }
}

/** The last line of the paragraph (run of non-blank lines) that holds `line`. */
function endOfParagraph(source: SourceText, line: number): number {
  let last = line;
  while (last < source.lineCount && !isBlank(source.linesText(last + 1, last + 1))) last++;
  return last;
}

function isBlank(text: string): boolean {
  return !/\S/.test(text);
}

/** Approximate match of a (possibly elided) quote within `[from, to)`, best first. */
function approximateIn(hay: string, parts: readonly string[], from: number, to: number, tolerance: number): Hit[] {
  if (parts.length === 1) return approximateHits(hay, parts[0], from, to, maxErrors(parts[0], tolerance));
  // Elided: each part approximately, in order, within its own share of the tolerance.
  let pos = from;
  let start = -1;
  let errors = 0;
  for (const part of parts) {
    const [hit] = approximateHits(hay, part, pos, to, maxErrors(part, tolerance));
    if (!hit) return [];
    if (start < 0) start = hit.start;
    errors += hit.errors;
    pos = hit.end;
  }
  return [{ start, end: pos, errors }];
}

/**
 * Distinct places in `[from, to)` where `pattern` matches with at most
 * `max` edits: the best, then any others about as good (masking each found
 * place and searching again), best first. At most {@link MAX_CANDIDATES}.
 */
function approximateHits(hay: string, pattern: string, from: number, to: number, max: number): Hit[] {
  if (max === 0) {
    // No edit allowed (a short part): the first places it is, by a plain search.
    const exact: Hit[] = [];
    for (let i = hay.indexOf(pattern, from); i >= 0 && i + pattern.length <= to && exact.length < MAX_CANDIDATES; i = hay.indexOf(pattern, i + pattern.length)) {
      exact.push({ start: i, end: i + pattern.length, errors: 0 });
    }
    return exact;
  }
  let text = hay.slice(from, to);
  const hits: Hit[] = [];
  let limit = max;
  while (hits.length < MAX_CANDIDATES) {
    const matches = approxSearch(text, pattern, limit);
    if (matches.length === 0) break;
    const distinct = distinctMatches(matches);
    for (const m of distinct) hits.push({ start: m.start + from, end: m.end + from, errors: m.errors });
    if (hits.length >= MAX_CANDIDATES) break;
    // Look for others as good as the best (within 10%), with the best masked.
    limit = Math.min(max, Math.floor(hits[0].errors * 1.1 + 1e-9));
    text = masked(text, distinct);
  }
  return hits.slice(0, MAX_CANDIDATES).sort((a, b) => a.errors - b.errors || a.start - b.start);
}

/** `text` with the characters of `spans` (in order, not overlapping) replaced by NULs, in one pass. */
function masked(text: string, spans: readonly { start: number; end: number }[]): string {
  const pieces: string[] = [];
  let at = 0;
  for (const m of spans) {
    pieces.push(text.slice(at, m.start), '\0'.repeat(m.end - m.start));
    at = m.end;
  }
  pieces.push(text.slice(at));
  return pieces.join('');
}

/** One match per group of overlapping matches. */
function distinctMatches(matches: { start: number; end: number; errors: number }[]): { start: number; end: number; errors: number }[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: typeof sorted = [];
  for (const m of sorted) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) continue;
    out.push(m);
  }
  return out;
}

const WORD = /[\p{L}\p{N}]/u;

/** Extends an approximate hit that starts or ends inside a word to the whole word. */
function widenToWords(hay: string, hit: Hit): Hit {
  let { start, end } = hit;
  while (start > 0 && WORD.test(hay[start - 1]) && WORD.test(hay[start])) start--;
  while (end < hay.length && WORD.test(hay[end]) && WORD.test(hay[end - 1])) end++;
  return { start, end, errors: hit.errors };
}

function toCandidate(source: SourceText, norm: NormalizedText, hit: Hit): Candidate {
  const start = norm.startOf(hit.start);
  const end = norm.endOf(hit.end - 1);
  return { first: source.lineAt(start), last: source.lineAt(end - 1), span: { start, end }, errors: hit.errors };
}

function nearestFirst(candidates: Candidate[], near: number): Candidate[] {
  return [...candidates].sort((a, b) => Math.abs(a.first - near) - Math.abs(b.first - near) || a.first - b.first);
}
