/**
 * A small filter of the words a text holds, to find which files of a folder
 * may hold a quote without searching each of them (renames found by
 * content, FORMAT.md 4.2). Every three words in a row (a word is a run of
 * ASCII letters and digits; anything else separates words) are added to a
 * Bloom filter of the text. A quote can be in the text only if the filter
 * has its runs of three inner words (its first and last may be cut); the
 * filter never misses what the text holds, and the few texts it lets
 * through by chance are searched for real.
 */

/** Bits per byte of text: about 1.3 bits per three-word run, 2 bits set for each (a false positive rate of a few percent). */
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
    const bits = new Uint32Array(size >>> 5);
    const mask = size - 1;
    // One tight loop (this reads a whole folder when a cited file is missing): word hashes by FNV-1a,
    // and each three words in a row set two bits.
    let h = FNV_BASIS;
    let inWord = false;
    let w1 = 0;
    let w2 = 0;
    let words = 0;
    const n = bytes.length;
    for (let i = 0; i <= n; i++) {
      const c = i < n ? bytes[i] : 32;
      if (WORD_BYTE[c] === 1) {
        h = Math.imul(h ^ c, FNV_PRIME);
        inWord = true;
      } else if (inWord) {
        inWord = false;
        if (++words >= 3) {
          const k = triple(w1, w2, h);
          const x = k & mask;
          const y = (Math.imul(k, 0x9e3779b1) >>> 7) & mask;
          bits[x >>> 5] |= 1 << (x & 31);
          bits[y >>> 5] |= 1 << (y & 31);
        }
        w1 = w2;
        w2 = h;
        h = FNV_BASIS;
      }
    }
    return new ContentFilter(bits, mask);
  }

  /** Whether the text may hold a quote whose words are `words` (see {@link quoteKeys}). */
  mayHold(keys: readonly number[]): boolean {
    for (const k of keys) if (!this.has(k)) return false;
    return true;
  }

  private has(h: number): boolean {
    const a = h & this.mask;
    const b = (Math.imul(h, 0x9e3779b1) >>> 7) & this.mask;
    return (this.bits[a >>> 5] & (1 << (a & 31))) !== 0 && (this.bits[b >>> 5] & (1 << (b & 31))) !== 0;
  }
}

const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 1 for the bytes of ASCII letters and digits. */
const WORD_BYTE = new Uint8Array(256);
for (let c = 0; c < 256; c++) WORD_BYTE[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;

function triple(a: number, b: number, c: number): number {
  return Math.imul(Math.imul(a, 0x85ebca77) ^ Math.imul(b, 0xc2b2ae3d) ^ 0x27d4eb2f, 0x165667b1) ^ c;
}

/**
 * What a filter must have for a text to hold this quote (normalized): a few
 * of its runs of three inner words. The quote's first and last words are
 * left out, since a quote may start or end inside a word. Empty when the
 * quote has fewer than three inner words: then every text may hold it.
 */
export function quoteKeys(normalizedQuote: string): number[] {
  const words: number[] = [];
  const bytes = Buffer.from(normalizedQuote, 'utf8');
  let h = FNV_BASIS;
  let inWord = false;
  for (let i = 0; i <= bytes.length; i++) {
    const c = i < bytes.length ? bytes[i] : 32;
    if (WORD_BYTE[c] === 1) {
      h = Math.imul(h ^ c, FNV_PRIME);
      inWord = true;
    } else if (inWord) {
      inWord = false;
      words.push(h);
      h = FNV_BASIS;
    }
  }
  // The first and last words may be cut: a quote may start or end inside a word.
  const inner = words.slice(1, -1);
  const keys: number[] = [];
  // Three-word keys spread over the quote: more would add little.
  const step = Math.max(1, Math.floor((inner.length - 2) / 3));
  for (let i = 2; i < inner.length && keys.length < 4; i += step) keys.push(triple(inner[i - 2], inner[i - 1], inner[i]));
  return keys;
}
