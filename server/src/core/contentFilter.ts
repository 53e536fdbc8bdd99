/**
 * A small filter of the words a text holds, to find which files of a folder
 * may hold a quote without searching each of them (renames found by
 * content, FORMAT.md 4.2). Every word (a run of ASCII letters and digits;
 * anything else separates words) and every three words in a row are added
 * to a Bloom filter of the text. A quote can be in the text only if the
 * filter has its inner words (its first and last may be cut); the filter
 * never misses what the text holds, and the few texts it lets through by
 * chance are searched for real.
 */

/** Bits per byte of text: about 2.7 entries per word of 6 bytes, 3 bits each (a false positive rate of a few percent). */
const BITS_PER_BYTE = 2;

export class ContentFilter {
  private constructor(
    private readonly bits: Uint32Array,
    private readonly mask: number,
  ) {}

  /** The filter of a text, as UTF-8 bytes (other characters than ASCII letters and digits separate words). */
  static of(bytes: Uint8Array): ContentFilter {
    let size = 256;
    while (size < bytes.length * BITS_PER_BYTE) size *= 2;
    const filter = new ContentFilter(new Uint32Array(size >>> 5), size - 1);
    let h = 0;
    let inWord = false;
    let w1 = 0;
    let w2 = 0;
    let words = 0;
    for (let i = 0; i <= bytes.length; i++) {
      const c = i < bytes.length ? bytes[i] : 0;
      if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
        h = inWord ? Math.imul(h ^ c, 0x01000193) : Math.imul(0x811c9dc5 ^ c, 0x01000193);
        inWord = true;
      } else if (inWord) {
        inWord = false;
        filter.add(h);
        if (++words >= 3) filter.add(triple(w1, w2, h));
        w1 = w2;
        w2 = h;
      }
    }
    return filter;
  }

  /** Whether the text may hold a quote whose words are `words` (see {@link quoteKeys}). */
  mayHold(keys: readonly number[]): boolean {
    for (const k of keys) if (!this.has(k)) return false;
    return true;
  }

  private add(h: number): void {
    const a = h & this.mask;
    const b = (Math.imul(h, 0x9e3779b1) >>> 7) & this.mask;
    this.bits[a >>> 5] |= 1 << (a & 31);
    this.bits[b >>> 5] |= 1 << (b & 31);
  }

  private has(h: number): boolean {
    const a = h & this.mask;
    const b = (Math.imul(h, 0x9e3779b1) >>> 7) & this.mask;
    return (this.bits[a >>> 5] & (1 << (a & 31))) !== 0 && (this.bits[b >>> 5] & (1 << (b & 31))) !== 0;
  }
}

function triple(a: number, b: number, c: number): number {
  return Math.imul(Math.imul(a, 0x85ebca77) ^ Math.imul(b, 0xc2b2ae3d) ^ 0x27d4eb2f, 0x165667b1) ^ c;
}

/**
 * What a filter must have for a text to hold this quote (normalized): each
 * three inner words in a row (up to a few), or with fewer words, each inner
 * word. The quote's first and last words are left out, since a quote may
 * start or end inside a word. Empty when the quote has no inner word: then
 * every text may hold it.
 */
export function quoteKeys(normalizedQuote: string): number[] {
  const words: number[] = [];
  const bytes = Buffer.from(normalizedQuote, 'utf8');
  let h = 0;
  let inWord = false;
  for (let i = 0; i <= bytes.length; i++) {
    const c = i < bytes.length ? bytes[i] : 0;
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      h = inWord ? Math.imul(h ^ c, 0x01000193) : Math.imul(0x811c9dc5 ^ c, 0x01000193);
      inWord = true;
    } else if (inWord) {
      inWord = false;
      words.push(h);
    }
  }
  const inner = words.slice(1, -1);
  if (inner.length < 3) return inner;
  const keys: number[] = [];
  // Three-word keys spread over the quote: more would add little.
  const step = Math.max(1, Math.floor((inner.length - 2) / 3));
  for (let i = 2; i < inner.length && keys.length < 4; i += step) keys.push(triple(inner[i - 2], inner[i - 1], inner[i]));
  return keys;
}
