/**
 * Quote normalization (FORMAT.md section 4): NFC, typographic quotes, dashes
 * and ellipses folded to ASCII, whitespace runs collapsed, trimmed. The
 * normalized text keeps a map back to the original offsets so that a match
 * in normalized text can be shown on the source's own characters.
 */
import { lastAtOrBefore } from './text';

/** Normalized text with a map back to the original text's offsets. */
export interface NormalizedText {
  readonly text: string;
  /** The original offset the normalized unit `i` came from. */
  startOf(i: number): number;
  /** The original offset just past what the normalized unit `i` came from. */
  endOf(i: number): number;
  /** The first normalized index whose original offset is `>= offset`. */
  indexAt(offset: number): number;
}

const SINGLE_QUOTES = new Set([0x2018, 0x2019, 0x201a, 0x201b, 0x2032, 0x2035]);
const DOUBLE_QUOTES = new Set([0x201c, 0x201d, 0x201e, 0x201f, 0x2033, 0x2036]);
const DASHES = new Set([0x2013, 0x2014, 0x2212]);
const ELLIPSIS = 0x2026;

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The ASCII stand-in of a typographic character, or -1 when it has none. */
function fold(c: number): number {
  if (SINGLE_QUOTES.has(c)) return 0x27;
  if (DOUBLE_QUOTES.has(c)) return 0x22;
  if (DASHES.has(c)) return 0x2d;
  return -1;
}

/** Characters that are not copied as they are: whitespace and typography. */
function isSpecial(c: number): boolean {
  return c === 0x20 ? false : c <= 0x0d ? c >= 0x09 : c >= 0xa0 && (isSpace(c) || fold(c) >= 0 || c === ELLIPSIS);
}

/**
 * The map is a list of segments: a run of units copied as they are, or one
 * replacement (a collapsed space run, a folded character, an NFC piece).
 */
class SegmentMap implements NormalizedText {
  constructor(
    readonly text: string,
    /** Normalized start of each segment. */
    private readonly norm: Int32Array,
    /** Original start of each segment. */
    private readonly orig: Int32Array,
    /** Original length of each segment. */
    private readonly origLen: Int32Array,
    /** 1 when the segment is copied unit for unit. */
    private readonly copied: Uint8Array,
    private readonly count: number,
  ) {}

  private segmentOf(i: number): number {
    return lastAtOrBefore(this.norm, i, this.count);
  }

  startOf(i: number): number {
    const k = this.segmentOf(i);
    return this.copied[k] ? this.orig[k] + (i - this.norm[k]) : this.orig[k];
  }

  endOf(i: number): number {
    const k = this.segmentOf(i);
    return this.copied[k] ? this.orig[k] + (i - this.norm[k]) + 1 : this.orig[k] + this.origLen[k];
  }

  indexAt(offset: number): number {
    if (this.count === 0 || offset <= this.orig[0]) return 0;
    // The last segment starting at or before `offset`.
    const lo = lastAtOrBefore(this.orig, offset, this.count);
    const inside = offset - this.orig[lo];
    const nextNorm = lo + 1 < this.count ? this.norm[lo + 1] : this.text.length;
    if (inside === 0) return this.norm[lo];
    return this.copied[lo] ? Math.min(this.norm[lo] + inside, nextNorm) : nextNorm;
  }
}

/** Builds the normalized text and its segments. */
class Builder {
  private readonly pieces: string[] = [];
  private length = 0;
  private norm: number[] = [];
  private orig: number[] = [];
  private origLen: number[] = [];
  private copied: number[] = [];
  private pendingSpace = -1;
  private pendingSpaceEnd = -1;

  constructor(private readonly base: number) {}

  space(start: number, end: number): void {
    if (this.pendingSpace < 0) this.pendingSpace = start;
    this.pendingSpaceEnd = end;
  }

  private flushSpace(): void {
    if (this.pendingSpace < 0) return;
    if (this.length > 0) this.push(' ', this.pendingSpace, this.pendingSpaceEnd - this.pendingSpace, false);
    this.pendingSpace = -1;
  }

  copy(text: string, start: number, end: number): void {
    if (end <= start) return;
    this.flushSpace();
    this.push(text.slice(start, end), start, end - start, true);
  }

  replace(out: string, start: number, end: number): void {
    this.flushSpace();
    this.push(out, start, end - start, false);
  }

  private push(s: string, start: number, origLength: number, copied: boolean): void {
    this.pieces.push(s);
    this.norm.push(this.length);
    this.orig.push(start + this.base);
    this.origLen.push(origLength);
    this.copied.push(copied ? 1 : 0);
    this.length += s.length;
  }

  finish(): NormalizedText {
    return new SegmentMap(
      this.pieces.join(''),
      Int32Array.from(this.norm),
      Int32Array.from(this.orig),
      Int32Array.from(this.origLen),
      Uint8Array.from(this.copied),
      this.norm.length,
    );
  }
}

/** Segments that NFC may compose: a base character and its marks. */
const SEGMENT = /\P{M}\p{M}*|\p{M}+/gu;

/**
 * Normalizes `text`, mapping every output unit to the original offsets
 * (`base` is added to them, for a slice of a larger text). For text already
 * in NFC (nearly all), the normalized text is made at once by native string
 * replacement and the map only when a match is first mapped back. `nfc`,
 * when the caller knows whether the text is in NFC.
 */
export function normalizeWithMap(text: string, base = 0, nfc = isNfc(text)): NormalizedText {
  return nfc ? new LazyMap(foldText(text), text, base) : buildMap(text, base, false);
}

/**
 * Whether {@link findNormalized} can look for this normalized quote: not
 * with `..` in it, which an ellipsis could stand for in the middle.
 */
export function findableWithoutNormalizing(q: string): boolean {
  return q.length > 0 && !q.includes('..');
}

/**
 * Where a normalized one-part quote `q` first occurs in NFC text
 * `text[from, to)` once that is normalized, found without normalizing it:
 * each space of `q` stands for a run of whitespace; each straight quote or
 * hyphen for its typographic forms too; a period at either end for an
 * ellipsis too. Only for quotes {@link findableWithoutNormalizing}.
 */
export function findNormalized(text: string, q: string, from: number, to: number): { start: number; end: number } | undefined {
  const last = q.length - 1;
  // The quote's first characters up to a space or one that typography could stand for
  // must be in the text as they are: jump from one place where they are to the next.
  let anchorLength = 0;
  while (anchorLength <= last && isLiteral(q.charCodeAt(anchorLength))) anchorLength++;
  const anchor = q.slice(0, anchorLength);
  for (let p = from; p < to; p++) {
    if (anchorLength > 0) {
      p = text.indexOf(anchor, p);
      if (p < 0 || p + anchorLength > to) return undefined;
    }
    let t = p + anchorLength;
    let k = anchorLength;
    for (; k <= last && t < to; k++) {
      const want = q.charCodeAt(k);
      const c = text.charCodeAt(t);
      if (want === 0x20) {
        if (!isSpace(c)) break;
        while (t < to && isSpace(text.charCodeAt(t))) t++;
        continue;
      }
      if (c !== want && !(c >= 0xa0 && (fold(c) === want || (c === ELLIPSIS && want === 0x2e && (k === 0 || k === last))))) break;
      t++;
    }
    if (k > last) return { start: p, end: t };
  }
  return undefined;
}

/** A character of a normalized quote that only itself can stand for in the text (not a space, quote, hyphen or period). */
function isLiteral(c: number): boolean {
  return c !== 0x20 && c !== 0x27 && c !== 0x22 && c !== 0x2d && c !== 0x2e;
}

/**
 * Text made only of characters that are in NFC whatever stands around them:
 * none has a canonical decomposition or composes with the character before it
 * (below U+0300: ASCII, Latin-1 and the other precomposed Latin letters and
 * spacing modifiers; U+2002-U+206F: the spaces, dashes, quotes and ellipsis
 * of typeset text). Such text is in NFC without asking ICU, which copies it.
 */
const STABLE_UNDER_NFC = /^[\x00-\u02ff\u2002-\u206f]*$/;

/** Whether text is in NFC already. */
export function isNfc(text: string): boolean {
  return STABLE_UNDER_NFC.test(text) || text.normalize('NFC') === text;
}

/** Normalizes a quote for comparison (no offset map); `nfc` when the caller knows whether it is in NFC. */
export function normalizeText(text: string, nfc = isNfc(text)): string {
  return nfc ? foldText(text) : buildMap(text, 0, false).text;
}

/** The normalization and its map made in one pass, unit by unit (the tests compare it with the fast text). */
export function buildMap(text: string, base = 0, assumeNfc = isNfc(text)): NormalizedText {
  const out = new Builder(base);
  const special = (c: number, start: number, end: number): void => {
    if (isSpace(c)) out.space(start, end);
    else if (c === ELLIPSIS) out.replace('...', start, end);
    else out.replace(String.fromCharCode(fold(c)), start, end);
  };
  if (assumeNfc) {
    // Already NFC: copy runs of ordinary units, replace the special ones.
    let run = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x20 && i > 0 && i + 1 < text.length && !isSpace(text.charCodeAt(i - 1)) && !isSpace(text.charCodeAt(i + 1))) {
        continue; // A single space between words stays as it is.
      }
      if (c === 0x20 || isSpecial(c)) {
        out.copy(text, run, i);
        special(c, i, i + 1);
        run = i + 1;
      }
    }
    out.copy(text, run, text.length);
  } else {
    for (const m of text.matchAll(SEGMENT)) {
      const piece = m[0].normalize('NFC');
      const start = m.index;
      const end = start + m[0].length;
      if (piece.length === 1 && (isSpecial(piece.charCodeAt(0)) || piece.charCodeAt(0) === 0x20)) special(piece.charCodeAt(0), start, end);
      else if (piece === m[0]) out.copy(text, start, end);
      else out.replace(piece, start, end);
    }
  }
  return out.finish();
}

/** Whitespace other than a single space between two other characters. */
const SPACE_RUN = /\s{2,}|[^\S ]/g;
const TYPOGRAPHY = /[\u2018\u2019\u201a\u201b\u2032\u2035\u201c\u201d\u201e\u201f\u2033\u2036\u2013\u2014\u2212\u2026]/g;

/** The normalized form of NFC text, by native replacement: spaces collapsed, typography folded, trimmed. */
function foldText(text: string): string {
  let out = text.replace(SPACE_RUN, ' ');
  TYPOGRAPHY.lastIndex = 0;
  if (TYPOGRAPHY.test(out)) out = out.replace(TYPOGRAPHY, (m) => (m.charCodeAt(0) === ELLIPSIS ? '...' : String.fromCharCode(fold(m.charCodeAt(0)))));
  let start = 0;
  let end = out.length;
  while (start < end && out.charCodeAt(start) === 0x20) start++;
  while (end > start && out.charCodeAt(end - 1) === 0x20) end--;
  return start === 0 && end === out.length ? out : out.slice(start, end);
}

/** A normalized text whose map back to the original is built when first used. */
class LazyMap implements NormalizedText {
  private built: NormalizedText | undefined;

  constructor(
    readonly text: string,
    private readonly original: string,
    private readonly base: number,
  ) {}

  private get map(): NormalizedText {
    return (this.built ??= buildMap(this.original, this.base, true));
  }

  startOf(i: number): number {
    return this.map.startOf(i);
  }

  endOf(i: number): number {
    return this.map.endOf(i);
  }

  indexAt(offset: number): number {
    return this.map.indexAt(offset);
  }
}

/** The normalized quote split at `...` elisions into its non-empty parts. */
export function quoteParts(normalizedQuote: string): string[] {
  return normalizedQuote
    .split('...')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
