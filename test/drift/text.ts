/**
 * Text helpers of the drift suite: the format's normalization (FORMAT.md
 * section 4), written out again here so that the suite judges the checker
 * by the spec rather than by the checker's own code, and word tokens.
 */

/** NFC, typographic quotes and dashes to ASCII, `…` to `...`, whitespace runs to one space, trimmed. */
export function normalize(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u2035]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033\u2036]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a line: its runs of non-space characters (non-breaking spaces separate words too). */
export function tokens(text: string): string[] {
  const t = text.trim();
  return t === '' ? [] : t.split(/\s+/);
}

/** Where each word of `text` starts and ends. */
export function tokenSpans(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /\S+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** `text` with its word `i` replaced by `word` (the rest of the line byte for byte). */
export function replaceToken(text: string, i: number, word: string): string {
  const [s, e] = tokenSpans(text)[i];
  return text.slice(0, s) + word + text.slice(e);
}

/** `text` with word `i` removed, with the space before it (or after it, for the first word). */
export function removeToken(text: string, i: number): string {
  const spans = tokenSpans(text);
  const [s, e] = spans[i];
  if (i > 0) return text.slice(0, spans[i - 1][1]) + text.slice(e);
  return text.slice(0, s) + text.slice(i + 1 < spans.length ? spans[i + 1][0] : e);
}

/** `text` with `word` inserted after word `i`. */
export function insertAfterToken(text: string, i: number, word: string): string {
  const e = tokenSpans(text)[i][1];
  return `${text.slice(0, e)} ${word}${text.slice(e)}`;
}

/** `text` with the space between words `i` and `i + 1` replaced by `gap`. */
export function setGap(text: string, i: number, gap: string): string {
  const spans = tokenSpans(text);
  return text.slice(0, spans[i][1]) + gap + text.slice(spans[i + 1][0]);
}

/** How many times `needle` occurs in `hay`, overlapping occurrences included. */
export function occurrences(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) n++;
  return n;
}

/** Levenshtein distance (small words only). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** A word split into its leading punctuation, its letters and its trailing punctuation, when it is shaped so. */
export function splitWord(token: string): { pre: string; core: string; post: string } | undefined {
  const m = /^([^\p{L}\p{N}]*)([\p{L}\p{N}]+)([^\p{L}\p{N}]*)$/u.exec(token);
  return m ? { pre: m[1], core: m[2], post: m[3] } : undefined;
}
