/**
 * Quote normalization (FORMAT.md section 4): NFC, typographic quotes, dashes
 * and ellipses folded to ASCII, whitespace runs collapsed, trimmed. The
 * normalized text keeps a map back to the original offsets so that a match
 * in normalized text can be shown on the source's own characters.
 */

export interface NormalizedText {
  readonly text: string;
  /** For each normalized UTF-16 unit, the original offset it came from. */
  readonly starts: Int32Array;
  /** For each normalized UTF-16 unit, the original offset just past it. */
  readonly ends: Int32Array;
}

const SINGLE_QUOTES = new Set([0x2018, 0x2019, 0x201a, 0x201b, 0x2032, 0x2035]);
const DOUBLE_QUOTES = new Set([0x201c, 0x201d, 0x201e, 0x201f, 0x2033, 0x2036]);
const DASHES = new Set([0x2013, 0x2014, 0x2212]);
const ELLIPSIS = 0x2026;

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The ASCII stand-in of a typographic character, or the character itself. */
function fold(c: number): number {
  if (c < 0x2000) return c;
  if (SINGLE_QUOTES.has(c)) return 0x27;
  if (DOUBLE_QUOTES.has(c)) return 0x22;
  if (DASHES.has(c)) return 0x2d;
  return c;
}

/** Segments that NFC may compose: a base character and its marks. */
const SEGMENT = /\P{M}\p{M}*|\p{M}+/gu;

/** Growable output of the normalizer: units and their original spans. */
class Output {
  codes: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;
  private pendingSpace = -1;

  constructor(capacity: number, private readonly base: number) {
    this.codes = new Uint16Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  space(at: number): void {
    if (this.pendingSpace < 0) this.pendingSpace = at;
  }

  unit(code: number, start: number, end: number): void {
    if (this.pendingSpace >= 0) {
      const at = this.pendingSpace;
      this.pendingSpace = -1;
      if (this.length > 0) this.unit(0x20, at, at + 1);
    }
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length] = code;
    this.starts[this.length] = start + this.base;
    this.ends[this.length] = end + this.base;
    this.length++;
  }

  private grow(): void {
    const size = this.codes.length * 2 + 16;
    const codes = new Uint16Array(size);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    codes.set(this.codes);
    starts.set(this.starts);
    ends.set(this.ends);
    this.codes = codes;
    this.starts = starts;
    this.ends = ends;
  }

  finish(): NormalizedText {
    let text = '';
    const CHUNK = 8192;
    for (let i = 0; i < this.length; i += CHUNK) {
      text += String.fromCharCode.apply(null, this.codes.subarray(i, Math.min(this.length, i + CHUNK)) as unknown as number[]);
    }
    return { text, starts: this.starts.slice(0, this.length), ends: this.ends.slice(0, this.length) };
  }
}

/**
 * Normalizes `text`, mapping every output unit to the original offsets
 * (`base` is added to them, for a slice of a larger text).
 */
export function normalizeWithMap(text: string, base = 0): NormalizedText {
  const out = new Output(text.length + 16, base);
  const foldUnit = (c: number, start: number, end: number): void => {
    if (isSpace(c)) out.space(start);
    else if (c === ELLIPSIS) {
      out.unit(0x2e, start, end);
      out.unit(0x2e, start, end);
      out.unit(0x2e, start, end);
    } else out.unit(fold(c), start, end);
  };
  if (text.normalize('NFC') === text) {
    // Most text is already NFC: fold unit by unit.
    for (let i = 0; i < text.length; i++) foldUnit(text.charCodeAt(i), i, i + 1);
  } else {
    for (const m of text.matchAll(SEGMENT)) {
      const piece = m[0].normalize('NFC');
      const start = m.index;
      const end = start + m[0].length;
      if (piece.length === 1) foldUnit(piece.charCodeAt(0), start, end);
      else for (let k = 0; k < piece.length; k++) out.unit(piece.charCodeAt(k), start, end);
    }
  }
  return out.finish();
}

/** Normalizes a quote for comparison (no offset map). */
export function normalizeText(text: string): string {
  return normalizeWithMap(text).text;
}

/** The normalized quote split at `...` elisions into its non-empty parts. */
export function quoteParts(normalizedQuote: string): string[] {
  return normalizedQuote
    .split('...')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** Index of the first normalized unit whose original offset is >= `offset`. */
export function normalizedIndexAt(n: NormalizedText, offset: number): number {
  let lo = 0;
  let hi = n.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (n.starts[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
